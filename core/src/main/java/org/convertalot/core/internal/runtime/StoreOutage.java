package org.convertalot.core.internal.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.JobId;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a store that keeps failing (a full disk, a read-only mount, a database that is down) from
 * one that failed once. An outage is a run of {@code store_unavailable} failures with no successful
 * write between them and no quiet gap longer than {@code gap}; once one has lasted {@code timeout},
 * the results this runtime waits for end with {@code store_unavailable} instead of waiting forever,
 * so a batch always ends with its summary. The jobs stay in the store as they were, for a later run
 * to finish.
 */
final class StoreOutage {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultConversionRuntime.class);

  private final Clock clock;
  private final Duration timeout;
  private final Duration gap;
  private Instant first;
  private Instant last;

  StoreOutage(Clock clock, Duration timeout, Duration gap) {
    this.clock = clock;
    this.timeout = timeout;
    this.gap = gap;
  }

  /** Notes a failed store call; only {@code store_unavailable} counts. */
  synchronized void failed(ConversionException e) {
    if (e.errorCode() != ErrorCode.STORE_UNAVAILABLE) {
      return;
    }
    Instant now = clock.instant();
    if (first == null || now.isAfter(last.plus(gap))) {
      first = now;
    }
    last = now;
  }

  /** Notes a store write that succeeded: the outage, if any, is over. */
  synchronized void wrote() {
    first = null;
    last = null;
  }

  /** Whether an outage has lasted the timeout and is still going on. */
  synchronized boolean exceeded() {
    Instant now = clock.instant();
    return first != null && !now.isAfter(last.plus(gap)) && !now.isBefore(first.plus(timeout));
  }

  /** Ends every awaited result of a job this runtime is not running with the outage's error. */
  void failWaiters(Map<JobId, CompletableFuture<ConversionResult>> pending, Set<JobId> running) {
    if (!exceeded()) {
      return;
    }
    Instant since;
    synchronized (this) {
      since = first;
    }
    for (JobId id : List.copyOf(pending.keySet())) {
      if (running.contains(id)) {
        continue;
      }
      CompletableFuture<ConversionResult> f = pending.remove(id);
      if (f != null) {
        try (JobMdc ignored = JobMdc.of(id, null)) {
          LOG.warn("giving up on job {}: the store has failed every write since {}", id, since);
        }
        f.completeExceptionally(
            new StoreUnavailableException(
                "the store has failed every write since "
                    + since
                    + " (more than "
                    + timeout.toSeconds()
                    + " s); job "
                    + id
                    + " stays as it is in the store for a later run",
                Map.of("reason", "store_outage", "since", since.toString()),
                null));
      }
    }
  }
}

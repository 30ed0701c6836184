package org.convertalot.core.internal.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The calls running on one engine, and the ones the runtime gave up on (deadline, stall, cancel,
 * lost lease, a failure of the run) that have not returned. A call that is still running {@link
 * #ABANDONED_AFTER} after the runtime gave up on it ignores interrupts and stop requests: it is
 * <em>abandoned</em>, and keeps its thread and its permit until it returns. An engine with {@link
 * #MAX_ABANDONED_CALLS} abandoned calls (or as many as its concurrency, when that is lower) is
 * unhealthy: the runtime stops giving it jobs, instead of piling up threads that never come back,
 * until its calls return. Thread-safe.
 */
final class EngineCalls {

  /**
   * How long a call may take to return after the runtime gave up on it before it counts as
   * abandoned: enough for an engine that checks its stop signal between pages, while the PDFBox
   * engine returns within milliseconds.
   */
  static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);

  /**
   * Abandoned calls an engine may have before it is unhealthy; an engine of lower concurrency is
   * unhealthy once all its permits are held by abandoned calls.
   */
  static final int MAX_ABANDONED_CALLS = 2;

  /** One call into the engine. Its state is guarded by the {@link EngineCalls} it belongs to. */
  static final class Call {
    private boolean started;
    private boolean returned;
    private boolean dropped;
  }

  private int running;
  private long abandonedAndReturned;
  private final Map<Call, Instant> givenUp = new IdentityHashMap<>();

  /** A new call, counted as running until it returns or is dropped before it started. */
  synchronized Call open() {
    running++;
    return new Call();
  }

  /**
   * The engine thread starts the call; false when the runtime gave up on it before it started, in
   * which case the call must not run (its permit was already given back).
   */
  synchronized boolean start(Call call) {
    if (call.dropped) {
      return false;
    }
    call.started = true;
    return true;
  }

  /**
   * The call returned (or threw); one that was abandoned is counted in the total. Called in the
   * engine thread's finally block, maybe with a full heap: the call counts as returned even when
   * reading the clock fails.
   */
  synchronized void returned(Call call, Clock clock) {
    if (call.returned || call.dropped) {
      return;
    }
    call.returned = true;
    running--;
    Instant at = givenUp.remove(call);
    if (at != null) {
      try {
        if (isAbandoned(at, clock.instant())) {
          abandonedAndReturned++;
        }
      } catch (OutOfMemoryError heapFull) {
        // Only the total misses it.
      }
    }
  }

  /**
   * The runtime gives up on the call. A call that has not started yet is dropped: it will never
   * run, and the caller gives its permit back. A running one is remembered from now on; with a full
   * heap it may not be, and is then never counted as abandoned.
   *
   * @return whether the call was dropped before it started
   */
  synchronized boolean giveUp(Call call, Clock clock) {
    if (call.returned || call.dropped) {
      return false;
    }
    if (!call.started) {
      call.dropped = true;
      running--;
      return true;
    }
    try {
      givenUp.putIfAbsent(call, clock.instant());
    } catch (OutOfMemoryError heapFull) {
      // Not remembered: see above.
    }
    return false;
  }

  /** Calls running now, including the ones the runtime gave up on. */
  synchronized int running() {
    return running;
  }

  /** Calls given up on at least {@link #ABANDONED_AFTER} before {@code now} that still run. */
  synchronized int abandoned(Instant now) {
    int count = 0;
    for (Instant at : givenUp.values()) {
      if (isAbandoned(at, now)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Every call abandoned since the runtime opened: those that still run and those that returned.
   */
  synchronized long abandonedTotal(Instant now) {
    return abandonedAndReturned + abandoned(now);
  }

  /** How many abandoned calls make an engine of this concurrency unhealthy. */
  static int unhealthyAt(int concurrency) {
    return Math.max(1, Math.min(MAX_ABANDONED_CALLS, concurrency));
  }

  private static boolean isAbandoned(Instant givenUpAt, Instant now) {
    return !now.isBefore(givenUpAt.plus(ABANDONED_AFTER));
  }
}

package org.convertalot.core.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.convertalot.api.JobId;
import org.convertalot.api.Progress;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BackendContext} of one run: progress, phases, the stop signal (asked or pushed to
 * listeners), deadline, temp dir.
 */
final class RunContext implements BackendContext {
  private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);
  private final JobId jobId;
  private final String runId;
  private final int attempt;
  private final Instant deadline;
  private final Path tempRoot;
  private final List<String> passwords;
  private final String tempPrefix;
  private Path tempDir;
  private final Clock clock;
  private final BiConsumer<JobId, Progress> progressListener;
  private final Map<String, Duration> finishedPhases = new LinkedHashMap<>();
  private volatile StopReason stopReason;
  private final List<Consumer<StopReason>> stopListeners = new CopyOnWriteArrayList<>();
  private volatile java.util.concurrent.Future<?> engine;
  private volatile Instant nextHeartbeat;
  private volatile Progress progress;
  private volatile Instant lastProgressAt;
  private String currentPhase;
  private Instant phaseStart;

  RunContext(
      JobId jobId,
      String runId,
      int attempt,
      Instant deadline,
      Path tempRoot,
      String tempPrefix,
      Clock clock,
      BiConsumer<JobId, Progress> progressListener,
      List<String> passwords) {
    this.jobId = jobId;
    this.runId = runId;
    this.attempt = attempt;
    this.deadline = deadline;
    this.tempRoot = tempRoot;
    this.passwords = passwords;
    this.tempPrefix = tempPrefix;
    this.clock = clock;
    this.progressListener = progressListener;
    Instant now = clock.instant();
    this.lastProgressAt = now;
    this.currentPhase = "prepare";
    this.phaseStart = now;
    this.progress = new Progress(0, 0, currentPhase, now);
    this.nextHeartbeat = now;
  }

  /** When the heartbeat thread should next heartbeat this run. */
  Instant nextHeartbeat() {
    return nextHeartbeat;
  }

  void scheduleHeartbeat(Instant at) {
    nextHeartbeat = at;
  }

  /** The engine's future, interrupted when the run is stopped. */
  void attachEngine(java.util.concurrent.Future<?> future) {
    this.engine = future;
    if (stopReason != null) {
      future.cancel(true);
    }
  }

  @Override
  public JobId jobId() {
    return jobId;
  }

  String runId() {
    return runId;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public void progress(int pagesDone, int pagesTotal) {
    Instant now = clock.instant();
    Progress previous = progress;
    Progress next =
        new Progress(Math.max(0, pagesDone), Math.max(0, pagesTotal), previous.phase(), now);
    progress = next;
    if (next.pagesDone() != previous.pagesDone() || next.pagesTotal() != previous.pagesTotal()) {
      lastProgressAt = now;
    }
    progressListener.accept(jobId, next);
  }

  @Override
  public synchronized void phase(String name) {
    Instant now = clock.instant();
    finishPhase(now);
    currentPhase = name;
    phaseStart = now;
    Progress p = progress;
    progress = new Progress(p.pagesDone(), p.pagesTotal(), name, now);
    // A new phase is progress too: the engine moved on.
    lastProgressAt = now;
  }

  private void finishPhase(Instant now) {
    if (currentPhase != null) {
      finishedPhases.merge(currentPhase, Duration.between(phaseStart, now), Duration::plus);
    }
  }

  /** The finished phases with their durations, in order. */
  synchronized Map<String, Duration> finishedPhases() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(finishedPhases));
  }

  /** Ends the current phase and returns every phase's duration. */
  synchronized Map<String, Duration> finishAllPhases() {
    finishPhase(clock.instant());
    currentPhase = null;
    return finishedPhases();
  }

  Progress currentProgress() {
    return progress;
  }

  Instant lastProgressAt() {
    return lastProgressAt;
  }

  @Override
  public Optional<StopReason> stopReason() {
    StopReason reason = stopReason;
    if (reason == null && Thread.currentThread().isInterrupted()) {
      // Interrupted by the runtime before it could say why: only close does that.
      return Optional.of(StopReason.SHUTDOWN);
    }
    return Optional.ofNullable(reason);
  }

  @Override
  public void onStop(Consumer<StopReason> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    stopListeners.add(listener);
    StopReason reason = stopReason;
    // Stopped before or while registering: tell it now; remove() makes the call happen once.
    if (reason != null && stopListeners.remove(listener)) {
      tell(listener, reason);
    }
  }

  /**
   * Stops the run: the first reason wins, listeners are told at once (outside any lock), and the
   * engine's thread is interrupted.
   */
  void stop(StopReason reason) {
    synchronized (this) {
      if (stopReason == null) {
        stopReason = reason;
      }
    }
    StopReason first = stopReason;
    for (Consumer<StopReason> l : stopListeners) {
      if (stopListeners.remove(l)) {
        tell(l, first);
      }
    }
    java.util.concurrent.Future<?> running = engine;
    if (running != null) {
      running.cancel(true);
    }
  }

  private void tell(Consumer<StopReason> listener, StopReason reason) {
    try {
      listener.accept(reason);
    } catch (Throwable t) {
      // Whatever an engine's listener throws, the run still stops and the caller's thread lives.
      ThreadGuard.survived(LOG, "stop listener of job", jobId, t);
    }
  }

  /**
   * Why the runtime stopped the run, or {@code null}; unlike {@link #stopReason()} it ignores
   * interrupts.
   */
  StopReason stoppedBy() {
    return stopReason;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  /** Creates the run's temp dir on first use, so engines that need none cost nothing. */
  @Override
  public synchronized Path tempDir() {
    if (tempDir == null) {
      try {
        Files.createDirectories(tempRoot);
        // The process token first, so a later runtime can remove the dirs of dead processes.
        String prefix = tempPrefix + "run-" + jobId + "-";
        tempDir = Files.createTempDirectory(tempRoot, prefix);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temp dir under " + tempRoot, e);
      }
    }
    return tempDir;
  }

  /** The temp dir if one was created, else {@code null}. */
  synchronized Path createdTempDir() {
    return tempDir;
  }

  @Override
  public List<String> passwords() {
    return passwords;
  }
}

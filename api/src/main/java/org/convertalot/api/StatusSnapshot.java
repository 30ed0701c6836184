package org.convertalot.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeResult;

/**
 * What a runtime and its store look like at one moment.
 *
 * @param libraryVersion the library version
 * @param gitRevision the git revision it was built from, or {@code unknown}
 * @param startedAt when the runtime opened
 * @param store a description of the store, for example the data root path
 * @param namespace the store's namespace
 * @param paused whether claiming is paused
 * @param workers the number of worker threads
 * @param counts jobs per state, every state present
 * @param counters the runtime's counters
 * @param engines the engines in resolution order with their probes
 * @param brokenProviders providers and engines that failed to load or to describe themselves, with
 *     the reason; they are skipped
 * @param running the running jobs with their liveness data
 * @param quarantined files the store could not read and moved aside, oldest first
 */
public record StatusSnapshot(
    String libraryVersion,
    String gitRevision,
    Instant startedAt,
    String store,
    String namespace,
    boolean paused,
    int workers,
    Map<JobState, Long> counts,
    Counters counters,
    List<EngineStatus> engines,
    List<String> brokenProviders,
    List<RunningJob> running,
    List<QuarantinedFile> quarantined) {

  /**
   * Copies collections and fills missing states with zero.
   *
   * @param libraryVersion the library version
   * @param gitRevision the git revision it was built from, or {@code unknown}
   * @param startedAt when the runtime opened
   * @param store a description of the store, for example the data root path
   * @param namespace the store's namespace
   * @param paused whether claiming is paused
   * @param workers the number of worker threads
   * @param counts jobs per state, every state present
   * @param counters the runtime's counters
   * @param engines the engines in resolution order with their probes
   * @param brokenProviders providers and engines that failed to load or to describe themselves,
   *     with the reason; they are skipped
   * @param running the running jobs with their liveness data
   * @param quarantined files the store could not read and moved aside, oldest first
   */
  public StatusSnapshot {
    Map<JobState, Long> all = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      all.put(s, counts == null ? 0L : counts.getOrDefault(s, 0L));
    }
    counts = Collections.unmodifiableMap(all);
    Objects.requireNonNull(counters, "counters");
    engines = List.copyOf(engines);
    quarantined = List.copyOf(quarantined);
    brokenProviders = List.copyOf(brokenProviders);
    running = List.copyOf(running);
  }

  /**
   * Counters since the runtime opened.
   *
   * @param submitted jobs submitted through this runtime (new ones only)
   * @param succeeded jobs this runtime completed
   * @param failed jobs this runtime failed
   * @param retried failures that were requeued with backoff
   * @param reaped stale RUNNING jobs moved back to QUEUED or FAILED by the reaper
   * @param impossibleStatesRepaired records breaking invariant Q or R that were repaired
   * @param integrityViolations SUCCEEDED jobs found with a missing or mismatched artifact
   * @param leasesLost writes refused with {@code lease_lost}
   * @param fallbacks {@code gpu_prefer} jobs that ran on CPU
   * @param pagesConverted pages converted by this runtime
   * @param succeededWithWarnings jobs this runtime completed whose result carries {@link Warning}s
   * @param failuresByCode the jobs this runtime failed for good (its own runs and the reaper's), by
   *     error code, sorted by code
   */
  public record Counters(
      long submitted,
      long succeeded,
      long failed,
      long retried,
      long reaped,
      long impossibleStatesRepaired,
      long integrityViolations,
      long leasesLost,
      long fallbacks,
      long pagesConverted,
      long succeededWithWarnings,
      Map<String, Long> failuresByCode) {

    /**
     * Copies the failures by code, sorted.
     *
     * @param submitted jobs submitted through this runtime (new ones only)
     * @param succeeded jobs this runtime completed
     * @param failed jobs this runtime failed
     * @param retried failures that were requeued with backoff
     * @param reaped stale RUNNING jobs moved back to QUEUED or FAILED by the reaper
     * @param impossibleStatesRepaired records breaking invariant Q or R that were repaired
     * @param integrityViolations SUCCEEDED jobs found with a missing or mismatched artifact
     * @param leasesLost writes refused with {@code lease_lost}
     * @param fallbacks {@code gpu_prefer} jobs that ran on CPU
     * @param pagesConverted pages converted by this runtime
     * @param succeededWithWarnings jobs this runtime completed whose result carries warnings
     * @param failuresByCode the jobs this runtime failed for good, by error code
     */
    public Counters {
      failuresByCode =
          Collections.unmodifiableMap(
              new java.util.TreeMap<>(failuresByCode == null ? Map.of() : failuresByCode));
    }

    /**
     * Counters without the count of results with warnings or the failures by code.
     *
     * @param submitted jobs submitted through this runtime (new ones only)
     * @param succeeded jobs this runtime completed
     * @param failed jobs this runtime failed
     * @param retried failures that were requeued with backoff
     * @param reaped stale RUNNING jobs moved back to QUEUED or FAILED by the reaper
     * @param impossibleStatesRepaired records breaking invariant Q or R that were repaired
     * @param integrityViolations SUCCEEDED jobs found with a missing or mismatched artifact
     * @param leasesLost writes refused with {@code lease_lost}
     * @param fallbacks {@code gpu_prefer} jobs that ran on CPU
     * @param pagesConverted pages converted by this runtime
     */
    public Counters(
        long submitted,
        long succeeded,
        long failed,
        long retried,
        long reaped,
        long impossibleStatesRepaired,
        long integrityViolations,
        long leasesLost,
        long fallbacks,
        long pagesConverted) {
      this(
          submitted,
          succeeded,
          failed,
          retried,
          reaped,
          impossibleStatesRepaired,
          integrityViolations,
          leasesLost,
          fallbacks,
          pagesConverted,
          0,
          Map.of());
    }
  }

  /**
   * An engine as the runtime sees it.
   *
   * @param id the engine id
   * @param version its version
   * @param capabilities what it can do
   * @param probe what its latest probe found, or {@code null} while it has not been probed
   * @param concurrency how many conversions this runtime runs on it at once (decided after the
   *     probe)
   * @param priority its priority among discovered engines
   * @param options the options it declares
   * @param diagnostics what the engine reports about itself (worker processes, restarts, crashes),
   *     and what the runtime knows about its calls ({@link #CALLS_RUNNING}, {@link
   *     #ABANDONED_CALLS}, {@link #ABANDONED_CALLS_TOTAL}, {@link #HEALTHY}, {@link
   *     #UNHEALTHY_REASON})
   */
  public record EngineStatus(
      String id,
      String version,
      BackendCapabilities capabilities,
      ProbeResult probe,
      int concurrency,
      int priority,
      List<EngineOption> options,
      Map<String, String> diagnostics) {
    /**
     * Copies the collections.
     *
     * @param id the engine id
     * @param version its version
     * @param capabilities what it can do
     * @param probe what its latest probe found, or {@code null} while it has not been probed
     * @param concurrency how many conversions this runtime runs on it at once (decided after the
     *     probe)
     * @param priority its priority among discovered engines
     * @param options the options it declares
     * @param diagnostics what the engine reports about itself (worker processes, restarts,
     *     crashes), and what the runtime knows about its calls (the keys below)
     */
    public EngineStatus {
      options = List.copyOf(options);
      diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** Key of {@link #diagnostics()} the runtime adds: calls running on the engine now. */
    public static final String CALLS_RUNNING = "calls_running";

    /**
     * Key of {@link #diagnostics()} the runtime adds: calls the runtime gave up on (deadline,
     * stall, cancel) that still run well after it stopped them, keeping their threads: the engine
     * ignores interrupts and stop requests.
     */
    public static final String ABANDONED_CALLS = "abandoned_calls";

    /** Key of {@link #diagnostics()} the runtime adds: calls abandoned since the runtime opened. */
    public static final String ABANDONED_CALLS_TOTAL = "abandoned_calls_total";

    /**
     * Key of {@link #diagnostics()} the runtime adds: {@code true}, or {@code false} while the
     * engine has so many abandoned calls that the runtime gives it no jobs.
     */
    public static final String HEALTHY = "healthy";

    /** Key of {@link #diagnostics()} the runtime adds while the engine is unhealthy: why. */
    public static final String UNHEALTHY_REASON = "unhealthy_reason";

    /**
     * Whether the runtime gives the engine jobs: false while too many of its calls ignored the
     * runtime's stop and still run (see {@link #ABANDONED_CALLS}); it recovers when they return.
     *
     * @return {@code false} when the diagnostics say the engine is unhealthy
     */
    public boolean healthy() {
      return !"false".equals(diagnostics.get(HEALTHY));
    }
  }

  /**
   * A running job with the data that tells slow from stalled.
   *
   * @param id the job
   * @param runId the run
   * @param owner the worker
   * @param attempt the attempt
   * @param startedAt when the run claimed it
   * @param heartbeatAt the last heartbeat
   * @param progress the last progress, or {@code null}
   * @param phaseTimings the finished phases with their durations
   */
  public record RunningJob(
      JobId id,
      String runId,
      WorkerIdentity owner,
      int attempt,
      Instant startedAt,
      Instant heartbeatAt,
      Progress progress,
      Map<String, Duration> phaseTimings) {}
}

package org.convertalot.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A job as stored, at one moment. Immutable; stores write new snapshots made with {@link
 * #toBuilder()}.
 *
 * @param id the job id
 * @param sequence the job's position in submit order within its store, from 1; the listing cursor
 * @param state the state
 * @param attempt how many times the job has been claimed
 * @param maxAttempts the most claims before a retryable failure becomes final
 * @param runId the fencing token of the current claim, or {@code null} unless RUNNING or ended by a
 *     run
 * @param owner the worker of the current claim, or {@code null}
 * @param createdAt when it was submitted
 * @param updatedAt when the record last changed
 * @param startedAt when the current run claimed it, or {@code null}
 * @param heartbeatAt the current run's last heartbeat, or {@code null}
 * @param finishedAt when it ended, or {@code null}
 * @param notBefore the earliest time it may be claimed again (retry backoff), or {@code null}
 * @param source the input
 * @param policy the policy
 * @param engineHint the requested engine id, or {@code null}
 * @param options the engine options
 * @param limits the limits
 * @param pages the pages to convert
 * @param cancelRequested whether a user asked to cancel it while it ran
 * @param error the last error, or {@code null}
 * @param manifest the artifact manifest once SUCCEEDED, else {@code null}
 * @param phaseTimings the finished phases of the current or last run with their durations
 * @param progress the last progress report of the current run, or {@code null}
 */
public record JobSnapshot(
    JobId id,
    long sequence,
    JobState state,
    int attempt,
    int maxAttempts,
    String runId,
    WorkerIdentity owner,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant heartbeatAt,
    Instant finishedAt,
    Instant notBefore,
    SourceRef source,
    Policy policy,
    String engineHint,
    Map<String, String> options,
    Limits limits,
    PageSelection pages,
    boolean cancelRequested,
    ErrorInfo error,
    ArtifactManifest manifest,
    Map<String, Duration> phaseTimings,
    Progress progress) {

  /**
   * Validates required fields and copies collections.
   *
   * @param id the job id
   * @param sequence the job's position in submit order within its store, from 1; the listing cursor
   * @param state the state
   * @param attempt how many times the job has been claimed
   * @param maxAttempts the most claims before a retryable failure becomes final
   * @param runId the fencing token of the current claim, or {@code null} unless RUNNING or ended by
   *     a run
   * @param owner the worker of the current claim, or {@code null}
   * @param createdAt when it was submitted
   * @param updatedAt when the record last changed
   * @param startedAt when the current run claimed it, or {@code null}
   * @param heartbeatAt the current run's last heartbeat, or {@code null}
   * @param finishedAt when it ended, or {@code null}
   * @param notBefore the earliest time it may be claimed again (retry backoff), or {@code null}
   * @param source the input
   * @param policy the policy
   * @param engineHint the requested engine id, or {@code null}
   * @param options the engine options
   * @param limits the limits
   * @param pages the pages to convert; {@code null} for {@link PageSelection#ALL}
   * @param cancelRequested whether a user asked to cancel it while it ran
   * @param error the last error, or {@code null}
   * @param manifest the artifact manifest once SUCCEEDED, else {@code null}
   * @param phaseTimings the finished phases of the current or last run with their durations
   * @param progress the last progress report of the current run, or {@code null}
   */
  public JobSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limits, "limits");
    pages = pages == null ? PageSelection.ALL : pages;
    options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    phaseTimings =
        phaseTimings == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(phaseTimings));
  }

  /**
   * What the engine wants the user to know about the result, kept in the manifest.
   *
   * @return the manifest's warnings; empty unless SUCCEEDED with warnings
   */
  public List<Warning> warnings() {
    return manifest == null ? List.of() : manifest.warnings();
  }

  /**
   * A builder holding this snapshot's values.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder for a new job's first snapshot.
   *
   * @param id the job id
   * @param sequence the job's position in submit order within its store, from 1
   * @param source the input
   * @param policy the policy
   * @param createdAt when it was submitted
   * @return the builder; the other fields start at their defaults
   */
  public static Builder builder(
      JobId id, long sequence, SourceRef source, Policy policy, Instant createdAt) {
    Builder b = new Builder();
    b.id = id;
    b.sequence = sequence;
    b.source = source;
    b.policy = policy;
    b.createdAt = createdAt;
    b.updatedAt = createdAt;
    b.state = JobState.QUEUED;
    b.limits = Limits.DEFAULTS;
    b.maxAttempts = 3;
    return b;
  }

  /** Copies a snapshot with changes. Not thread-safe; the built snapshot is. */
  public static final class Builder {
    private JobId id;
    private long sequence;
    private JobState state;
    private int attempt;
    private int maxAttempts;
    private String runId;
    private WorkerIdentity owner;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant heartbeatAt;
    private Instant finishedAt;
    private Instant notBefore;
    private SourceRef source;
    private Policy policy;
    private String engineHint;
    private Map<String, String> options = Map.of();
    private Limits limits;
    private PageSelection pages = PageSelection.ALL;
    private boolean cancelRequested;
    private ErrorInfo error;
    private ArtifactManifest manifest;
    private Map<String, Duration> phaseTimings = Map.of();
    private Progress progress;

    private Builder() {}

    private Builder(JobSnapshot s) {
      id = s.id;
      sequence = s.sequence;
      state = s.state;
      attempt = s.attempt;
      maxAttempts = s.maxAttempts;
      runId = s.runId;
      owner = s.owner;
      createdAt = s.createdAt;
      updatedAt = s.updatedAt;
      startedAt = s.startedAt;
      heartbeatAt = s.heartbeatAt;
      finishedAt = s.finishedAt;
      notBefore = s.notBefore;
      source = s.source;
      policy = s.policy;
      engineHint = s.engineHint;
      options = s.options;
      limits = s.limits;
      pages = s.pages;
      cancelRequested = s.cancelRequested;
      error = s.error;
      manifest = s.manifest;
      phaseTimings = s.phaseTimings;
      progress = s.progress;
    }

    /**
     * Sets the state.
     *
     * @param v sets the state
     * @return this builder
     */
    public Builder state(JobState v) {
      state = v;
      return this;
    }

    /**
     * Sets the attempt count.
     *
     * @param v sets the attempt count
     * @return this builder
     */
    public Builder attempt(int v) {
      attempt = v;
      return this;
    }

    /**
     * Sets the attempt limit.
     *
     * @param v sets the attempt limit
     * @return this builder
     */
    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    /**
     * Sets the run id.
     *
     * @param v sets the run id
     * @return this builder
     */
    public Builder runId(String v) {
      runId = v;
      return this;
    }

    /**
     * Sets the owner.
     *
     * @param v sets the owner
     * @return this builder
     */
    public Builder owner(WorkerIdentity v) {
      owner = v;
      return this;
    }

    /**
     * Sets the update time.
     *
     * @param v sets the update time
     * @return this builder
     */
    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }

    /**
     * Sets the start time of the current run.
     *
     * @param v sets the start time of the current run
     * @return this builder
     */
    public Builder startedAt(Instant v) {
      startedAt = v;
      return this;
    }

    /**
     * Sets the last heartbeat.
     *
     * @param v sets the last heartbeat
     * @return this builder
     */
    public Builder heartbeatAt(Instant v) {
      heartbeatAt = v;
      return this;
    }

    /**
     * Sets the end time.
     *
     * @param v sets the end time
     * @return this builder
     */
    public Builder finishedAt(Instant v) {
      finishedAt = v;
      return this;
    }

    /**
     * Sets the earliest next claim time.
     *
     * @param v sets the earliest next claim time
     * @return this builder
     */
    public Builder notBefore(Instant v) {
      notBefore = v;
      return this;
    }

    /**
     * Sets the engine hint.
     *
     * @param v sets the engine hint
     * @return this builder
     */
    public Builder engineHint(String v) {
      engineHint = v;
      return this;
    }

    /**
     * Sets the options.
     *
     * @param v sets the options
     * @return this builder
     */
    public Builder options(Map<String, String> v) {
      options = v;
      return this;
    }

    /**
     * Sets the limits.
     *
     * @param v sets the limits
     * @return this builder
     */
    public Builder limits(Limits v) {
      limits = v;
      return this;
    }

    /**
     * Sets the pages to convert.
     *
     * @param v sets the pages to convert
     * @return this builder
     */
    public Builder pages(PageSelection v) {
      pages = v;
      return this;
    }

    /**
     * Sets the cancel-requested flag.
     *
     * @param v sets the cancel-requested flag
     * @return this builder
     */
    public Builder cancelRequested(boolean v) {
      cancelRequested = v;
      return this;
    }

    /**
     * Sets the error.
     *
     * @param v sets the error
     * @return this builder
     */
    public Builder error(ErrorInfo v) {
      error = v;
      return this;
    }

    /**
     * Sets the manifest.
     *
     * @param v sets the manifest
     * @return this builder
     */
    public Builder manifest(ArtifactManifest v) {
      manifest = v;
      return this;
    }

    /**
     * Sets the phase timings.
     *
     * @param v sets the phase timings
     * @return this builder
     */
    public Builder phaseTimings(Map<String, Duration> v) {
      phaseTimings = v;
      return this;
    }

    /**
     * Sets the progress.
     *
     * @param v sets the progress
     * @return this builder
     */
    public Builder progress(Progress v) {
      progress = v;
      return this;
    }

    /**
     * Clears every field that only a RUNNING job may hold (invariant Q).
     *
     * @return this builder
     */
    public Builder clearOwnership() {
      runId = null;
      owner = null;
      startedAt = null;
      heartbeatAt = null;
      progress = null;
      return this;
    }

    /**
     * Builds the snapshot.
     *
     * @return the snapshot
     */
    public JobSnapshot build() {
      return new JobSnapshot(
          id,
          sequence,
          state,
          attempt,
          maxAttempts,
          runId,
          owner,
          createdAt,
          updatedAt,
          startedAt,
          heartbeatAt,
          finishedAt,
          notBefore,
          source,
          policy,
          engineHint,
          options,
          limits,
          pages,
          cancelRequested,
          error,
          manifest,
          phaseTimings,
          progress);
    }
  }
}

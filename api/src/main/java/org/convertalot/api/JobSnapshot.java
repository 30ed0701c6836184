package org.convertalot.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    boolean cancelRequested,
    ErrorInfo error,
    ArtifactManifest manifest,
    Map<String, Duration> phaseTimings,
    Progress progress) {

  /** Validates required fields and copies collections. */
  public JobSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limits, "limits");
    options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    phaseTimings =
        phaseTimings == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(phaseTimings));
  }

  /** The error, when the job has one. */
  public Optional<ErrorInfo> errorInfo() {
    return Optional.ofNullable(error);
  }

  /** The manifest, when the job succeeded. */
  public Optional<ArtifactManifest> artifact() {
    return Optional.ofNullable(manifest);
  }

  /** A builder holding this snapshot's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder for a new job's first snapshot. */
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
      cancelRequested = s.cancelRequested;
      error = s.error;
      manifest = s.manifest;
      phaseTimings = s.phaseTimings;
      progress = s.progress;
    }

    /** Sets the state. */
    public Builder state(JobState v) {
      state = v;
      return this;
    }

    /** Sets the attempt count. */
    public Builder attempt(int v) {
      attempt = v;
      return this;
    }

    /** Sets the attempt limit. */
    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    /** Sets the run id. */
    public Builder runId(String v) {
      runId = v;
      return this;
    }

    /** Sets the owner. */
    public Builder owner(WorkerIdentity v) {
      owner = v;
      return this;
    }

    /** Sets the update time. */
    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }

    /** Sets the start time of the current run. */
    public Builder startedAt(Instant v) {
      startedAt = v;
      return this;
    }

    /** Sets the last heartbeat. */
    public Builder heartbeatAt(Instant v) {
      heartbeatAt = v;
      return this;
    }

    /** Sets the end time. */
    public Builder finishedAt(Instant v) {
      finishedAt = v;
      return this;
    }

    /** Sets the earliest next claim time. */
    public Builder notBefore(Instant v) {
      notBefore = v;
      return this;
    }

    /** Sets the engine hint. */
    public Builder engineHint(String v) {
      engineHint = v;
      return this;
    }

    /** Sets the options. */
    public Builder options(Map<String, String> v) {
      options = v;
      return this;
    }

    /** Sets the limits. */
    public Builder limits(Limits v) {
      limits = v;
      return this;
    }

    /** Sets the cancel-requested flag. */
    public Builder cancelRequested(boolean v) {
      cancelRequested = v;
      return this;
    }

    /** Sets the error. */
    public Builder error(ErrorInfo v) {
      error = v;
      return this;
    }

    /** Sets the manifest. */
    public Builder manifest(ArtifactManifest v) {
      manifest = v;
      return this;
    }

    /** Sets the phase timings. */
    public Builder phaseTimings(Map<String, Duration> v) {
      phaseTimings = v;
      return this;
    }

    /** Sets the progress. */
    public Builder progress(Progress v) {
      progress = v;
      return this;
    }

    /** Clears every field that only a RUNNING job may hold (invariant Q). */
    public Builder clearOwnership() {
      runId = null;
      owner = null;
      startedAt = null;
      heartbeatAt = null;
      progress = null;
      return this;
    }

    /** Builds the snapshot. */
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
          cancelRequested,
          error,
          manifest,
          phaseTimings,
          progress);
    }
  }
}

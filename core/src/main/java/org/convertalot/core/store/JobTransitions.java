package org.convertalot.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Progress;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.api.error.TerminalStateConflictException;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.store.spi.JobInvariants;

/**
 * The job lifecycle, decided in one place for every store: pure functions from the current
 * snapshot, the store's time and the caller's inputs to the next snapshot. No I/O and no clock: the
 * store reads its record (under its lock, or as a row), passes its own {@code now}, writes what
 * comes back, and owns the atomicity of that read-decide-write (db-scheduler's split: the
 * repository executes, the scheduler decides).
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Every returned snapshot has passed {@link JobInvariants#checkWrite}: it keeps Q, R and S,
 *       and no function returns a change to a terminal job (T).
 *   <li>Every write after a claim is fenced: the run's functions ({@link #heartbeat}, {@link
 *       #complete}, {@link #fail}, {@link #release}, {@link #markCanceled}) start with {@link
 *       #checkFence}, which answers {@code terminal_state_conflict} before {@code lease_lost}.
 *   <li>A user's cancel wins over a retry and over the reaper's requeue.
 *   <li>Liveness is judged by the heartbeat only, never by the start time.
 * </ul>
 *
 * <p>A SQL store reads the row, decides here, and writes {@code UPDATE … WHERE id = ? AND run_id =
 * ? AND state = 'RUNNING'} (the reaper adds {@code AND heartbeat_at = ?}); when no row changed it
 * reads again and calls {@link #checkFence} for the error the caller must hear.
 */
public final class JobTransitions {
  private JobTransitions() {}

  // ---------------------------------------------------------------- submit

  /**
   * The first snapshot of a submitted job: QUEUED, attempt 0, nothing owned.
   *
   * @param job the request
   * @param id the new job's id
   * @param sequence its position in submit order within the store, from 1
   * @param now the store's time
   * @return the QUEUED snapshot to insert
   */
  public static JobSnapshot submit(NewJob job, JobId id, long sequence, Instant now) {
    JobSnapshot created =
        JobSnapshot.builder(id, sequence, job.source(), job.policy(), now)
            .engineHint(job.engineHint())
            .options(job.options())
            .limits(job.limits())
            .pages(job.pages())
            .maxAttempts(job.maxAttempts())
            .build();
    return checked(null, created);
  }

  /**
   * Whether a submit with the same {@link NewJob#idempotencyKey()} answers with this job instead of
   * creating one: every job that neither FAILED nor was CANCELED (a SUCCEEDED one included).
   *
   * @param existing the job stored under the key
   * @return true when the submit returns {@code existing}
   */
  public static boolean isReusable(JobSnapshot existing) {
    return existing.state() != JobState.FAILED && existing.state() != JobState.CANCELED;
  }

  // ---------------------------------------------------------------- claim

  /**
   * Whether a claim may take the job now: it is QUEUED and its retry backoff has passed.
   *
   * @param job the job
   * @param now the store's time
   * @return true when {@link #claim} accepts it
   */
  public static boolean isClaimable(JobSnapshot job, Instant now) {
    return job.state() == JobState.QUEUED
        && (job.notBefore() == null || !job.notBefore().isAfter(now));
  }

  /**
   * QUEUED → RUNNING: the attempt is counted, the new run id, owner, start and heartbeat are set,
   * and what belonged to an earlier run (not-before, progress, phase timings) is cleared.
   *
   * @param queued a job for which {@link #isClaimable} holds
   * @param now the store's time
   * @param runId the new run's fencing token, fresh for this claim
   * @param owner the claiming worker
   * @return the RUNNING snapshot
   * @throws IllegalStateException when the job is not claimable now
   */
  public static JobSnapshot claim(
      JobSnapshot queued, Instant now, String runId, WorkerIdentity owner) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(owner, "owner");
    if (!isClaimable(queued, now)) {
      throw new IllegalStateException(
          "job "
              + queued.id()
              + " is not claimable: "
              + queued.state()
              + ", "
              + queued.notBefore());
    }
    JobSnapshot claimed =
        queued.toBuilder()
            .state(JobState.RUNNING)
            .attempt(queued.attempt() + 1)
            .runId(runId)
            .owner(owner)
            .startedAt(now)
            .heartbeatAt(now)
            .updatedAt(now)
            .notBefore(null)
            .progress(null)
            .phaseTimings(Map.of())
            .build();
    return checked(queued, claimed);
  }

  // ---------------------------------------------------------------- fenced writes of a run

  /**
   * Refuses a run's write to a job it does not own: first T (an ended job never changes), then F
   * (the job is RUNNING under this run id).
   *
   * @param current the job as stored
   * @param runId the run id the writer holds
   * @throws TerminalStateConflictException when the job has ended; details {@code state}, {@code
   *     run_id}
   * @throws LeaseLostException when the job is not RUNNING under {@code runId}; details {@code
   *     state}, {@code run_id}, {@code current_run_id}
   */
  public static void checkFence(JobSnapshot current, String runId) {
    if (current.state().isTerminal()) {
      throw new TerminalStateConflictException(
          "job " + current.id() + " already ended " + current.state(),
          Map.of("state", current.state().name(), "run_id", String.valueOf(runId)),
          current.id().value(),
          current.attempt());
    }
    if (current.state() != JobState.RUNNING || runId == null || !runId.equals(current.runId())) {
      throw new LeaseLostException(
          "run " + runId + " no longer owns job " + current.id(),
          Map.of(
              "state", current.state().name(),
              "run_id", String.valueOf(runId),
              "current_run_id", String.valueOf(current.runId())),
          current.id().value(),
          current.attempt());
    }
  }

  /**
   * The run is alive: heartbeat and update time become {@code now}. Fenced.
   *
   * @param current the job as stored
   * @param now the store's time
   * @param runId the writer's run id
   * @param progress the latest progress, or {@code null} to keep the stored one
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the RUNNING snapshot; check {@link JobSnapshot#cancelRequested()}
   */
  public static JobSnapshot heartbeat(
      JobSnapshot current,
      Instant now,
      String runId,
      Progress progress,
      Map<String, Duration> phaseTimings) {
    checkFence(current, runId);
    JobSnapshot.Builder b = current.toBuilder().heartbeatAt(now).updatedAt(now);
    if (progress != null) {
      b.progress(progress);
    }
    if (phaseTimings != null) {
      b.phaseTimings(phaseTimings);
    }
    return checked(current, b.build());
  }

  /**
   * Refuses a manifest that does not describe the staged artifact it would publish: another job's
   * or run's, or other bytes. Checked before anything is read or written.
   *
   * @param id the job the caller completes
   * @param runId the caller's run id
   * @param staged what the run staged
   * @param manifest the manifest it wants recorded
   * @throws IntegrityViolationException when they disagree; details {@code staged_sha256}, {@code
   *     manifest_sha256}
   */
  public static void checkManifest(
      JobId id, String runId, StagedArtifact staged, ArtifactManifest manifest) {
    if (!staged.jobId().equals(id)
        || !staged.runId().equals(runId)
        || !manifest.jobId().equals(id)
        || !manifest.runId().equals(runId)
        || !manifest.sha256().equals(staged.sha256())
        || manifest.size() != staged.size()) {
      throw new IntegrityViolationException(
          "manifest does not describe the staged artifact",
          Map.of("staged_sha256", staged.sha256(), "manifest_sha256", manifest.sha256()),
          id.value(),
          manifest.attempt());
    }
  }

  /**
   * Refuses artifact bytes read back that do not hash to their manifest or are of another size: a
   * store serves nothing else. One rule for every store; the caller flags the job.
   *
   * @param manifest the SUCCEEDED job's manifest
   * @param bytes what the store read
   * @param message what the error says, naming where the bytes were
   * @param where details naming where the bytes were (a path, a run id)
   * @throws IntegrityViolationException when they differ; details {@code expected_sha256}, {@code
   *     actual_sha256}, {@code expected_size}, {@code actual_size} beside {@code where}
   */
  public static void checkArtifact(
      ArtifactManifest manifest, byte[] bytes, String message, Map<String, String> where) {
    String sha = Hashing.sha256Hex(bytes);
    if (sha.equals(manifest.sha256()) && bytes.length == manifest.size()) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>(where);
    details.put("expected_sha256", manifest.sha256());
    details.put("actual_sha256", sha);
    details.put("expected_size", String.valueOf(manifest.size()));
    details.put("actual_size", String.valueOf(bytes.length));
    throw new IntegrityViolationException(
        message, details, manifest.jobId().value(), manifest.attempt());
  }

  /**
   * RUNNING → SUCCEEDED with the manifest; the last error is cleared. Fenced. The store publishes
   * the artifact in the same step.
   *
   * @param current the job as stored
   * @param now the store's time
   * @param runId the writer's run id
   * @param manifest the published artifact's manifest
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the SUCCEEDED snapshot, or CANCELED when the job's cancel was requested: the store then
   *     discards the staged artifact instead of publishing it
   */
  public static JobSnapshot complete(
      JobSnapshot current,
      Instant now,
      String runId,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings) {
    checkFence(current, runId);
    if (current.cancelRequested()) {
      // A cancel the user saw acknowledged wins, however late: nothing is published.
      return checked(
          current,
          canceledInsteadOfRequeued(current, now, "cancel was requested before it published")
              .toBuilder()
              .phaseTimings(phaseTimings == null ? current.phaseTimings() : phaseTimings)
              .build());
    }
    JobSnapshot done =
        current.toBuilder()
            .state(JobState.SUCCEEDED)
            .manifest(manifest)
            .finishedAt(now)
            .updatedAt(now)
            .error(null)
            .phaseTimings(phaseTimings == null ? current.phaseTimings() : phaseTimings)
            .build();
    return checked(current, done);
  }

  /**
   * Ends a run with an error. Retryable with attempts left: back to QUEUED, owner fields cleared,
   * {@code not-before = now + backoff}; else FAILED. When the job's cancel was requested, a retry
   * becomes CANCELED instead (the cancel wins); a final failure stays FAILED. Fenced.
   *
   * @param current the job as stored
   * @param now the store's time
   * @param runId the writer's run id
   * @param error what went wrong
   * @param backoff how long before the job may be claimed again, or {@code null} for at once
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the QUEUED, FAILED or CANCELED snapshot
   */
  public static JobSnapshot fail(
      JobSnapshot current,
      Instant now,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings) {
    checkFence(current, runId);
    boolean retry = error.retryable() && current.attempt() < current.maxAttempts();
    if (retry && current.cancelRequested()) {
      return checked(
          current, canceledInsteadOfRequeued(current, now, "its run failed: " + error.message()));
    }
    JobSnapshot.Builder b =
        current.toBuilder()
            .error(error)
            .updatedAt(now)
            .phaseTimings(phaseTimings == null ? current.phaseTimings() : phaseTimings);
    JobSnapshot next =
        retry
            ? b.state(JobState.QUEUED)
                .clearOwnership()
                .notBefore(now.plus(backoff == null ? Duration.ZERO : backoff))
                .build()
            : b.state(JobState.FAILED).finishedAt(now).build();
    return checked(current, next);
  }

  /**
   * Gives a claimed job back without counting the attempt (a runtime closing): RUNNING → QUEUED,
   * owner fields cleared, the attempt taken back. A job whose cancel was requested ends CANCELED
   * instead. Fenced.
   *
   * @param current the job as stored
   * @param now the store's time
   * @param runId the writer's run id
   * @return the QUEUED or CANCELED snapshot
   */
  public static JobSnapshot release(JobSnapshot current, Instant now, String runId) {
    checkFence(current, runId);
    if (current.cancelRequested()) {
      return checked(current, canceledInsteadOfRequeued(current, now, "its run was released"));
    }
    JobSnapshot next =
        current.toBuilder()
            .state(JobState.QUEUED)
            .attempt(Math.max(0, current.attempt() - 1))
            .clearOwnership()
            .updatedAt(now)
            .build();
    return checked(current, next);
  }

  /**
   * RUNNING → CANCELED for a run that stopped because its job was asked to cancel. Fenced.
   *
   * @param current the job as stored
   * @param now the store's time
   * @param runId the writer's run id
   * @return the CANCELED snapshot
   */
  public static JobSnapshot markCanceled(JobSnapshot current, Instant now, String runId) {
    checkFence(current, runId);
    JobSnapshot next =
        current.toBuilder()
            .state(JobState.CANCELED)
            .finishedAt(now)
            .updatedAt(now)
            .error(new ErrorInfo(ErrorCode.CANCELED, "canceled while running", Map.of(), false))
            .build();
    return checked(current, next);
  }

  // ---------------------------------------------------------------- cancel

  /**
   * A user's cancel: QUEUED → CANCELED at once; RUNNING → cancel requested (its worker stops and
   * calls {@link #markCanceled}). Not fenced: it needs no run id.
   *
   * @param current the job as stored
   * @param now the store's time
   * @return the snapshot to write, or empty when nothing changes (the job has ended, or its cancel
   *     was already requested): the store then answers with {@code current} and writes nothing
   */
  public static Optional<JobSnapshot> cancel(JobSnapshot current, Instant now) {
    switch (current.state()) {
      case QUEUED:
        JobSnapshot canceled =
            current.toBuilder()
                .state(JobState.CANCELED)
                .finishedAt(now)
                .updatedAt(now)
                .error(new ErrorInfo(ErrorCode.CANCELED, "canceled while queued", Map.of(), false))
                .build();
        return Optional.of(checked(current, canceled));
      case RUNNING:
        if (current.cancelRequested()) {
          return Optional.empty();
        }
        return Optional.of(
            checked(current, current.toBuilder().cancelRequested(true).updatedAt(now).build()));
      default:
        return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- reaper

  /**
   * Whether a job is RUNNING and its last heartbeat is more than the stale threshold before {@code
   * now}. Judged by the heartbeat only: a long run that heartbeats is never stale, whenever it
   * started. The threshold is the longer of the reaper's and the one the owner declared when it
   * claimed ({@link WorkerIdentity#staleAfter()}), so a process with a short threshold never reaps
   * the live runs of one that heartbeats less often.
   *
   * @param job the job
   * @param now the store's time
   * @param staleAfter the reaper's stale threshold
   * @return true when the reaper takes it back
   */
  public static boolean isStale(JobSnapshot job, Instant now, Duration staleAfter) {
    return job.state() == JobState.RUNNING
        && (job.heartbeatAt() == null
            || job.heartbeatAt().plus(staleThreshold(job, staleAfter)).isBefore(now));
  }

  /**
   * The threshold a reaper applies to a job: its own, or the owner's declared one when longer.
   *
   * @param job the job
   * @param staleAfter the reaper's stale threshold
   * @return the longer of the two
   */
  public static Duration staleThreshold(JobSnapshot job, Duration staleAfter) {
    Duration declared = job.owner() == null ? null : job.owner().staleAfter();
    return declared != null && declared.compareTo(staleAfter) > 0 ? declared : staleAfter;
  }

  /**
   * The reaper's write for a stale run: back to QUEUED (the attempt stays counted) with error
   * {@code stalled} while attempts are left, else FAILED {@code stalled}; a job whose cancel was
   * requested ends CANCELED instead. The store re-checks under its lock (or in its {@code WHERE}):
   * this function only answers for the snapshot it is given.
   *
   * @param current the job as stored
   * @param now the store's time
   * @param staleAfter the stale threshold
   * @return the QUEUED, FAILED or CANCELED snapshot, or empty when {@link #isStale} does not hold
   */
  public static Optional<JobSnapshot> reap(JobSnapshot current, Instant now, Duration staleAfter) {
    if (!isStale(current, now, staleAfter)) {
      return Optional.empty();
    }
    if (current.cancelRequested()) {
      return Optional.of(
          checked(
              current, canceledInsteadOfRequeued(current, now, "its worker stopped heartbeating")));
    }
    ErrorInfo stalled =
        new ErrorInfo(
            ErrorCode.STALLED,
            "no heartbeat since " + current.heartbeatAt() + " from " + current.owner(),
            Map.of("run_id", current.runId(), "owner", String.valueOf(current.owner())),
            true);
    JobSnapshot next =
        current.attempt() < current.maxAttempts()
            ? current.toBuilder()
                .state(JobState.QUEUED)
                .clearOwnership()
                .error(stalled)
                .updatedAt(now)
                .notBefore(null)
                .build()
            : current.toBuilder()
                .state(JobState.FAILED)
                .error(stalled)
                .finishedAt(now)
                .updatedAt(now)
                .build();
    return Optional.of(checked(current, next));
  }

  // ---------------------------------------------------------------- sanitizer

  /**
   * The sanitizer's repair of a record that breaks Q or R: an owner-less RUNNING job can never be
   * heartbeated or reaped, and a QUEUED job with an owner or with no attempt left wedges claims.
   * The repair follows the reaper's rule, as for a run that was lost: a job whose cancel was
   * requested ends CANCELED; one with attempts left goes back to a clean QUEUED with the attempt
   * kept; one without ends FAILED {@code stalled}. Only a store that can hold such records needs it
   * (a schema with constraints cannot).
   *
   * @param current the job as stored
   * @param now the store's time
   * @return the repaired QUEUED, CANCELED or FAILED snapshot, or empty when the record keeps Q and
   *     R
   */
  public static Optional<JobSnapshot> repair(JobSnapshot current, Instant now) {
    if (!breaksQueueOrRun(current)) {
      return Optional.empty();
    }
    JobSnapshot cleared = current.toBuilder().clearOwnership().updatedAt(now).build();
    JobSnapshot repaired;
    if (current.cancelRequested()) {
      repaired = canceledInsteadOfRequeued(cleared, now, "its record was repaired");
    } else if (current.attempt() < current.maxAttempts()) {
      repaired = cleared.toBuilder().state(JobState.QUEUED).build();
    } else {
      ErrorInfo lost =
          new ErrorInfo(
              ErrorCode.STALLED,
              "its run left an impossible record on its last attempt: "
                  + JobInvariants.violations(current),
              Map.of(),
              true);
      repaired =
          cleared.toBuilder()
              .state(JobState.FAILED)
              .error(lost)
              .finishedAt(now)
              .progress(null)
              .build();
    }
    // Only Q and R are this repair's to guarantee; anything else wrong stays for verify to report.
    if (breaksQueueOrRun(repaired)) {
      throw new IllegalStateException("repair of job " + current.id() + " still breaks Q or R");
    }
    return Optional.of(repaired);
  }

  private static boolean breaksQueueOrRun(JobSnapshot job) {
    return JobInvariants.violations(job).stream().anyMatch(JobInvariants::isRepairable);
  }

  // ---------------------------------------------------------------- retry backoff

  /**
   * The backoff before a failed attempt's retry: {@code first}, doubled per attempt after the
   * first, never more than {@code max}.
   *
   * @param attempt the attempt that failed, from 1
   * @param first the backoff after the first attempt
   * @param max the longest backoff
   * @return the backoff to pass to {@link #fail}
   */
  public static Duration retryBackoff(int attempt, Duration first, Duration max) {
    Duration d = first;
    for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A run of a job whose cancel was requested ended without publishing (failed, reaped or
   * released): the user's cancel wins over a retry.
   */
  private static JobSnapshot canceledInsteadOfRequeued(JobSnapshot job, Instant now, String why) {
    return job.toBuilder()
        .state(JobState.CANCELED)
        .finishedAt(now)
        .updatedAt(now)
        .error(new ErrorInfo(ErrorCode.CANCELED, "canceled while running; " + why, Map.of(), false))
        .build();
  }

  private static JobSnapshot checked(JobSnapshot current, JobSnapshot next) {
    JobInvariants.checkWrite(current, next);
    return next;
  }
}

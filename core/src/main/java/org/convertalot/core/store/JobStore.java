package org.convertalot.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.JobTotals;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.JobNotFoundException;

/**
 * The job store SPI. A store keeps job records and artifacts durable and enforces the contract's
 * invariants itself: it refuses any write that would break Q, R, T, F, S or O. Every write after a
 * claim names the claim's run id and fails with {@code lease_lost} when the run no longer owns the
 * job; writes to an ended job fail with {@code terminal_state_conflict}. Implementations are
 * thread-safe and safe to share between processes on the same data.
 *
 * <p>All times come from the store's own clock.
 *
 * <p>Writing a store: read the record, decide the next snapshot with {@link JobTransitions} (which
 * checks the fence and the invariants), write it atomically; {@link org.convertalot.core.store.spi}
 * has the record codec, the invariant checks and streamed hashing. {@code JobStoreContract} in
 * {@code convertalot-testkit} is the conformance suite every store passes, and {@code
 * ClaimRaceContract} the cross-process claim race for a store that several JVMs share.
 */
public interface JobStore extends AutoCloseable {

  /**
   * A description for status output.
   *
   * @return for example {@code file:/data/convertalot}
   */
  String describe();

  /**
   * The namespace this store was opened with.
   *
   * @return the namespace
   */
  String namespace();

  /**
   * The store's current time, the one every timestamp it writes comes from.
   *
   * @return now, by the store's clock
   */
  Instant now();

  /**
   * Enqueues a job, or returns the existing job with the same idempotency key (same source sha256,
   * policy, engine hint, options and limits: {@link NewJob#idempotencyKey()}) unless that job
   * FAILED or was CANCELED ({@link JobTransitions#isReusable}).
   *
   * @param job the request
   * @return the new or the existing job, and which
   */
  SubmitResult submit(NewJob job);

  /**
   * The job, when it exists.
   *
   * @param id the job
   * @return its current snapshot, or empty
   */
  Optional<JobSnapshot> find(JobId id);

  /**
   * The job, or {@code job_not_found}.
   *
   * @param id the job
   * @return its current snapshot
   * @throws JobNotFoundException when no job has this id
   */
  default JobSnapshot get(JobId id) {
    return find(id).orElseThrow(() -> new JobNotFoundException(id.value()));
  }

  /**
   * Many jobs in one call, for a runtime's maintenance loop that follows every pending job. Each
   * snapshot is as current as a {@link #find} of it; the set need not be one consistent moment. The
   * default calls {@link #find} for each id; a store that can read them in one query (a SQL {@code
   * WHERE id IN (…)}) should.
   *
   * @param ids the jobs to read
   * @return the jobs that exist, in the order of {@code ids}; ids that name no job are left out
   */
  default List<JobSnapshot> findAll(Collection<JobId> ids) {
    List<JobSnapshot> out = new ArrayList<>(ids.size());
    for (JobId id : ids) {
      find(id).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Claims the oldest QUEUED job whose not-before time has passed: QUEUED → RUNNING with a new run
   * id, the owner, start and heartbeat times set and the attempt counted, in one atomic write.
   * Exactly one caller wins each job, across threads and processes.
   *
   * @param owner the claiming worker
   * @return the RUNNING job, or empty when none is claimable now
   */
  Optional<JobSnapshot> claim(WorkerIdentity owner);

  /**
   * Records that the run is alive, with its latest progress and finished phase timings. Fenced.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @param progress the latest progress, or {@code null} to keep the stored one
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the job after the write; check {@link JobSnapshot#cancelRequested()}
   */
  JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings);

  /**
   * Writes Markdown to a place private to the run, hashing it in the same pass. Nothing staged is
   * visible until {@link #complete} promotes it. Fenced: a run that no longer owns the job cannot
   * stage.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @param markdownUtf8 the Markdown
   * @return where it was staged, with its hash and size
   */
  StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8);

  /**
   * RUNNING → SUCCEEDED: publishes the staged artifact and records its manifest in one fenced step.
   * The manifest's hash and size must equal the staged artifact's.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @param staged what the run staged
   * @param manifest the manifest to record
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the SUCCEEDED job
   * @throws org.convertalot.api.error.IntegrityViolationException when the manifest does not
   *     describe the staged artifact, or the staged artifact is gone or of another size
   */
  JobSnapshot complete(
      JobId id,
      String runId,
      StagedArtifact staged,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings);

  /**
   * Stages a run's Markdown and completes the job with it: {@link #stage} then {@link #complete},
   * with the same fencing, manifest check and outcomes (SUCCEEDED, or CANCELED when a cancel was
   * requested), in one step where the store can (one transaction for a database). The default calls
   * the two.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @param markdownUtf8 the Markdown
   * @param manifest builds the manifest from what was staged and the store's time
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the SUCCEEDED job (its manifest is the one built), or the CANCELED one
   * @throws org.convertalot.api.error.IntegrityViolationException when the manifest does not
   *     describe the staged artifact
   */
  default JobSnapshot completeWith(
      JobId id,
      String runId,
      byte[] markdownUtf8,
      BiFunction<StagedArtifact, Instant, ArtifactManifest> manifest,
      Map<String, Duration> phaseTimings) {
    StagedArtifact staged = stage(id, runId, markdownUtf8);
    return complete(id, runId, staged, manifest.apply(staged, now()), phaseTimings);
  }

  /**
   * Ends a run with an error: back to QUEUED with {@code not-before = now + backoff} when the error
   * is retryable and attempts are left (owner fields cleared in the same write), else FAILED. A job
   * whose cancel was requested ends CANCELED instead of being requeued. Fenced.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @param error what went wrong
   * @param backoff how long before the job may be claimed again, or {@code null} for at once
   * @param phaseTimings the finished phases, or {@code null} to keep the stored ones
   * @return the job after the write: QUEUED, FAILED or CANCELED
   */
  JobSnapshot fail(
      JobId id,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings);

  /**
   * Gives a claimed job back without counting the attempt (for example when a runtime closes):
   * RUNNING → QUEUED with owner fields cleared; CANCELED when its cancel was requested. Fenced.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @return the job after the write
   */
  JobSnapshot release(JobId id, String runId);

  /**
   * Cancels a job: QUEUED → CANCELED at once; RUNNING → cancel requested (its worker stops it and
   * calls {@link #markCanceled}); an ended job is returned unchanged.
   *
   * @param id the job
   * @return the job after the cancel
   * @throws JobNotFoundException when no job has this id
   */
  JobSnapshot cancel(JobId id);

  /**
   * RUNNING → CANCELED for a run whose job was asked to cancel. Fenced.
   *
   * @param id the job
   * @param runId the run's fencing token
   * @return the CANCELED job
   */
  JobSnapshot markCanceled(JobId id, String runId);

  /**
   * Moves RUNNING jobs whose last heartbeat is older than {@code staleAfter} back to QUEUED (owner
   * fields cleared) or to FAILED {@code stalled} when their attempts are used up. Each write
   * re-checks state and heartbeat under the job's lock, so a job that completes meanwhile is never
   * touched. Liveness is judged by heartbeat only, never by start time ({@link
   * JobTransitions#isStale}). A job whose cancel was requested ends CANCELED.
   *
   * @param staleAfter how long a run may stay silent
   * @return the jobs after the reap
   */
  List<JobSnapshot> reap(Duration staleAfter);

  /**
   * One page of jobs by ascending sequence.
   *
   * @param page the cursor and page size
   * @return the page, with the next cursor when more follow
   */
  JobPage list(PageRequest page);

  /**
   * Jobs per state.
   *
   * @return a count for every state, zeros included
   */
  Map<JobState, Long> counts();

  /**
   * What every record adds up to ({@link JobTotals.Tally} says what each total counts). The default
   * reads every record, a page at a time; a store that can add them up in a query (SQL) does so
   * instead, counting the same.
   *
   * @return the totals
   */
  default JobTotals totals() {
    JobTotals.Tally tally = new JobTotals.Tally();
    JobPage.forEach(
        this::list,
        PageRequest.first(PageRequest.MAX_LIMIT),
        job -> {
          tally.add(job);
          return true;
        });
    return tally.totals();
  }

  /**
   * Every RUNNING job, for status and diagnostics.
   *
   * @return the RUNNING jobs
   */
  List<JobSnapshot> runningJobs();

  /**
   * Whether no job is QUEUED or RUNNING.
   *
   * @return true when there is nothing to do
   */
  boolean idle();

  /**
   * Asks to be told when a job may have become claimable through another process (a submit, a
   * release or a reap elsewhere), so that idle workers claim it at once instead of at their next
   * poll. A hint only: the listener may be called when there is nothing to claim, and polling stays
   * the fallback.
   *
   * <p>The default never calls the listener: a store without a way to hear other processes relies
   * on polling.
   *
   * @param listener called from a thread of the store's; must be quick and must not throw
   * @return the subscription, closed to stop the calls
   */
  default Subscription onWorkAvailable(Runnable listener) {
    return () -> {};
  }

  /** A registration that ends when closed. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    /** Ends the registration; closing twice does nothing more. */
    @Override
    void close();
  }

  /**
   * Opens the bytes of a job's source for the run that converts it. The runtime reads them once,
   * checking size, header and SHA-256 against the job as it copies them, so a store need not check
   * them here.
   *
   * <p>The default opens the file at {@link org.convertalot.api.SourceRef#path()}, which suits a
   * store whose workers see the submitter's file system. A store shared by machines that do not (a
   * database) keeps the bytes at submit and serves them here.
   *
   * @param job the claimed job
   * @return a stream of the source's bytes, closed by the caller
   * @throws UncheckedIOException wrapping {@link NoSuchFileException} when the source is gone, or
   *     the {@link IOException} that prevented opening it
   * @throws org.convertalot.api.error.StoreUnavailableException when the store cannot be reached
   */
  default InputStream openSource(JobSnapshot job) {
    Path file = Path.of(job.source().path());
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a SUCCEEDED job's artifact, hashing it in the same pass; throws {@code
   * integrity_violation} when it is missing or does not match the manifest.
   *
   * @param manifest the SUCCEEDED job's manifest
   * @return the artifact's bytes, matching the manifest
   * @throws org.convertalot.api.error.IntegrityViolationException when they do not
   */
  byte[] readArtifact(ArtifactManifest manifest);

  /**
   * Re-hashes every artifact and checks every record against the invariants.
   *
   * @return what was checked and what is wrong
   */
  VerifyReport verify();

  /**
   * Finds QUEUED and RUNNING records that break invariant Q or R, repairs them ({@link
   * JobTransitions#repair}: a clean QUEUED with the attempt kept, or FAILED when no attempt is
   * left, or CANCELED when cancel was requested), logs each one and counts it. Called on open and
   * on every reaper tick.
   *
   * <p>The default repairs nothing and returns 0: a store whose schema cannot hold such a record
   * (constraints on state and owner columns) has nothing to sweep. A store that can hold one
   * (files, documents) must override it.
   *
   * @return how many records this sweep repaired
   */
  default int sanitize() {
    return 0;
  }

  /**
   * Records that broke invariant Q or R and were repaired since the store opened. The default, 0,
   * goes with the default {@link #sanitize()}.
   *
   * @return the count since open
   */
  default long impossibleStatesRepaired() {
    return 0;
  }

  /**
   * SUCCEEDED jobs whose artifact was found missing or not matching its manifest's size when the
   * store opened, or its hash when it was read. They are flagged, never re-done or hidden; {@link
   * #verify()} reports them too. The default, none, is for a store whose artifacts cannot go
   * missing or change apart from their records (bytes kept with the record in the database); a
   * store that keeps them elsewhere should override it.
   *
   * @return the flagged jobs
   */
  default Set<JobId> integrityViolations() {
    return Set.of();
  }

  /**
   * Stored items the store could not read or explain and moved aside instead of refusing the whole
   * store or deleting them (a corrupt record, a damaged sequence, artifacts with no record); every
   * other job went on. {@link #verify()} reports them until a person removes them. The default,
   * none, is for a store that keeps nothing it cannot read (a schema with constraints).
   *
   * @return the quarantined items, oldest first
   */
  default List<QuarantinedFile> quarantined() {
    return List.of();
  }

  /**
   * Removes ended jobs in the given states (SUCCEEDED, FAILED, CANCELED; a QUEUED or RUNNING job is
   * never removed) whose record last changed more than {@code olderThan} ago, with their artifacts
   * and idempotency keys: submitting a purged job's request again creates a new job. The explicit
   * purge that invariant T allows.
   *
   * @param olderThan the age, zero or more
   * @param states the ended states to remove; others are ignored
   * @return how many jobs were removed
   * @throws IllegalArgumentException when the age is negative
   * @throws UnsupportedOperationException when this store cannot purge (the default)
   */
  default long purge(Duration olderThan, Set<JobState> states) {
    throw new UnsupportedOperationException(describe() + " cannot purge jobs");
  }

  /** Releases the store's resources. */
  @Override
  void close();
}

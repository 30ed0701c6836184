package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.DataRootConflictException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.internal.runtime.JobMdc;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.store.spi.JobInvariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded job store: one data root on a local file system, shared safely by many threads and
 * JVMs. Each transition reads the record under the job's lock, decides with {@link JobTransitions},
 * and writes; the layout is {@link DataRoot}'s, the artifacts {@link Artifacts}', recovery and the
 * sanitizer {@link Recovery}'s, the reads over many jobs {@link Queries}'.
 *
 * <p>Guarantees: every transition holds the job's lock file for its duration, so under any race of
 * threads or processes exactly one claim wins a job (O) and the reaper re-checks state and
 * heartbeat before it writes (F); every record write is temp file, fsync, atomic rename, fsync of
 * the folder (heartbeats skip the fsyncs: a lost heartbeat is harmless); the queue and running
 * markers are written so that a crash leaves at worst a stale marker, never a QUEUED job no claim
 * finds; an artifact is published by the fenced {@code complete} only, before the record that names
 * it.
 */
public final class FileJobStore implements JobStore {
  // The logger the store has always logged under; its parts log under it too.
  private static final Logger LOG = LoggerFactory.getLogger(FileJobStore.class);

  private final DataRoot layout;
  private final Artifacts artifacts;
  private final Recovery recovery;
  private final Queries queries;
  private final ClaimQueue claimQueue;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private FileJobStore(Path root, String namespace, Clock clock) {
    this.layout = new DataRoot(root, namespace, clock);
    this.artifacts = new Artifacts(layout);
    this.recovery = new Recovery(layout, artifacts, clock);
    this.queries = new Queries(layout, artifacts);
    this.claimQueue = new ClaimQueue(layout);
    this.clock = clock;
  }

  /**
   * Opens (creating when absent) a data root, checks its descriptor, removes leftovers of dead
   * processes and repairs impossible states.
   *
   * @param root the data root folder
   * @param namespace the namespace the root carries, or is created with
   * @param clock the clock of every timestamp the store writes
   * @return the open store
   * @throws DataRootConflictException when the root belongs to another namespace or format, or is a
   *     non-empty folder that is not a data root
   * @throws StoreUnavailableException when the root cannot be created or read
   */
  public static FileJobStore open(Path root, String namespace, Clock clock) {
    FileJobStore store = new FileJobStore(root.toAbsolutePath().normalize(), namespace, clock);
    store.layout.io(
        "open data root",
        () -> {
          RootDescriptor.createOrCheck(store.layout, clock.instant());
          store.recovery.onOpen();
          return null;
        });
    return store;
  }

  /**
   * Opens an existing data root for reading only: the descriptor is checked, nothing is locked,
   * recovered or repaired, and every write is refused with {@code store_unavailable} (reason {@code
   * read_only}). For {@code status} and {@code verify} on a root mounted read-only or owned by
   * another user.
   *
   * @param root the data root folder
   * @param namespace the namespace the root must carry
   * @param clock the store's clock
   * @return the read-only store
   * @throws DataRootConflictException when it is not a data root of this format and namespace
   * @throws StoreUnavailableException when it cannot be read
   */
  public static JobStore openReadOnly(Path root, String namespace, Clock clock) {
    FileJobStore store = new FileJobStore(root.toAbsolutePath().normalize(), namespace, clock);
    store.layout.io(
        "open data root for reading",
        () -> {
          RootDescriptor.checkExisting(store.layout);
          return null;
        });
    return new ReadOnlyFileStore(store);
  }

  @Override
  public String describe() {
    return "file:" + layout.root();
  }

  @Override
  public String namespace() {
    return layout.namespace();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public SubmitResult submit(NewJob job) {
    return layout.io(
        "submit",
        () -> {
          String key = job.idempotencyKey();
          try (FileLocks.Held ignored = layout.lockRoot()) {
            Optional<JobSnapshot> found = Optional.empty();
            Optional<JobId> owner = layout.keyOwner(key);
            if (owner.isPresent()) {
              found = layout.readRecord(owner.get());
            }
            if (found.isPresent() && JobTransitions.isReusable(found.get())) {
              return new SubmitResult(found.get(), false);
            }
            long sequence = layout.nextSequence();
            Instant now = now();
            JobId id = JobId.generate(now.toEpochMilli(), random);
            JobSnapshot created = JobTransitions.submit(job, id, sequence, now);
            // The key first: a crash after it and before the record leaves a key naming no record,
            // which the next submit replaces; a record without its key would be a second job for
            // the same request.
            layout.writeKey(key, id);
            try (FileLocks.Held jobLock = layout.lock(id)) {
              // Marker before record: a crash between leaves a marker that claims discard, never
              // a QUEUED record that no claim can find.
              AtomicFiles.touch(layout.queueMarker(created), true);
              claimQueue.add(layout.queueMarker(created));
              layout.writeRecord(created, true);
              AtomicFiles.touch(layout.indexMarker(created), true);
            }
            return new SubmitResult(created, true);
          }
        });
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    return layout.io("read job " + id, () -> layout.readRecord(id));
  }

  @Override
  public Optional<JobSnapshot> claim(WorkerIdentity owner) {
    return layout.io(
        "claim",
        () -> {
          Instant now = now();
          boolean listed = claimQueue.relistIfStale(now);
          Optional<JobSnapshot> claimed = claimFrom(claimQueue.markers(), owner, now);
          // Nothing claimable among the markers kept: look for those of other processes, unless
          // the folder was just listed.
          if (claimed.isEmpty() && !listed && claimQueue.relist(now)) {
            claimed = claimFrom(claimQueue.markers(), owner, now);
          }
          return claimed;
        });
  }

  private Optional<JobSnapshot> claimFrom(Iterable<Path> markers, WorkerIdentity owner, Instant now)
      throws IOException {
    for (Path marker : markers) {
      JobId id = DataRoot.idFromMarker(marker);
      if (id == null) {
        Files.deleteIfExists(marker);
        claimQueue.remove(marker);
        continue;
      }
      // Busy means another claim or transition has it: take the next one.
      Optional<FileLocks.Held> lock = layout.tryLock(id);
      if (lock.isEmpty()) {
        continue;
      }
      try (FileLocks.Held ignored = lock.get()) {
        Optional<JobSnapshot> current =
            layout
                .readRecordOrIsolate(id)
                .map(j -> JobInvariants.violations(j).isEmpty() ? j : recovery.repairLocked(j));
        if (current.isEmpty() || current.get().state() != JobState.QUEUED) {
          Files.deleteIfExists(marker);
          claimQueue.remove(marker);
          continue;
        }
        JobSnapshot job = current.get();
        if (!JobTransitions.isClaimable(job, now)) {
          continue;
        }
        JobSnapshot claimed = JobTransitions.claim(job, now, UUID.randomUUID().toString(), owner);
        AtomicFiles.touch(layout.runningMarker(id), false);
        layout.writeRecord(claimed, true);
        Files.deleteIfExists(marker);
        claimQueue.remove(marker);
        return Optional.of(claimed);
      }
    }
    return Optional.empty();
  }

  @Override
  public JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings) {
    return underLock(
        id,
        "heartbeat",
        job -> {
          JobSnapshot next = JobTransitions.heartbeat(job, now(), runId, progress, phaseTimings);
          layout.writeRecord(next, false);
          return next;
        });
  }

  @Override
  public StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8) {
    JobTransitions.checkFence(get(id), runId);
    return artifacts.stage(
        id, runId, markdownUtf8, () -> JobTransitions.checkFence(get(id), runId));
  }

  @Override
  public JobSnapshot complete(
      JobId id,
      String runId,
      StagedArtifact staged,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings) {
    JobTransitions.checkManifest(id, runId, staged, manifest);
    return underLock(
        id,
        "complete",
        job -> {
          JobSnapshot done = JobTransitions.complete(job, now(), runId, manifest, phaseTimings);
          if (done.state() == JobState.CANCELED) {
            writeLeavingRunning(done);
            artifacts.discardRun(id, runId);
            return done;
          }
          artifacts.checkStaged(id, runId, job.attempt(), manifest.size());
          // Publish then record: a crash between leaves an artifact no record names, which
          // recovery removes; the job stays RUNNING and is reaped and run again.
          artifacts.promote(id, runId);
          layout.writeRecord(done, true);
          Files.deleteIfExists(layout.runningMarker(id));
          artifacts.removeStagingFolder(runId);
          return done;
        });
  }

  @Override
  public JobSnapshot fail(
      JobId id,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings) {
    return underLock(
        id,
        "fail",
        job ->
            writeLeavingRunning(
                JobTransitions.fail(job, now(), runId, error, backoff, phaseTimings)));
  }

  @Override
  public JobSnapshot release(JobId id, String runId) {
    return underLock(
        id, "release", job -> writeLeavingRunning(JobTransitions.release(job, now(), runId)));
  }

  @Override
  public JobSnapshot markCanceled(JobId id, String runId) {
    return underLock(
        id, "cancel", job -> writeLeavingRunning(JobTransitions.markCanceled(job, now(), runId)));
  }

  @Override
  public JobSnapshot cancel(JobId id) {
    return underLock(
        id,
        "cancel",
        job -> {
          Optional<JobSnapshot> next = JobTransitions.cancel(job, now());
          if (next.isEmpty()) {
            return job;
          }
          layout.writeRecord(next.get(), true);
          if (next.get().state() == JobState.CANCELED) {
            Files.deleteIfExists(layout.queueMarker(job));
          }
          return next.get();
        });
  }

  @Override
  public List<JobSnapshot> reap(Duration staleAfter) {
    return layout.io(
        "reap",
        () -> {
          List<JobSnapshot> reaped = new ArrayList<>();
          for (Path marker : layout.runningMarkers()) {
            JobId id = DataRoot.idFromPlainMarker(marker);
            if (id == null) {
              Files.deleteIfExists(marker);
              continue;
            }
            // A first look without the lock spares live runs the wait.
            Optional<JobSnapshot> seen = layout.readRecord(id);
            if (seen.isPresent()
                && seen.get().state() == JobState.RUNNING
                && !JobTransitions.isStale(seen.get(), now(), staleAfter)) {
              continue;
            }
            try (FileLocks.Held ignored = layout.lock(id)) {
              // Re-check under the lock: the job may have heartbeated, completed or been reaped.
              Optional<JobSnapshot> current = layout.readRecordOrIsolate(id);
              if (current.isEmpty() || current.get().state() != JobState.RUNNING) {
                Files.deleteIfExists(marker);
                continue;
              }
              JobSnapshot job = current.get();
              Optional<JobSnapshot> next = JobTransitions.reap(job, now(), staleAfter);
              if (next.isEmpty()) {
                continue;
              }
              try (JobMdc ignoredMdc = JobMdc.of(id, job.runId())) {
                LOG.warn(
                    "reaping job {} run {}: last heartbeat {}", id, job.runId(), job.heartbeatAt());
              }
              reaped.add(writeLeavingRunning(next.get()));
              artifacts.discardRun(id, job.runId());
            }
          }
          return reaped;
        });
  }

  @Override
  public JobPage list(PageRequest page) {
    return queries.list(page);
  }

  @Override
  public long purge(Duration olderThan, Set<JobState> states) {
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("purge age must be zero or more: " + olderThan);
    }
    return layout.io(
        "purge jobs",
        () -> {
          Instant cutoff = now().minus(olderThan);
          long purged = 0;
          for (Path marker : layout.indexMarkers()) {
            JobId id = DataRoot.idFromMarker(marker);
            if (id != null && purgeOne(id, cutoff, states)) {
              purged++;
            }
          }
          if (purged > 0) {
            LOG.info("purged {} ended jobs older than {} from {}", purged, olderThan, describe());
          }
          return purged;
        });
  }

  /** Removes one job when, read again under the root's and its own lock, it may go. */
  private boolean purgeOne(JobId id, Instant cutoff, Set<JobState> states) throws IOException {
    Optional<JobSnapshot> seen = layout.readRecord(id);
    if (seen.isEmpty() || !purgeable(seen.get(), cutoff, states)) {
      return false;
    }
    // The root's lock first, as submit takes them: the key is given away under it.
    try (FileLocks.Held root = layout.lockRoot();
        FileLocks.Held job = layout.lock(id)) {
      Optional<JobSnapshot> current = layout.readRecord(id);
      if (current.isEmpty() || !purgeable(current.get(), cutoff, states)) {
        return false;
      }
      layout.deletePurged(current.get(), NewJob.from(current.get()).idempotencyKey());
      return true;
    }
  }

  private static boolean purgeable(JobSnapshot job, Instant cutoff, Set<JobState> states) {
    return job.state().isTerminal()
        && states.contains(job.state())
        && !job.updatedAt().isAfter(cutoff);
  }

  @Override
  public Map<JobState, Long> counts() {
    return queries.counts();
  }

  @Override
  public boolean idle() {
    return queries.idle();
  }

  @Override
  public List<JobSnapshot> runningJobs() {
    return queries.runningJobs();
  }

  @Override
  public byte[] readArtifact(ArtifactManifest manifest) {
    return artifacts.readVerified(manifest);
  }

  @Override
  public VerifyReport verify() {
    return queries.verify();
  }

  @Override
  public int sanitize() {
    try {
      return recovery.sanitize();
    } finally {
      claimQueue.stale();
    }
  }

  @Override
  public long impossibleStatesRepaired() {
    return recovery.impossibleStatesRepaired();
  }

  @Override
  public Set<JobId> integrityViolations() {
    return artifacts.integrityViolations();
  }

  @Override
  public void close() {
    // Every lock is scoped to one transition; nothing is held between calls.
  }

  // ---------------------------------------------------------------- helpers

  private interface Transition {
    JobSnapshot apply(JobSnapshot current) throws IOException;
  }

  @Override
  public List<QuarantinedFile> quarantined() {
    return layout.io("list quarantine", () -> layout.quarantine().list());
  }

  /**
   * Reads the job under its lock and applies a transition; the run's transitions check T (an ended
   * job never changes) and F (the caller's run id owns the RUNNING job) before anything else.
   */
  private JobSnapshot underLock(JobId id, String what, Transition transition) {
    return layout.io(
        what + " job " + id,
        () -> {
          try (FileLocks.Held ignored = layout.lock(id)) {
            JobSnapshot job =
                layout
                    .readRecordOrIsolate(id)
                    .orElseThrow(() -> new JobNotFoundException(id.value()));
            return transition.apply(job);
          }
        });
  }

  /** Writes a transition out of RUNNING, keeping the queue and running markers consistent. */
  private JobSnapshot writeLeavingRunning(JobSnapshot next) throws IOException {
    if (next.state() == JobState.QUEUED) {
      AtomicFiles.touch(layout.queueMarker(next), true);
      claimQueue.add(layout.queueMarker(next));
    }
    layout.writeRecord(next, true);
    if (next.state() != JobState.RUNNING) {
      Files.deleteIfExists(layout.runningMarker(next.id()));
    }
    return next;
  }
}

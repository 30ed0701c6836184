package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.spi.JobInvariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery of a data root on open, and the sanitizer sweep.
 *
 * <p>Guarantees: temp files of dead processes are removed, never a live one's; records that break Q
 * or R are repaired to a clean QUEUED ({@link JobTransitions#repair}), logged and counted, never
 * silently; missing queue, running and index markers are restored; SUCCEEDED jobs whose artifact is
 * missing or wrongly sized are flagged; artifacts no record names and staged files of runs that are
 * no longer RUNNING are removed. Every decision about a job is taken under its lock, so a live run
 * is never disturbed: its staged file and published artifact stay while it is RUNNING, and a run
 * whose empty staging folder this removes writes again ({@link Artifacts#stage}).
 */
final class Recovery {
  // One logger for the whole store, as before it was split, so log settings keep working.
  private static final Logger LOG = LoggerFactory.getLogger(FileJobStore.class);

  private final DataRoot layout;
  private final Artifacts artifacts;
  private final Clock clock;
  private final AtomicLong impossibleStatesRepaired = new AtomicLong();

  Recovery(DataRoot layout, Artifacts artifacts, Clock clock) {
    this.layout = layout;
    this.artifacts = artifacts;
    this.clock = clock;
  }

  /** Removes leftovers of dead processes, restores index markers and repairs impossible states. */
  void onOpen() throws IOException {
    removeDeadTempFiles();
    for (JobId id : layout.recordIds()) {
      try (FileLocks.Held ignored = layout.lock(id)) {
        layout
            .readRecordOrIsolate(id)
            .map(this::repairLocked)
            .filter(j -> j.state() == JobState.SUCCEEDED)
            .ifPresent(artifacts::checkSize);
      }
    }
    for (Path jobDir : layout.artifactFolders()) {
      removeOrphanArtifacts(jobDir);
    }
    for (Path runDir : layout.runStagingFolders()) {
      for (Path staged : DataRoot.listDir(runDir)) {
        removeStaleStaging(runDir.getFileName().toString(), staged);
      }
      DataRoot.deleteDirIfEmpty(runDir);
    }
  }

  /**
   * Repairs QUEUED and RUNNING records that break Q or R. Busy jobs are passed over: a transition
   * holds them, and the next sweep looks again.
   *
   * @return how many records this sweep repaired
   */
  int sanitize() {
    return layout.io(
        "sanitize",
        () -> {
          int repaired = 0;
          List<JobId> ids = new ArrayList<>();
          for (Path marker : layout.queueMarkers()) {
            ids.add(DataRoot.idFromMarker(marker));
          }
          for (Path marker : layout.runningMarkers()) {
            ids.add(DataRoot.idFromPlainMarker(marker));
          }
          for (JobId id : ids) {
            if (id == null) {
              continue;
            }
            Optional<FileLocks.Held> lock = layout.tryLock(id);
            if (lock.isEmpty()) {
              continue;
            }
            try (FileLocks.Held ignored = lock.get()) {
              long before = impossibleStatesRepaired.get();
              layout.readRecordOrIsolate(id).ifPresent(this::repairLocked);
              repaired += (int) (impossibleStatesRepaired.get() - before);
            }
          }
          return repaired;
        });
  }

  /** Records that broke Q or R and were repaired since the store opened. */
  long impossibleStatesRepaired() {
    return impossibleStatesRepaired.get();
  }

  /**
   * Repairs a record that breaks Q or R, and restores its markers. The caller holds the job's lock.
   *
   * @return the record as it now is
   */
  JobSnapshot repairLocked(JobSnapshot job) {
    return layout.io(
        "repair job " + job.id(),
        () -> {
          JobSnapshot current = job;
          Optional<JobSnapshot> repaired = JobTransitions.repair(current, clock.instant());
          if (repaired.isPresent()) {
            LOG.warn(
                "repairing impossible state of job {}: {}",
                current.id(),
                JobInvariants.violations(current));
            // Marker first, as at submit: a crash leaves a marker claims discard, never a QUEUED
            // record no claim can find.
            if (repaired.get().state() == JobState.QUEUED) {
              AtomicFiles.touch(layout.queueMarker(repaired.get()), true);
            }
            layout.writeRecord(repaired.get(), true);
            Files.deleteIfExists(layout.runningMarker(current.id()));
            if (repaired.get().state() != JobState.QUEUED) {
              Files.deleteIfExists(layout.queueMarker(current));
            }
            impossibleStatesRepaired.incrementAndGet();
            current = repaired.get();
          }
          if (current.state() == JobState.QUEUED) {
            AtomicFiles.touch(layout.queueMarker(current), true);
          } else if (current.state() == JobState.RUNNING) {
            AtomicFiles.touch(layout.runningMarker(current.id()), true);
          }
          AtomicFiles.touch(layout.indexMarker(current), false);
          return current;
        });
  }

  /**
   * Cleans a job's published-artifact folder. An artifact of an earlier run of a job whose record
   * names another run is removed: a worker that died between publishing it and writing its
   * SUCCEEDED record leaves one behind, and the record explains it. The run of a RUNNING job may
   * still complete, so its artifact stays. Artifacts of a job with no record at all are never
   * deleted: the folder goes to quarantine, where {@code verify} reports it.
   */
  private void removeOrphanArtifacts(Path jobDir) throws IOException {
    String idText = jobDir.getFileName().toString();
    if (!JobId.isValid(idText)) {
      return;
    }
    JobId id = JobId.of(idText);
    try (FileLocks.Held ignored = layout.lock(id)) {
      Optional<JobSnapshot> job = layout.readRecordOrIsolate(id);
      if (job.isEmpty()) {
        layout.quarantine().isolate(jobDir, "artifacts of job " + id + ", which has no record");
        return;
      }
      for (Path file : DataRoot.listDir(jobDir)) {
        String run = DataRoot.withoutArtifactSuffix(file);
        boolean named =
            job.get().state() == JobState.SUCCEEDED && run.equals(job.get().manifest().runId())
                || job.get().state() == JobState.RUNNING && run.equals(job.get().runId());
        if (!named) {
          LOG.info("removing artifact {} of job {}: an earlier run's", file.getFileName(), id);
          Files.deleteIfExists(file);
        }
      }
      DataRoot.deleteDirIfEmpty(jobDir);
    }
  }

  private void removeStaleStaging(String runId, Path staged) throws IOException {
    String idText = DataRoot.withoutArtifactSuffix(staged);
    if (!JobId.isValid(idText)) {
      Files.deleteIfExists(staged);
      return;
    }
    JobId id = JobId.of(idText);
    try (FileLocks.Held ignored = layout.lock(id)) {
      Optional<JobSnapshot> job = layout.readRecordOrIsolate(id);
      boolean live =
          job.isPresent()
              && job.get().state() == JobState.RUNNING
              && runId.equals(job.get().runId());
      if (!live) {
        LOG.info("removing staged artifact of run {} that never completed (job {})", runId, id);
        Files.deleteIfExists(staged);
      }
    }
  }

  private void removeDeadTempFiles() throws IOException {
    for (Path file : layout.tempFiles()) {
      // Only the store writes here: a name without a process token is a leftover of an older
      // version and may go; one with another host's or container's token stays.
      if (Files.isRegularFile(file)
          && layout.tokens().ownerIsDead(file.getFileName().toString(), true)) {
        Files.deleteIfExists(file);
      }
    }
  }
}

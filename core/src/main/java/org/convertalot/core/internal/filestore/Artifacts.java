package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.store.spi.HashingOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifacts of one data root: staging, promotion and verified reads.
 *
 * <p>Guarantees: a run stages into a folder of its own, hashing the bytes while it writes them, so
 * nothing staged is visible to readers; only {@link #promote} (called by the fenced {@code
 * complete}) makes an artifact visible, with one atomic rename; a read hashes what it read and
 * serves nothing that does not match its manifest ({@code integrity_violation}, and the job is
 * flagged). Callers hold the job's lock around {@link #checkStaged}, {@link #promote} and {@link
 * #discardRun}; staging itself takes no lock (the run's folder is its own).
 */
final class Artifacts {
  // One logger for the whole store, as before it was split, so log settings keep working.
  private static final Logger LOG = LoggerFactory.getLogger(FileJobStore.class);

  /** Writes of a staged artifact whose folder another process tidied away, before giving up. */
  private static final int STAGE_ATTEMPTS = 5;

  private final DataRoot layout;
  private final Set<JobId> integrityViolations = ConcurrentHashMap.newKeySet();

  Artifacts(DataRoot layout) {
    this.layout = layout;
  }

  /** Re-checks that the run still owns its job; throws the fence's error when it does not. */
  interface Fence {
    void check();
  }

  /**
   * Writes a run's Markdown to its staging folder, hashing it in the same pass.
   *
   * @param fence re-checked when the folder vanished under the write
   */
  StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8, Fence fence) {
    for (int attempt = 1; ; attempt++) {
      try {
        return writeStaged(id, runId, markdownUtf8);
      } catch (StoreUnavailableException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == STAGE_ATTEMPTS) {
          throw e;
        }
        // The run's staging folder vanished between its creation and the write. The reaper
        // deletes the folder of a run it takes back: then the run hears lease_lost, not a disk
        // error. Another process's recovery on open removes empty folders: then write again.
        fence.check();
      }
    }
  }

  private StagedArtifact writeStaged(JobId id, String runId, byte[] markdownUtf8) {
    return layout.io(
        "stage artifact of job " + id,
        () -> {
          Path file = layout.stagedFile(id, runId);
          Files.createDirectories(file.getParent());
          Hashing.FileHash hash;
          try (FileChannel ch =
                  FileChannel.open(
                      file,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.TRUNCATE_EXISTING,
                      StandardOpenOption.WRITE);
              HashingOutputStream out = new HashingOutputStream(Channels.newOutputStream(ch))) {
            out.write(markdownUtf8);
            out.flush();
            ch.force(true);
            CrashPoints.durableWriteDone();
            hash = out.hash();
          } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
          }
          return new StagedArtifact(id, runId, hash.sha256(), hash.size(), layout.relative(file));
        });
  }

  /**
   * Refuses to publish a staged artifact that is gone or not of the manifest's size. The hash was
   * taken while writing; the size catches truncation without a second read.
   */
  void checkStaged(JobId id, String runId, int attempt, long size) throws IOException {
    Path stagedFile = layout.stagedFile(id, runId);
    if (!Files.exists(stagedFile)) {
      throw new IntegrityViolationException(
          "staged artifact is missing: " + stagedFile,
          Map.of("path", stagedFile.toString()),
          id.value(),
          attempt);
    }
    long onDisk = Files.size(stagedFile);
    if (onDisk != size) {
      throw new IntegrityViolationException(
          "staged artifact has " + onDisk + " bytes, its manifest says " + size,
          Map.of("path", stagedFile.toString()),
          id.value(),
          attempt);
    }
  }

  /**
   * Makes the run's staged artifact the job's published one, in one durable rename. The caller
   * records the SUCCEEDED job after it: a crash between leaves an artifact no record names, which
   * recovery removes; the job stays RUNNING and is reaped and run again.
   */
  void promote(JobId id, String runId) throws IOException {
    Path published = layout.artifactFile(id, runId);
    Files.createDirectories(published.getParent());
    AtomicFiles.move(layout.stagedFile(id, runId), published, true);
  }

  /** Removes the run's staging folder once nothing is staged in it. */
  void removeStagingFolder(String runId) {
    DataRoot.deleteDirIfEmpty(layout.runStaging(runId));
  }

  /**
   * Removes what a run the reaper took back staged or published: it can never complete now, so no
   * record will ever name it.
   */
  void discardRun(JobId id, String runId) throws IOException {
    Path staged = layout.stagedFile(id, runId);
    Files.deleteIfExists(staged);
    DataRoot.deleteDirIfEmpty(staged.getParent());
    Files.deleteIfExists(layout.artifactFile(id, runId));
  }

  /**
   * Reads a published artifact, hashing what it read; throws {@code integrity_violation} (and flags
   * the job) when it is missing or does not match the manifest.
   */
  byte[] readVerified(ArtifactManifest manifest) {
    Path file = layout.artifactFile(manifest.jobId(), manifest.runId());
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readAllBytes();
    } catch (NoSuchFileException e) {
      integrityViolations.add(manifest.jobId());
      throw new IntegrityViolationException(
          "artifact is missing: " + file,
          Map.of("path", file.toString()),
          manifest.jobId().value(),
          manifest.attempt());
    } catch (IOException e) {
      throw layout.storeUnavailable("read artifact " + file, e);
    }
    try {
      JobTransitions.checkArtifact(
          manifest,
          bytes,
          "artifact does not match its manifest: " + file,
          Map.of("path", file.toString()));
    } catch (IntegrityViolationException e) {
      integrityViolations.add(manifest.jobId());
      throw e;
    }
    return bytes;
  }

  /**
   * Flags a SUCCEEDED job whose artifact is missing or wrongly sized; cheap enough for every open
   * (hashes are for {@code verify}).
   */
  void checkSize(JobSnapshot job) {
    Path file = layout.artifactFile(job.id(), job.manifest().runId());
    long size = -1;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      // Missing or unreadable: flagged below.
    }
    if (size != job.manifest().size()) {
      integrityViolations.add(job.id());
      LOG.error(
          "integrity violation: job {} is SUCCEEDED but its artifact {} {}",
          job.id(),
          file,
          size < 0 ? "is missing" : "has " + size + " bytes, not " + job.manifest().size());
    }
  }

  /** The jobs flagged since the store opened. */
  Set<JobId> integrityViolations() {
    return Set.copyOf(integrityViolations);
  }
}

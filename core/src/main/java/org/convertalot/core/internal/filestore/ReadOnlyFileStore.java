package org.convertalot.core.internal.filestore;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;

/**
 * A data root opened for reading only ({@link FileJobStore#openReadOnly}): reads go to the file
 * store, which never locks to read; writes are refused with {@code store_unavailable} (reason
 * {@code read_only}); the housekeeping a reader cannot do (reap, sanitize) does nothing.
 */
final class ReadOnlyFileStore implements JobStore {
  private final FileJobStore files;

  ReadOnlyFileStore(FileJobStore files) {
    this.files = files;
  }

  private StoreUnavailableException readOnly(String what) {
    return new StoreUnavailableException(
        "cannot " + what + ": " + files.describe() + " is open read-only",
        Map.of("reason", "read_only", "path", files.describe()),
        null);
  }

  @Override
  public String describe() {
    return files.describe() + " (read-only)";
  }

  @Override
  public String namespace() {
    return files.namespace();
  }

  @Override
  public Instant now() {
    return files.now();
  }

  @Override
  public SubmitResult submit(NewJob job) {
    throw readOnly("submit");
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    return files.find(id);
  }

  @Override
  public List<JobSnapshot> findAll(Collection<JobId> ids) {
    return files.findAll(ids);
  }

  @Override
  public Optional<JobSnapshot> claim(WorkerIdentity owner) {
    throw readOnly("claim");
  }

  @Override
  public JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings) {
    throw readOnly("heartbeat");
  }

  @Override
  public StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8) {
    throw readOnly("stage");
  }

  @Override
  public JobSnapshot complete(
      JobId id,
      String runId,
      StagedArtifact staged,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings) {
    throw readOnly("complete");
  }

  @Override
  public JobSnapshot fail(
      JobId id,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings) {
    throw readOnly("fail");
  }

  @Override
  public JobSnapshot release(JobId id, String runId) {
    throw readOnly("release");
  }

  @Override
  public JobSnapshot cancel(JobId id) {
    throw readOnly("cancel");
  }

  @Override
  public JobSnapshot markCanceled(JobId id, String runId) {
    throw readOnly("cancel");
  }

  /** A reader takes nothing back: the runs' owners or a writable process will. */
  @Override
  public List<JobSnapshot> reap(Duration staleAfter) {
    return List.of();
  }

  @Override
  public JobPage list(PageRequest page) {
    return files.list(page);
  }

  @Override
  public Map<JobState, Long> counts() {
    return files.counts();
  }

  @Override
  public boolean idle() {
    return files.idle();
  }

  @Override
  public List<JobSnapshot> runningJobs() {
    return files.runningJobs();
  }

  @Override
  public byte[] readArtifact(ArtifactManifest manifest) {
    return files.readArtifact(manifest);
  }

  @Override
  public VerifyReport verify() {
    return files.verify();
  }

  @Override
  public Set<JobId> integrityViolations() {
    return files.integrityViolations();
  }

  @Override
  public List<QuarantinedFile> quarantined() {
    return files.quarantined();
  }

  @Override
  public void close() {
    files.close();
  }
}

package org.convertalot.core.store;

import java.util.Objects;
import org.convertalot.api.JobId;

/**
 * Markdown written to a run-scoped staging place, with its hash and size computed while it was
 * written. Only the fenced {@link JobStore#complete} publishes it.
 *
 * @param jobId the job
 * @param runId the run that staged it
 * @param sha256 lower-case hex SHA-256 of the bytes
 * @param size the size in bytes
 * @param location where the store keeps it (store specific)
 */
public record StagedArtifact(JobId jobId, String runId, String sha256, long size, String location) {
  /**
   * Validates the fields.
   *
   * @param jobId the job
   * @param runId the run that staged it
   * @param sha256 lower-case hex SHA-256 of the bytes
   * @param size the size in bytes
   * @param location where the store keeps it (store specific)
   */
  public StagedArtifact {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(location, "location");
  }
}

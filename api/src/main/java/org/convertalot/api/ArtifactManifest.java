package org.convertalot.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The manifest of a published artifact. The bytes served for a job must match {@link #sha256()} and
 * {@link #size()} (invariant S); a mismatch is {@code integrity_violation}.
 *
 * @param jobId the job
 * @param runId the run that produced and published it
 * @param attempt the attempt of that run
 * @param sha256 lower-case hex SHA-256 of the Markdown bytes (UTF-8)
 * @param size size of the Markdown in bytes
 * @param engineId the engine that converted
 * @param engineVersion its version
 * @param accelerationUsed the hardware it ran on
 * @param fallbackReason why a {@code gpu_prefer} job ran on CPU, or {@code null}
 * @param pages pages converted
 * @param source the source file as submitted
 * @param createdAt when the artifact was published
 * @param formatVersion the manifest format version
 */
public record ArtifactManifest(
    JobId jobId,
    String runId,
    int attempt,
    String sha256,
    long size,
    String engineId,
    String engineVersion,
    Acceleration accelerationUsed,
    String fallbackReason,
    int pages,
    SourceRef source,
    Instant createdAt,
    int formatVersion) {

  /** The manifest format this library writes. */
  public static final int FORMAT_VERSION = 1;

  /** Validates the fields. */
  public ArtifactManifest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(engineId, "engineId");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(accelerationUsed, "accelerationUsed");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    if (size < 0 || pages < 0 || attempt < 1) {
      throw new IllegalArgumentException("size, pages and attempt must be valid");
    }
  }
}

package org.convertalot.api;

import java.time.Instant;
import java.util.List;
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
 * @param device the device it ran on, for example {@code cuda:0} ({@link Device#CPU} for a CPU run)
 * @param fallbackReason why a {@code gpu_prefer} job ran on CPU, or {@code null}
 * @param pages pages converted
 * @param source the source file as submitted
 * @param createdAt when the artifact was published
 * @param formatVersion the manifest format version
 * @param warnings what the engine wants the user to know about the Markdown (see {@link Warning});
 *     empty for most artifacts, and for manifests written before warnings were recorded
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
    Device device,
    String fallbackReason,
    int pages,
    SourceRef source,
    Instant createdAt,
    int formatVersion,
    List<Warning> warnings) {

  /** The manifest format this library writes. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Validates the fields.
   *
   * @param jobId the job
   * @param runId the run that produced and published it
   * @param attempt the attempt of that run
   * @param sha256 lower-case hex SHA-256 of the Markdown bytes (UTF-8)
   * @param size size of the Markdown in bytes
   * @param engineId the engine that converted
   * @param engineVersion its version
   * @param accelerationUsed the hardware it ran on
   * @param device the device it ran on, for example {@code cuda:0} ({@link Device#CPU} for a CPU
   *     run)
   * @param fallbackReason why a {@code gpu_prefer} job ran on CPU, or {@code null}
   * @param pages pages converted
   * @param source the source file as submitted
   * @param createdAt when the artifact was published
   * @param formatVersion the manifest format version
   * @param warnings what the engine wants the user to know about the Markdown; {@code null} for
   *     none
   */
  public ArtifactManifest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(engineId, "engineId");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(accelerationUsed, "accelerationUsed");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    if (size < 0 || pages < 0 || attempt < 1) {
      throw new IllegalArgumentException("size, pages and attempt must be valid");
    }
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * A manifest without warnings.
   *
   * @param jobId the job
   * @param runId the run that produced and published it
   * @param attempt the attempt of that run
   * @param sha256 lower-case hex SHA-256 of the Markdown bytes (UTF-8)
   * @param size size of the Markdown in bytes
   * @param engineId the engine that converted
   * @param engineVersion its version
   * @param accelerationUsed the hardware it ran on
   * @param device the device it ran on
   * @param fallbackReason why a {@code gpu_prefer} job ran on CPU, or {@code null}
   * @param pages pages converted
   * @param source the source file as submitted
   * @param createdAt when the artifact was published
   * @param formatVersion the manifest format version
   */
  public ArtifactManifest(
      JobId jobId,
      String runId,
      int attempt,
      String sha256,
      long size,
      String engineId,
      String engineVersion,
      Acceleration accelerationUsed,
      Device device,
      String fallbackReason,
      int pages,
      SourceRef source,
      Instant createdAt,
      int formatVersion) {
    this(
        jobId,
        runId,
        attempt,
        sha256,
        size,
        engineId,
        engineVersion,
        accelerationUsed,
        device,
        fallbackReason,
        pages,
        source,
        createdAt,
        formatVersion,
        List.of());
  }

  /**
   * Starts the manifest of an artifact produced by a run.
   *
   * @param run the RUNNING job whose run produced the artifact
   * @return a builder with the job, run, attempt and source filled in
   */
  public static Builder builder(JobSnapshot run) {
    return new Builder(run);
  }

  /** Builds an {@link ArtifactManifest}; {@link #build()} validates. */
  public static final class Builder {
    private final JobSnapshot run;
    private String sha256;
    private long size = -1;
    private String engineId;
    private String engineVersion;
    private Acceleration accelerationUsed = Acceleration.CPU;
    private Device device = Device.CPU;
    private String fallbackReason;
    private int pages;
    private Instant createdAt;
    private List<Warning> warnings = List.of();

    private Builder(JobSnapshot run) {
      this.run = Objects.requireNonNull(run, "run");
      if (run.runId() == null) {
        throw new IllegalArgumentException("job " + run.id() + " has no run");
      }
    }

    /**
     * The artifact's hash and size, as taken while it was written.
     *
     * @param sha256 lower-case hex SHA-256 of the Markdown bytes
     * @param size size of the Markdown in bytes
     * @return this builder
     */
    public Builder artifact(String sha256, long size) {
      this.sha256 = sha256;
      this.size = size;
      return this;
    }

    /**
     * The engine that converted.
     *
     * @param id the engine id
     * @param version its version
     * @return this builder
     */
    public Builder engine(String id, String version) {
      this.engineId = id;
      this.engineVersion = version;
      return this;
    }

    /**
     * The hardware and device it ran on (default: {@link Device#CPU}).
     *
     * @param acceleration the hardware it ran on
     * @param device the device it ran on
     * @return this builder
     */
    public Builder ranOn(Acceleration acceleration, Device device) {
      this.accelerationUsed = acceleration;
      this.device = device;
      return this;
    }

    /**
     * Why a {@code gpu_prefer} job ran on CPU; {@code null} when it did not fall back.
     *
     * @param value why a {@code gpu_prefer} job ran on CPU; {@code null} when it did not fall back
     * @return this builder
     */
    public Builder fallbackReason(String value) {
      this.fallbackReason = value;
      return this;
    }

    /**
     * Pages converted.
     *
     * @param value pages converted
     * @return this builder
     */
    public Builder pages(int value) {
      this.pages = value;
      return this;
    }

    /**
     * When the artifact was published.
     *
     * @param value when the artifact was published
     * @return this builder
     */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /**
     * What the engine wants the user to know about the Markdown (default: nothing).
     *
     * @param value the engine's warnings
     * @return this builder
     */
    public Builder warnings(List<Warning> value) {
      this.warnings = value;
      return this;
    }

    /** {@return the validated manifest, in {@link #FORMAT_VERSION}} */
    public ArtifactManifest build() {
      return new ArtifactManifest(
          run.id(),
          run.runId(),
          run.attempt(),
          sha256,
          size,
          engineId,
          engineVersion,
          accelerationUsed,
          device,
          fallbackReason,
          pages,
          run.source(),
          createdAt,
          FORMAT_VERSION,
          warnings);
    }
  }
}

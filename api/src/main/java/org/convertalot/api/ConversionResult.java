package org.convertalot.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a successful job: the Markdown, verified against its manifest before it is handed
 * out, and the metadata of the run that produced it.
 *
 * @param jobId the job
 * @param markdown the Markdown text
 * @param manifest the artifact manifest; its hash and size match {@code markdown}
 * @param phaseTimings how long each phase of the successful run took, in order
 */
public record ConversionResult(
    JobId jobId, String markdown, ArtifactManifest manifest, Map<String, Duration> phaseTimings) {

  /**
   * Validates and copies the fields.
   *
   * @param jobId the job
   * @param markdown the Markdown text
   * @param manifest the artifact manifest; its hash and size match {@code markdown}
   * @param phaseTimings how long each phase of the successful run took, in order
   */
  public ConversionResult {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(manifest, "manifest");
    phaseTimings =
        phaseTimings == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(phaseTimings));
  }

  /** {@return the hardware the conversion ran on} */
  public Acceleration accelerationUsed() {
    return manifest.accelerationUsed();
  }

  /** {@return the engine that converted} */
  public String engineId() {
    return manifest.engineId();
  }

  /** {@return the engine's version} */
  public String engineVersion() {
    return manifest.engineVersion();
  }

  /**
   * Pages converted.
   *
   * @return the number of pages converted
   */
  public int pages() {
    return manifest.pages();
  }

  /**
   * What the engine wants the user to know about the Markdown, for example {@link
   * Warning#GARBLED_TEXT_LAYER} with the pages concerned; kept in the manifest.
   *
   * @return the warnings, empty for most results
   */
  public List<Warning> warnings() {
    return manifest.warnings();
  }

  /** {@return the Markdown as UTF-8 bytes, exactly the bytes the manifest describes} */
  public byte[] markdownBytes() {
    return markdown.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The Markdown as a stream of its UTF-8 bytes, exactly the bytes the manifest describes, for code
   * that writes results on (to a file, a response, an object store) without handling text.
   *
   * @return a fresh stream on each call; closing it is optional
   */
  public InputStream openMarkdown() {
    return new ByteArrayInputStream(markdownBytes());
  }
}

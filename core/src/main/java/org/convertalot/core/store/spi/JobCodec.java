package org.convertalot.core.store.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.core.internal.JobJson;

/**
 * The stored JSON form of job records and artifact manifests: the file store's record files, and
 * what any other store may keep in a text or JSON column. Field by field, versioned ({@link
 * #RECORD_FORMAT}), independent of class layout, so every store reads what every other wrote. Bytes
 * are UTF-8. Thread-safe; one instance can serve a whole store.
 */
public final class JobCodec {
  /** The job record format this codec writes and the only one it reads. */
  public static final int RECORD_FORMAT = JobJson.RECORD_FORMAT;

  private final JobJson json = new JobJson();

  /** Creates a codec. */
  public JobCodec() {}

  /**
   * Serializes a job record.
   *
   * @param job the record
   * @return its compact JSON, UTF-8
   */
  public byte[] write(JobSnapshot job) {
    try {
      return json.mapper().writeValueAsBytes(json.toJson(job));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize job " + job.id(), e);
    }
  }

  /**
   * Serializes a job record as text.
   *
   * @param job the record
   * @return its compact JSON
   */
  public String writeString(JobSnapshot job) {
    return new String(write(job), StandardCharsets.UTF_8);
  }

  /**
   * Parses a job record.
   *
   * @param bytes what {@link #write} produced
   * @return the record
   * @throws UnreadableRecordException when the bytes are not a job record of this format
   * @throws IOException never for in-memory bytes; declared for streams' sake
   */
  public JobSnapshot read(byte[] bytes) throws IOException {
    return json.readJob(tree(bytes));
  }

  /**
   * Parses a job record from text.
   *
   * @param text what {@link #writeString} produced
   * @return the record
   * @throws IOException when the text is not a job record of this format
   */
  public JobSnapshot readString(String text) throws IOException {
    return json.readJob(tree(text));
  }

  /**
   * Reads a job record already parsed as part of a larger document (a page of jobs).
   *
   * @param tree the record's JSON object
   * @return the record
   * @throws IOException when the object is not a job record of this format
   */
  public JobSnapshot read(JsonNode tree) throws IOException {
    return json.readJob(tree);
  }

  /**
   * Serializes a manifest, in the form job records embed it.
   *
   * @param manifest the manifest
   * @return its compact JSON, UTF-8
   */
  public byte[] writeManifest(ArtifactManifest manifest) {
    try {
      return json.mapper().writeValueAsBytes(json.manifest(manifest));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the manifest of " + manifest.jobId(), e);
    }
  }

  /**
   * Serializes a manifest as text.
   *
   * @param manifest the manifest
   * @return its compact JSON
   */
  public String writeManifestString(ArtifactManifest manifest) {
    return new String(writeManifest(manifest), StandardCharsets.UTF_8);
  }

  /**
   * Parses a manifest.
   *
   * @param bytes what {@link #writeManifest} produced
   * @return the manifest
   * @throws IOException when the bytes are not a manifest
   */
  public ArtifactManifest readManifest(byte[] bytes) throws IOException {
    return JobJson.readManifest(tree(bytes));
  }

  /**
   * Parses a manifest from text.
   *
   * @param text what {@link #writeManifestString} produced
   * @return the manifest
   * @throws IOException when the text is not a manifest
   */
  public ArtifactManifest readManifestString(String text) throws IOException {
    return JobJson.readManifest(tree(text));
  }

  private JsonNode tree(byte[] bytes) throws UnreadableRecordException {
    try {
      return json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw notJson(e);
    }
  }

  private JsonNode tree(String text) throws UnreadableRecordException {
    try {
      return json.mapper().readTree(text);
    } catch (IOException e) {
      throw notJson(e);
    }
  }

  private static UnreadableRecordException notJson(IOException e) {
    String detail =
        e instanceof JsonProcessingException
            ? ((JsonProcessingException) e).getOriginalMessage()
            : e.getMessage();
    // The parser's location text ("at [Source: ...]") means nothing to a user.
    int location = detail == null ? -1 : detail.indexOf(" at [Source");
    if (location >= 0) {
      detail = detail.substring(0, location).replaceAll("\\s*\\(start marker$", "");
    }
    return new UnreadableRecordException("not JSON: " + detail, e);
  }
}

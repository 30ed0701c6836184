package org.convertalot.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.Policy;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.JobNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploads folder: each uploaded PDF stays there exactly as long as its job may still read it.
 * Beside each upload a small record ({@code upload-….pdf.json}) holds what was asked for and, once
 * submitted, the job id: when the job ends its upload and record are deleted; a server starting
 * again finds the records its predecessor left and finishes their work.
 */
final class StagedUploads {

  private static final Logger LOG = LoggerFactory.getLogger(StagedUploads.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The prefix of every file this class names; anything else in the folder is left alone. */
  static final String PREFIX = "upload-";

  private static final String RECORD = ".json";

  /**
   * How old a leftover without a record must be before a start deletes it: younger, it may be an
   * upload another server sharing the folder is still writing.
   */
  static final Duration ORPHAN_AGE = Duration.ofHours(1);

  private final Path folder;
  private final ConversionRuntime runtime;
  private final Clock clock;

  StagedUploads(Path folder, ConversionRuntime runtime, Clock clock) {
    this.folder = folder;
    this.runtime = runtime;
    this.clock = clock;
  }

  Path folder() {
    return folder;
  }

  /** A fresh name for an upload; nothing exists under it yet. */
  Path newUpload() throws IOException {
    Path staged = Files.createTempFile(folder, PREFIX, ".pdf");
    Files.delete(staged);
    return staged;
  }

  /**
   * Submits a request whose source is an upload: its record is written first, so that a server
   * killed at any point leaves what the next start needs to submit it again (idempotently) or to
   * delete it.
   */
  JobHandle submit(ConversionRequest request) {
    Path staged = request.source();
    ObjectNode record = requestRecord(request);
    try {
      write(staged, record);
    } catch (IOException e) {
      release(staged);
      throw new UncheckedIOException("cannot record the upload " + staged.getFileName(), e);
    }
    JobHandle handle;
    try {
      handle = runtime.submit(request);
    } catch (RuntimeException e) {
      // Refused (an unknown engine or option): no job needs the upload.
      release(staged);
      throw e;
    }
    if (!handle.created()) {
      // The same source and options are already a job, which reads its own upload.
      release(staged);
      return handle;
    }
    record.put("job_id", handle.id().value());
    try {
      write(staged, record);
    } catch (IOException e) {
      // The record without the id still lets a restart find the job again by submitting it.
      LOG.warn("could not record job {} beside its upload: {}", handle.id(), e.toString());
    }
    track(staged, handle);
    return handle;
  }

  /** Deletes an upload no job needs, and its record; one that cannot be deleted stays. */
  void release(Path staged) {
    deleteQuietly(recordOf(staged));
    deleteQuietly(staged);
  }

  /**
   * Finishes what a previous server left: deletes the uploads of jobs that ended or are gone,
   * watches those of jobs still to run, submits again those whose submit may not have happened, and
   * deletes old leftovers that have no record.
   */
  void recover() {
    int watched = 0;
    int released = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(PREFIX) && name.endsWith(".pdf")) {
          if (recover(file)) {
            watched++;
          } else {
            released++;
          }
        } else if (name.startsWith(PREFIX) && name.endsWith(RECORD)) {
          Path staged = file.resolveSibling(name.substring(0, name.length() - RECORD.length()));
          if (!Files.exists(staged)) {
            deleteQuietly(file);
          }
        } else if (Files.isRegularFile(file) && olderThanOrphanAge(file)) {
          // A part the multipart parser wrote before the process died.
          deleteQuietly(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploads folder " + folder, e);
    }
    if (watched + released > 0) {
      LOG.info("uploads: {} still needed by their jobs, {} deleted", watched, released);
    }
  }

  /** Whether the upload is still needed (and now watched). */
  private boolean recover(Path staged) throws IOException {
    Path recordFile = recordOf(staged);
    if (!Files.exists(recordFile)) {
      if (olderThanOrphanAge(staged)) {
        release(staged);
        return false;
      }
      return true;
    }
    JsonNode record;
    try {
      record = JSON.readTree(recordFile.toFile());
    } catch (IOException e) {
      // Unreadable: written when the process died, before the submit it precedes.
      release(staged);
      return false;
    }
    try {
      JobHandle handle =
          record.hasNonNull("job_id")
              ? runtime.handle(JobId.of(record.get("job_id").asText()))
              : runtime.submit(requestOf(staged, record));
      if (handle.state().isTerminal()) {
        release(staged);
        return false;
      }
      track(staged, handle);
      return true;
    } catch (JobNotFoundException e) {
      release(staged);
      return false;
    } catch (ConversionException e) {
      // Refused now (an engine no longer installed): no job will read it.
      LOG.warn("upload {} not submitted again: {}", staged.getFileName(), e.toString());
      release(staged);
      return false;
    }
  }

  /** Deletes the upload once its job ends. */
  private void track(Path staged, JobHandle handle) {
    handle
        .result()
        .whenCompleteAsync(
            (result, failure) -> {
              if (failure == null || ended(handle.id())) {
                release(staged);
              }
            });
  }

  /**
   * Whether a job whose result ended in a failure has really ended: a waiter also fails when the
   * store stays unreachable, while the job may still run; its upload then waits for a restart.
   */
  private boolean ended(JobId id) {
    try {
      return runtime.job(id).state().isTerminal();
    } catch (JobNotFoundException e) {
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean olderThanOrphanAge(Path file) throws IOException {
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    return modified.isBefore(Instant.now(clock).minus(ORPHAN_AGE));
  }

  private static ObjectNode requestRecord(ConversionRequest request) {
    ObjectNode record = JSON.createObjectNode();
    record.put("policy", request.policy().code());
    if (request.engineHint() != null) {
      record.put("engine", request.engineHint());
    }
    ObjectNode options = record.putObject("options");
    request.options().forEach(options::put);
    return record;
  }

  private static ConversionRequest requestOf(Path staged, JsonNode record) {
    ConversionRequest.Builder builder = ConversionRequest.builder(staged);
    Policy.fromCode(record.path("policy").asText()).ifPresent(builder::policy);
    if (record.hasNonNull("engine")) {
      builder.engine(record.get("engine").asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = record.path("options").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> option = it.next();
      builder.option(option.getKey(), option.getValue().asText());
    }
    return builder.build();
  }

  private static void write(Path staged, ObjectNode record) throws IOException {
    Path target = recordOf(staged);
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temp, JSON.writeValueAsBytes(record));
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path recordOf(Path staged) {
    return staged.resolveSibling(staged.getFileName() + RECORD);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing reads it: it only takes space until a later start deletes it.
    }
  }
}

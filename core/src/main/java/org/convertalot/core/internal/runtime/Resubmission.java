package org.convertalot.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.store.JobStore;

/**
 * The request an ended job was submitted with, to submit it again: its policy, engine, options,
 * limits and pages, and its source file as it is now, or, when the file is gone, the copy of its
 * bytes the store keeps (a store shared by machines keeps one). Holds that copy's stream open until
 * it is closed.
 */
final class Resubmission implements AutoCloseable {
  /** {@code details.reason} when the source is gone and the store keeps no copy. */
  static final String SOURCE_MISSING = "source_missing";

  private final ConversionRequest request;
  private final InputStream kept;

  private Resubmission(ConversionRequest request, InputStream kept) {
    this.request = request;
    this.kept = kept;
  }

  static Resubmission of(JobSnapshot job, JobStore store) {
    if (job.state() != JobState.FAILED && job.state() != JobState.CANCELED) {
      throw new InvalidRequestException(
          "job " + job.id() + " is " + job.state() + "; only FAILED and CANCELED jobs are retried",
          Map.of("job_id", job.id().value(), "state", job.state().name()),
          job.id().value(),
          0);
    }
    Path file = Path.of(job.source().path());
    InputStream kept = null;
    ConversionRequest.Builder b;
    if (Files.isRegularFile(file)) {
      b = ConversionRequest.builder(file);
    } else {
      try {
        kept = store.openSource(job);
      } catch (UncheckedIOException e) {
        throw new InvalidRequestException(
            "the source of job "
                + job.id()
                + " is gone ("
                + job.source().path()
                + ") and the store keeps no copy of it",
            Map.of("reason", SOURCE_MISSING, "path", job.source().path()),
            job.id().value(),
            0);
      }
      b = ConversionRequest.builder(kept, job.source().name());
    }
    b.policy(job.policy()).limits(job.limits()).pages(job.pages());
    if (job.engineHint() != null) {
      b.engine(job.engineHint());
    }
    job.options().forEach(b::option);
    return new Resubmission(b.build(), kept);
  }

  ConversionRequest request() {
    return request;
  }

  @Override
  public void close() {
    if (kept != null) {
      try {
        kept.close();
      } catch (IOException e) {
        // Read to its end by the submit, or not needed: nothing is lost.
      }
    }
  }
}

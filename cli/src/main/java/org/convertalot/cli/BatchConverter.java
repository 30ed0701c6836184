package org.convertalot.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.error.ConversionException;

/**
 * Submits one job per file, waits for every result and writes each Markdown to its output path.
 * Results are handled on the calling thread as they arrive, so output files appear while the batch
 * runs and a slow file never holds back the others.
 */
final class BatchConverter {
  private static final long TICK_MILLIS = 250;

  private final ConversionRuntime runtime;
  private final CompletionTracker tracker;
  private final RequestOptions requests;
  private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
  private final OutputFiles outputFiles = new OutputFiles();

  BatchConverter(ConversionRuntime runtime, CompletionTracker tracker, RequestOptions requests) {
    this.runtime = runtime;
    this.tracker = tracker;
    this.requests = requests;
  }

  /** Converts the files; one outcome per file, in the order they ended. */
  List<FileOutcome> run(List<PlannedFile> files, ProgressReporter progress)
      throws InterruptedException {
    List<FileOutcome> outcomes = new ArrayList<>(files.size());
    Set<JobId> inBatch = new HashSet<>();
    for (PlannedFile file : files) {
      submit(file, inBatch);
      Finished f;
      while ((f = finished.poll()) != null) {
        record(f, outcomes, files.size(), progress);
      }
    }
    while (outcomes.size() < files.size()) {
      Finished f = finished.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
      if (f == null) {
        progress.tick();
      } else {
        record(f, outcomes, files.size(), progress);
      }
    }
    return outcomes;
  }

  private void submit(PlannedFile file, Set<JobId> inBatch) {
    try {
      JobHandle handle = runtime.submit(requests.request(file.source()));
      // Two files with the same bytes share one job: only the first counts as converted.
      boolean duplicate = !inBatch.add(handle.id());
      handle
          .result()
          .whenComplete(
              (result, error) ->
                  finished.add(new Finished(file, handle.id(), duplicate, result, error)));
    } catch (ConversionException e) {
      finished.add(new Finished(file, null, false, null, e));
    }
  }

  private void record(
      Finished f, List<FileOutcome> outcomes, int total, ProgressReporter progress) {
    FileOutcome outcome = outcome(f);
    outcomes.add(outcome);
    progress.finished(outcomes.size(), total, outcome);
  }

  private FileOutcome outcome(Finished f) {
    if (f.error() != null) {
      return failure(f.file(), f.error());
    }
    ConversionResult result = f.result();
    try {
      outputFiles.writeAtomically(f.file().output(), result.markdownBytes());
    } catch (IOException e) {
      return FileOutcome.failed(
          f.file(),
          "store_unavailable",
          "output_not_writable",
          "cannot write " + f.file().output() + ": " + e);
    }
    boolean reused = f.duplicate() || !tracker.completedHere(f.id());
    return FileOutcome.succeeded(
        f.file(), reused, result.pages(), result.manifest().fallbackReason());
  }

  private static FileOutcome failure(PlannedFile file, Throwable error) {
    Throwable t =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (t instanceof ConversionException) {
      return FileOutcome.failed(file, (ConversionException) t);
    }
    if (t instanceof CancellationException) {
      return FileOutcome.failed(file, "canceled", null, "the runtime closed before the job ended");
    }
    return FileOutcome.failed(file, "backend_failed", null, String.valueOf(t));
  }

  /** A future that completed, with what the submitting loop knew about its file. */
  private record Finished(
      PlannedFile file, JobId id, boolean duplicate, ConversionResult result, Throwable error) {}
}

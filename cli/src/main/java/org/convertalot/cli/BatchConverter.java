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
import java.util.concurrent.atomic.AtomicInteger;
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
  private Observer observer = (outcome, result, submitted, ended) -> {};

  /** Files ended and failed so far, read by the Ctrl-C summary from the shutdown hook's thread. */
  private final AtomicInteger ended = new AtomicInteger();

  private final AtomicInteger failed = new AtomicInteger();

  BatchConverter(ConversionRuntime runtime, CompletionTracker tracker, RequestOptions requests) {
    this.runtime = runtime;
    this.tracker = tracker;
    this.requests = requests;
  }

  /**
   * Sees every job of the batch as it ends, on the thread that runs the batch.
   *
   * @param value called once per file, before its progress is shown
   * @return this converter
   */
  BatchConverter observe(Observer value) {
    this.observer = value;
    return this;
  }

  /** {@return the files ended so far; safe from any thread} */
  int ended() {
    return ended.get();
  }

  /** {@return the files failed so far; safe from any thread} */
  int failed() {
    return failed.get();
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
    long submitted = System.nanoTime();
    try {
      JobHandle handle = runtime.submit(requests.request(file.source()));
      // Two files with the same bytes share one job: only the first counts as converted.
      boolean duplicate = !inBatch.add(handle.id());
      handle
          .result()
          .whenComplete(
              (result, error) ->
                  finished.add(
                      new Finished(
                          file,
                          handle.id(),
                          duplicate,
                          result,
                          error,
                          submitted,
                          System.nanoTime())));
    } catch (ConversionException e) {
      finished.add(new Finished(file, null, false, null, e, submitted, System.nanoTime()));
    }
  }

  private void record(
      Finished f, List<FileOutcome> outcomes, int total, ProgressReporter progress) {
    FileOutcome outcome = outcome(f);
    observer.ended(outcome, outcome.ok() ? f.result() : null, f.submitted(), f.ended());
    outcomes.add(outcome);
    if (!outcome.ok()) {
      failed.incrementAndGet();
    }
    ended.incrementAndGet();
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
        f.file(), reused, result.pages(), result.manifest().fallbackReason(), result.warnings());
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

  /**
   * Sees each file of a batch end.
   *
   * <p>{@code ended(outcome, result, submittedNanos, endedNanos)}: the result is {@code null} when
   * the file failed; the times are {@link System#nanoTime()} just before the submit and when the
   * job's future completed.
   */
  @FunctionalInterface
  interface Observer {
    void ended(FileOutcome outcome, ConversionResult result, long submittedNanos, long endedNanos);
  }

  /**
   * A future that completed, with what the submitting loop knew about its file and when (in {@link
   * System#nanoTime()}) it was submitted and ended.
   */
  private record Finished(
      PlannedFile file,
      JobId id,
      boolean duplicate,
      ConversionResult result,
      Throwable error,
      long submitted,
      long ended) {}
}

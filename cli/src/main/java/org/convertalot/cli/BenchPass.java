package org.convertalot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.core.ConvertALot;

/**
 * One pass of {@code bench} over the corpus: a fresh runtime on a private temporary data root (so
 * that no result comes from an earlier pass's idempotent jobs), every PDF submitted through {@link
 * BatchConverter}, the runtime closed, the figures taken. The temporary folder is deleted unless
 * the caller keeps the pass's Markdown for scoring.
 */
final class BenchPass {
  private final Path corpus;
  private final RequestOptions request;
  private final DoclingCliOptions docling;
  private final int workers;
  private final Function<Integer, ProgressReporter> progress;

  /**
   * @param corpus the folder of PDFs
   * @param request the policy, engine and engine options of every job
   * @param docling the Docling engine's options
   * @param workers the runtime's worker threads
   * @param progress a reporter for a pass of that many files
   */
  BenchPass(
      Path corpus,
      RequestOptions request,
      DoclingCliOptions docling,
      int workers,
      Function<Integer, ProgressReporter> progress) {
    this.corpus = corpus;
    this.request = request;
    this.docling = docling;
    this.workers = workers;
    this.progress = progress;
  }

  /**
   * One document of a pass.
   *
   * @param file the path shown in progress, relative to the corpus
   * @param ok whether it converted
   * @param pages its pages (0 when it failed)
   * @param latencyMs the runtime's time on its job (the sum of the job's phase timings; wall clock
   *     when a result has none), or {@code NaN} when it failed
   * @param wallMs from just before its submit to its result, queueing included
   * @param engineId the engine that converted it, or {@code null}
   * @param engineVersion that engine's version, or {@code null}
   * @param acceleration the hardware it ran on ({@code cpu}, {@code cuda}, {@code rocm}), or {@code
   *     null}
   * @param deviceId the device it ran on, for example {@code cuda:0}, or {@code null}
   * @param deviceName that device's name, or {@code null}
   * @param error the error code with its reason when it failed, else {@code null}
   */
  record Doc(
      String file,
      boolean ok,
      int pages,
      double latencyMs,
      double wallMs,
      String engineId,
      String engineVersion,
      String acceleration,
      String deviceId,
      String deviceName,
      String error) {}

  /**
   * What a pass measured.
   *
   * @param docs its documents, in the order they ended
   * @param seconds from the first submit to the last result
   * @param startupMs building the runtime (engine discovery and probes, store open)
   * @param figures CPU, GC and memory from before the runtime was built to after it closed
   * @param out the folder of its Markdown when kept, else {@code null}
   */
  record Result(
      List<Doc> docs, double seconds, double startupMs, BenchMeters.Figures figures, Path out) {}

  /**
   * Runs the pass.
   *
   * @param keepOutput whether to keep the Markdown (then the caller deletes {@link Result#out()}'s
   *     parent)
   */
  Result run(boolean keepOutput) throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("convertalot-bench-");
    Thread cleanup = new Thread(() -> OutputFiles.deleteTree(tmp), "convertalot-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    boolean kept = false;
    try {
      Path out = tmp.resolve("out");
      List<PlannedFile> files = new PdfFinder(out, null).find(List.of(corpus));
      Files.createDirectories(out);
      List<Doc> docs = new ArrayList<>(files.size());
      CompletionTracker tracker = new CompletionTracker();
      BenchMeters.Reading reading = BenchMeters.start();
      long built;
      long first;
      long last;
      long begin = System.nanoTime();
      try (ConversionRuntime runtime =
          docling
              .applyTo(ConvertALot.builder())
              .dataRoot(tmp.resolve("data"))
              .workers(workers)
              .listener(tracker)
              .build()) {
        built = System.nanoTime();
        ProgressReporter reporter = progress.apply(files.size());
        first = System.nanoTime();
        new BatchConverter(runtime, tracker, request)
            .observe((o, result, submitted, ended) -> docs.add(doc(o, result, submitted, ended)))
            .run(files, reporter);
        last = System.nanoTime();
        reporter.close();
      }
      BenchMeters.Figures figures = reading.stop();
      kept = keepOutput;
      return new Result(
          List.copyOf(docs),
          (last - first) / 1e9,
          (built - begin) / 1e6,
          figures,
          keepOutput ? out : null);
    } finally {
      if (!kept) {
        OutputFiles.deleteTree(tmp);
      }
      removeHook(cleanup);
    }
  }

  private static Doc doc(FileOutcome o, ConversionResult r, long submitted, long ended) {
    double wall = (ended - submitted) / 1e6;
    if (r == null) {
      return new Doc(
          o.file().display(),
          false,
          0,
          Double.NaN,
          wall,
          null,
          null,
          null,
          null,
          null,
          o.codeWithReason());
    }
    double latency =
        r.phaseTimings().isEmpty()
            ? wall
            : r.phaseTimings().values().stream().mapToLong(Duration::toNanos).sum() / 1e6;
    return new Doc(
        o.file().display(),
        true,
        o.pages(),
        latency,
        wall,
        r.engineId(),
        r.engineVersion(),
        r.accelerationUsed().code(),
        r.manifest().device().id(),
        r.manifest().device().name(),
        null);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and the hook runs.
    }
  }
}

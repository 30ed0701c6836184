package org.convertalot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convertalot.core.ConvertALot;
import org.convertalot.eval.EvalReport;
import org.convertalot.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot bench}: converts a corpus through the real runtime, unmeasured warmup passes
 * then measured passes, each on a private temporary data root, and writes a report of latency,
 * throughput, CPU, memory and GC ({@link BenchReport}), with quality scores when there is ground
 * truth (the scorer of {@code eval}).
 */
@Command(
    name = "bench",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks the runtime on a corpus: converts every PDF of --corpus (searched recursively"
          + " like convert) --warmup times unmeasured, then --runs times measured. Each pass opens"
          + " a fresh runtime on its own temporary data root, deleted afterwards, so nothing is read"
          + " back from an earlier pass's jobs. A full GC runs before each pass.",
      "",
      "The report (JSON; every key always present, in this order; null where a figure does not"
          + " exist):",
      "  format      convertalot-bench/1",
      "  settings    corpus, documents (PDFs found), corpus_bytes, engine (asked, or",
      "              null), policy, options, runs, warmup, workers, ground_truth",
      "  machine     cores, memory_bytes (physical), max_heap_bytes,",
      "              os {name, version, arch}, jvm {vendor, version, name}",
      "  engine      id, version, acceleration_used, device, device_name of the engine",
      "              that converted the most measured documents (from the results)",
      "  engines     each engine, hardware and device seen, with its documents",
      "  runs[]      per measured pass: run (from 1), the figures, failures",
      "              [{file, error}]",
      "  summary     runs, and the figures over all measured passes (counts, times, GC",
      "              summed; peaks the maximum; latencies over every document)",
      "  quality     with --ground-truth: eval's JSON report (the same scorer) of the",
      "              last pass's Markdown; else null",
      "The figures:",
      "  documents, succeeded, failed, pages (of succeeded documents)",
      "  seconds           first submit to last result",
      "  startup_ms        building the runtime (engine discovery, probes, store)",
      "  docs_per_second   documents / seconds; pages_per_second: pages / seconds",
      "  latency_ms        succeeded documents: the runtime's time on the job (the sum",
      "                    of its phase timings)",
      "  wall_latency_ms   every document: submit to result, queueing included",
      "                    both {count, p50, p95, p99, max, mean}, nearest-rank",
      "  cpu_seconds       process CPU time of the JVM (an engine's child processes,",
      "                    such as Docling's Python worker, are not counted)",
      "  peak_heap_bytes   sum of the heap pools' peak usage (MemoryPoolMXBean)",
      "  peak_rss_bytes    VmHWM of /proc/self/status (null without it)",
      "  gc                {count, time_ms} of every collector",
      "Peaks are reset before each pass (VmHWM where the kernel allows); a pass's resources"
          + " run from before its runtime is built to after it is closed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every document of every measured pass converted",
      "1:a document failed (the report is still written), or a runtime or I/O error",
      "2:usage error: missing or empty --corpus, bad option, --ground-truth not a folder"
    })
final class BenchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;

  @Option(
      names = "--corpus",
      required = true,
      paramLabel = "DIR",
      description = "Folder of PDFs to convert (searched recursively).")
  private Path corpus;

  @Mixin private RequestOptions request;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "3",
      description = "Measured passes, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  private int runs;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "1",
      description = "Unmeasured passes before them, 0 to 1000 (default: ${DEFAULT-VALUE}).")
  private int warmup;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Write the report to this file (then a text summary goes to stdout); default: the"
              + " report on stdout, the summary on stderr.")
  private Path json;

  @Option(
      names = "--ground-truth",
      paramLabel = "DIR",
      description =
          "Folder of reference Markdown (<id>.md) to score the last pass's output against, as"
              + " eval does.")
  private Path groundTruth;

  @Mixin private WorkersOption workers;

  @Mixin private DoclingCliOptions docling;

  @Override
  public Integer call() {
    List<PlannedFile> files;
    try {
      files = checkOptions();
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      return bench(files);
    } catch (ParameterException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.report(err, e, verbose());
    } catch (IOException | RuntimeException e) {
      return Errors.report(err, e, verbose());
    }
  }

  private int bench(List<PlannedFile> files) throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    int threads = workers.threads();
    boolean terminal = System.console() != null;
    BenchPass pass =
        new BenchPass(
            corpus.toAbsolutePath().normalize(),
            request,
            docling,
            threads,
            total -> terminal ? new BarProgress(err, total) : failuresOnly(err));
    List<BenchPass.Result> measured = new ArrayList<>(runs);
    Path keptOut = null;
    try {
      for (int i = 0; i < warmup + runs; i++) {
        boolean isWarmup = i < warmup;
        String label =
            isWarmup ? "warmup " + (i + 1) + "/" + warmup : "run " + (i + 1 - warmup) + "/" + runs;
        boolean last = i == warmup + runs - 1;
        BenchPass.Result r = pass.run(last && groundTruth != null);
        keptOut = r.out();
        err.printf(
            Locale.ROOT,
            "%s: %d documents, %d failed, %.3f s%n",
            label,
            r.docs().size(),
            r.docs().stream().filter(d -> !d.ok()).count(),
            r.seconds());
        err.flush();
        if (!isWarmup) {
          measured.add(r);
        }
      }
      JsonNode quality = keptOut == null ? null : score(keptOut);
      BenchReport report = new BenchReport(settings(files, threads), measured, quality);
      String text = JsonOutput.write(report.json());
      if (json != null) {
        Path file = json.toAbsolutePath();
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
        report.printText(spec.commandLine().getOut(), warmup);
        spec.commandLine().getOut().println("report: " + file);
        spec.commandLine().getOut().flush();
      } else {
        report.printText(err, warmup);
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
      }
      return report.allSucceeded() ? 0 : 1;
    } finally {
      if (keptOut != null) {
        OutputFiles.deleteTree(keptOut.getParent());
      }
    }
  }

  /** The eval report of the kept Markdown, as {@code eval --json} writes it. */
  private JsonNode score(Path predictions) {
    EvalReport report;
    try {
      report = Evaluator.create().evaluate(groundTruth, predictions);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--ground-truth: " + e.getMessage());
    }
    return JsonOutput.parse(report.toJson());
  }

  private ObjectNode settings(List<PlannedFile> files, int threads) {
    ObjectNode n = JsonOutput.object();
    n.put("corpus", corpus.toAbsolutePath().normalize().toString());
    n.put("documents", files.size());
    long bytes = 0;
    for (PlannedFile f : files) {
      try {
        bytes += Files.size(f.source());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    n.put("corpus_bytes", bytes);
    n.put("engine", request.engine());
    n.put("policy", request.policy().code());
    ObjectNode options = n.putObject("options");
    request.options().forEach(options::put);
    n.put("runs", runs);
    n.put("warmup", warmup);
    n.put("workers", threads);
    n.put(
        "ground_truth",
        groundTruth == null ? null : groundTruth.toAbsolutePath().normalize().toString());
    return n;
  }

  /** Every problem with the options, before anything runs; returns the corpus's PDFs. */
  private List<PlannedFile> checkOptions() {
    if (runs < 1 || runs > 1000) {
      throw new UsageError("--runs must be between 1 and 1000: " + runs);
    }
    if (warmup < 0 || warmup > 1000) {
      throw new UsageError("--warmup must be between 0 and 1000: " + warmup);
    }
    workers.check();
    request.checkSyntax();
    if (!Files.exists(corpus)) {
      throw new UsageError("--corpus not found: " + corpus);
    }
    if (!Files.isDirectory(corpus)) {
      throw new UsageError("--corpus is not a folder: " + corpus);
    }
    if (groundTruth != null && !Files.isDirectory(groundTruth)) {
      throw new UsageError("--ground-truth is not a folder: " + groundTruth);
    }
    // Once, against the engines every pass's runtime will have.
    request.checkAgainst(docling.applyTo(ConvertALot.builder()), spec);
    try {
      // Only to list the corpus: each pass plans its own output folder.
      return new PdfFinder(Path.of("bench-check-only"), null).find(List.of(corpus));
    } catch (UsageError e) {
      if (e.getMessage().startsWith("no PDF files found")) {
        throw new UsageError("no PDF files found in --corpus " + corpus);
      }
      throw e;
    }
  }

  /** Off a terminal only failures are printed, one line each, with the line after each pass. */
  private static ProgressReporter failuresOnly(PrintWriter err) {
    return (done, total, outcome) -> {
      if (!outcome.ok()) {
        err.println(LineProgress.describe(outcome));
        err.flush();
      }
    };
  }

  private boolean verbose() {
    return parent != null && parent.verbose();
  }
}

package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Policy;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.Json;
import org.convertalot.core.store.JobStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot convert}: converts every PDF of files and folders into an output folder. */
@Command(
    name = "convert",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Converts every PDF in the given files and folders to Markdown.",
      "Folders are searched recursively for *.pdf (any case); linked folders are not entered.",
      "An input folder a: a/b/c.pdf is written to <out>/b/c.md.",
      "An input file x.pdf is written to <out>/x.md.",
      "Jobs are idempotent: a file converted before (same bytes, same settings) is read back"
          + " from the data root instead of being converted again, and its output is rewritten."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file was converted",
      "1:a file failed, or a runtime or store error (data_root_conflict, store_unavailable)",
      "2:usage error: bad option, missing input, no PDF found, two inputs with one output"
    })
final class ConvertCommand implements Callable<Integer> {
  private static final Pattern ENGINE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "PDF files and folders to convert.")
  private List<Path> inputs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the Markdown files (created when absent).")
  private Path out;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description = "Where jobs and artifacts are kept (default: .convertalot in the out folder).")
  private Path dataRoot;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = JobStores.DEFAULT_NAMESPACE,
      description = "The data root's namespace (default: ${DEFAULT-VALUE}).")
  private String namespace;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "gpu_prefer",
      converter = PolicyConverter.class,
      completionCandidates = PolicyConverter.Candidates.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Policy policy;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Worker threads, 1 to 1024 (default: one per processor).")
  private Integer workers;

  @Option(
      names = "--engine",
      paramLabel = "ID",
      description = "Use this engine, for example pdfbox (default: chosen by the policy).")
  private String engine;

  @Option(
      names = "--json",
      description = "Print the summary as one JSON object on stdout; progress stays on stderr.")
  private boolean json;

  @Override
  public Integer call() {
    Path outDir = out.toAbsolutePath().normalize();
    Path root =
        (dataRoot != null ? dataRoot : outDir.resolve(".convertalot")).toAbsolutePath().normalize();
    List<PlannedFile> files;
    try {
      checkOptions(outDir);
      files = new PdfFinder(outDir, root).find(inputs);
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      return convert(files, outDir, root);
    } catch (ParameterException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.report(err, e, verbose());
    } catch (IOException | RuntimeException e) {
      return Errors.report(err, e, verbose());
    }
  }

  private int convert(List<PlannedFile> files, Path outDir, Path root)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Files.createDirectories(outDir);
    CompletionTracker tracker = new CompletionTracker();
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .dataRoot(root)
            .namespace(namespace)
            .workers(workers != null ? workers : ConvertALot.defaultWorkers())
            .listener(tracker)
            .build()) {
      checkEngine(runtime.status());
      // On Ctrl-C the runtime releases its running jobs, so that a re-run claims them at once
      // instead of waiting for the reaper to declare them stale.
      Thread hook = new Thread(runtime::close, "convertalot-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      List<FileOutcome> outcomes;
      try {
        PrintWriter err = spec.commandLine().getErr();
        ProgressReporter progress =
            ProgressReporter.create(err, System.console() != null && !json, files.size());
        outcomes = new BatchConverter(runtime, tracker, policy, engine).run(files, progress);
        progress.close();
      } finally {
        removeHook(hook);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ConvertSummary summary = new ConvertSummary(outcomes, seconds, root, outDir);
      if (json) {
        summary.printText(spec.commandLine().getErr());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(summary.json(new Json()));
        stdout.flush();
      } else {
        summary.printText(spec.commandLine().getOut());
      }
      return summary.allSucceeded() ? 0 : 1;
    }
  }

  private void checkOptions(Path outDir) {
    if (workers != null && (workers < 1 || workers > 1024)) {
      throw new UsageError("--workers must be between 1 and 1024: " + workers);
    }
    if (engine != null && !ENGINE_ID.matcher(engine).matches()) {
      throw new UsageError("malformed engine id: '" + engine + "'");
    }
    try {
      JobStores.checkNamespace(namespace);
    } catch (ConfigurationException e) {
      throw new UsageError("--namespace: " + e.getMessage());
    }
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw new UsageError("--out is not a folder: " + out);
    }
  }

  /** An unknown engine or one the policy cannot use is a bad option: refused before any submit. */
  private void checkEngine(StatusSnapshot status) {
    if (engine == null) {
      return;
    }
    StatusSnapshot.EngineStatus found =
        status.engines().stream().filter(e -> e.id().equals(engine)).findFirst().orElse(null);
    if (found == null) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown engine '"
              + engine
              + "'; available: "
              + String.join(", ", status.engines().stream().map(e -> e.id()).toList()));
    }
    if (policy == Policy.CPU_ONLY && !found.capabilities().supportsCpu()) {
      throw new ParameterException(
          spec.commandLine(), "engine '" + engine + "' cannot run on CPU (--policy cpu_only)");
    }
    if (policy == Policy.GPU_REQUIRED && !found.capabilities().supportsGpu()) {
      throw new ParameterException(
          spec.commandLine(),
          "engine '" + engine + "' cannot run on a GPU (--policy gpu_required)");
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook runs: nothing to undo.
    }
  }

  private boolean verbose() {
    return parent != null && parent.verbose();
  }
}

package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin private RequestOptions request;
  @Mixin private DoclingCliOptions docling;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Worker threads, 1 to 1024 (default: one per processor).")
  private Integer workers;

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
        docling
            .applyTo(ConvertALot.builder())
            .dataRoot(root)
            .namespace(namespace)
            .workers(workers != null ? workers : ConvertALot.defaultWorkers())
            .listener(tracker)
            .build()) {
      request.checkAgainst(runtime, spec);
      // On Ctrl-C the runtime releases its running jobs, so that a re-run claims them at once
      // instead of waiting for the reaper to declare them stale.
      Thread hook = new Thread(runtime::close, "convertalot-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      List<FileOutcome> outcomes;
      try {
        PrintWriter err = spec.commandLine().getErr();
        ProgressReporter progress =
            ProgressReporter.create(err, System.console() != null && !json, files.size());
        outcomes = new BatchConverter(runtime, tracker, request).run(files, progress);
        progress.close();
      } finally {
        removeHook(hook);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ConvertSummary summary = new ConvertSummary(outcomes, seconds, root, outDir);
      if (json) {
        summary.printText(spec.commandLine().getErr());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(summary.json());
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
    request.checkSyntax();
    try {
      JobStores.checkNamespace(namespace);
    } catch (ConfigurationException e) {
      throw new UsageError("--namespace: " + e.getMessage());
    }
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw new UsageError("--out is not a folder: " + out);
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

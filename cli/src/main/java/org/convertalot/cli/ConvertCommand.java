package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.core.ConvertALot;
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
          + " from the store instead of being converted again, and its output is rewritten.",
      "The jobs live in a data root (--store file, the default) or in a PostgreSQL schema"
          + " (--store postgres), where `worker` processes on other machines help convert them."
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
      paramLabel = "DIR",
      description =
          "Folder for the Markdown files (created when absent). Without it, or with '-', one PDF"
              + " (a file, or '-' for standard input) is converted to standard output, in a"
              + " private temporary data root unless --data-root is given.")
  private Path out;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Where jobs and artifacts are kept with --store file (default: .convertalot in the out"
              + " folder).")
  private Path dataRoot;

  @Mixin private StoreOptions store;

  @Mixin private RequestOptions request;
  @Mixin private DoclingCliOptions docling;

  @Mixin private PasswordOptions passwords;

  @Mixin private WorkersOption workers;

  @Option(
      names = "--json",
      description = "Print the summary as one JSON object on stdout; progress stays on stderr.")
  private boolean json;

  @Override
  public Integer call() {
    if (StdoutConversion.wanted(out)) {
      return toStdout();
    }
    Path outDir = out.toAbsolutePath().normalize();
    StoreTarget target;
    List<PlannedFile> files;
    try {
      checkOptions(outDir);
      target =
          store.resolve(
              dataRoot,
              () ->
                  (dataRoot != null ? dataRoot : outDir.resolve(".convertalot"))
                      .toAbsolutePath()
                      .normalize());
      files = new PdfFinder(outDir, target.dataRoot()).find(inputs);
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      return convert(files, outDir, target);
    } catch (ParameterException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.report(err, e, verbose(), target.secrets());
    } catch (IOException | RuntimeException e) {
      return Errors.report(err, e, verbose(), target.secrets());
    }
  }

  private int toStdout() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      workers.check();
      request.checkSyntax();
      if (inputs.size() != 1
          || (!inputs.get(0).toString().equals(StdoutConversion.STDIN)
              && !Files.isRegularFile(inputs.get(0)))) {
        throw new UsageError(
            "without --out, convert takes one PDF file (or - for standard input) and writes its"
                + " Markdown to standard output; give --out DIR for folders and several files");
      }
      return StdoutConversion.run(
          inputs.get(0),
          System.in,
          store,
          dataRoot,
          request,
          docling.applyTo(passwords.applyTo(ConvertALot.builder())),
          workers.threads(),
          spec,
          verbose());
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (ParameterException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return Errors.report(err, e, verbose());
    }
  }

  private int convert(List<PlannedFile> files, Path outDir, StoreTarget target)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    ConvertALot.Builder engines = docling.applyTo(passwords.applyTo(ConvertALot.builder()));
    request.checkAgainst(engines, spec);
    Files.createDirectories(outDir);
    CompletionTracker tracker = new CompletionTracker();
    StartedFiles started = new StartedFiles();
    int threads = workers.threads();
    Main.fallbacksReportedInSummary(verbose());
    try (OpenedStore opened = target.open(threads);
        ConversionRuntime runtime =
            opened.applyTo(engines).workers(threads).listener(tracker).listener(started).build()) {
      PrintWriter err = spec.commandLine().getErr();
      BatchConverter converter = new BatchConverter(runtime, tracker, request);
      // On Ctrl-C the runtime releases its running jobs, so that a re-run claims them at once
      // instead of waiting for the reaper to declare them stale; then the user learns how far it
      // got and how to go on.
      Thread hook =
          new Thread(
              () -> {
                // Counted before the close: closing ends the waits of the jobs still running.
                int ended = converter.ended();
                int failed = converter.failed();
                runtime.close();
                err.println();
                err.println(interrupted(ended, files.size(), failed));
                err.flush();
              },
              "convertalot-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      List<FileOutcome> outcomes;
      try {
        ProgressReporter progress =
            ProgressReporter.create(
                err, System.console() != null && !json, files.size(), started::current);
        outcomes = converter.run(files, progress);
        progress.close();
      } finally {
        removeHook(hook);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ConvertSummary summary = new ConvertSummary(outcomes, seconds, target, outDir);
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
    workers.check();
    passwords.applyTo(ConvertALot.builder());
    request.checkSyntax();
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw new UsageError("--out is not a folder: " + out);
    }
  }

  /** What an interrupted run says last: how far it got, and how to resume. */
  static String interrupted(int ended, int total, int failed) {
    return "interrupted: "
        + ended
        + " of "
        + total
        + " files ended ("
        + failed
        + " failed); running jobs were handed back to the queue. Run the same command again to"
        + " resume: files already converted are read back from the data root, not converted"
        + " again.";
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

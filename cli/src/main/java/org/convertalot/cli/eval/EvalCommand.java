package org.convertalot.cli.eval;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convertalot.eval.EvalReport;
import org.convertalot.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot eval}: scores Markdown predictions against ground truth with the
 * opendataloader-bench metrics (NID, TEDS, MHS and their mean), as {@code
 * shared/design/quality-metrics.md} defines them. Only the options, the exit codes and the printing
 * are here; the scorer is {@link Evaluator} of {@code convertalot-eval}.
 */
@Command(
    name = "eval",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Scores Markdown predictions against ground truth: every <id>.md of the ground truth folder"
          + " against the file <id>.md anywhere under the predictions folder, as convert --out"
          + " writes them (its .convertalot data folder is not searched). A missing prediction"
          + " scores as an empty page, unless --only-predicted leaves such documents out.",
      "NID (text and reading order) applies to every document with text in the ground truth,"
          + " TEDS (tables) only to documents whose ground truth has a table, MHS (headings) only to"
          + " documents whose ground truth has a # heading; a document's overall score is the mean"
          + " of those that apply.",
      "Each metric's mean is over the documents it applies to, the overall mean over all scored"
          + " documents; '-' marks a metric that does not apply."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:scored",
      "1:a file could not be read or the JSON could not be written",
      "2:usage error: missing option, folder not found, no ground truth files, two predictions"
          + " with one name, no prediction at all with --only-predicted"
    })
public final class EvalCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--ground-truth",
      required = true,
      paramLabel = "DIR",
      description = "Folder of reference Markdown files (<id>.md).")
  private Path groundTruth;

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "DIR",
      description = "Folder of predicted Markdown files (<id>.md), at any depth.")
  private Path predictions;

  @Option(
      names = "--only-predicted",
      description =
          "Score only the ground truth documents that have a prediction (by default a missing"
              + " prediction scores as an empty page).")
  private boolean onlyPredicted;

  @Option(
      names = "--json",
      description = "Print the per-document scores and the means as JSON instead of the table.")
  private boolean json;

  @Option(
      names = "--json-file",
      paramLabel = "FILE",
      description = "Also write the per-document scores and the means to this JSON file.")
  private Path jsonFile;

  /** Creates the command; picocli sets its options. */
  public EvalCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EvalReport report;
    try {
      report =
          Evaluator.builder()
              .onlyPredicted(onlyPredicted)
              .build()
              .evaluate(groundTruth, predictions);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    } catch (UncheckedIOException e) {
      return error(err, e);
    }
    if (json) {
      out.println(report.toJson());
    } else {
      out.print(report.toText());
    }
    out.flush();
    if (jsonFile != null) {
      try {
        report.writeJson(jsonFile);
      } catch (UncheckedIOException e) {
        return error(err, e);
      }
    }
    return 0;
  }

  private static int error(PrintWriter err, UncheckedIOException e) {
    err.println("error: " + e.getCause());
    err.flush();
    return 1;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

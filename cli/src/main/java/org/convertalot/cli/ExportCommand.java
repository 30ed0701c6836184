package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot export}: writes the verified Markdown of every succeeded job. */
@Command(
    mixinStandardHelpOptions = true,
    name = "export",
    description = {
      "Writes the Markdown of every SUCCEEDED job to <out>/<source name>.md (a second source of the"
          + " same name gets its job id appended; only the last part of a name is used, so nothing"
          + " is written outside <out>). Every artifact is verified against its manifest first; one"
          + " that does not match, or a file that cannot be written, is reported and the others"
          + " are still exported."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every succeeded job was exported",
      "1:an artifact failed verification, a file could not be written, or a runtime or store"
          + " error",
      "2:usage error"
    })
final class ExportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;
  @Mixin private DataRootOptions root;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the Markdown files (created when absent).")
  private Path out;

  @Option(names = "--json", description = "Print what was exported as one JSON object.")
  private boolean json;

  /**
   * The output name of a job: the last component of its source name only (a record's name is never
   * trusted to stay inside {@code --out}), made unique with the job id when taken.
   */
  static String exportName(JobSnapshot job, Set<String> used) {
    String raw = job.source().name().replace('\\', '/');
    String last = raw.substring(raw.lastIndexOf('/') + 1);
    String cleaned = Display.withoutControls(last).strip();
    if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
      cleaned = job.id().value() + ".pdf";
    }
    String name = PdfFinder.markdownName(cleaned);
    if (!used.add(name)) {
      name = name.substring(0, name.length() - 3) + "-" + job.id() + ".md";
      used.add(name);
    }
    return name;
  }

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    Secrets secrets = target.secrets();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path outDir = out.toAbsolutePath().normalize();
    int exported = 0;
    int broken = 0;
    int unwritable = 0;
    OutputFiles files = new OutputFiles();
    ObjectNode summary = JsonOutput.object();
    ArrayNode written = summary.putArray("files");
    ArrayNode notExported = summary.putArray("not_exported");
    try (OpenedStore store = target.openForReading();
        ConversionRuntime runtime = store.applyTo(ConvertALot.builder()).workers(0).build()) {
      Files.createDirectories(outDir);
      Set<String> used = new HashSet<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        JobPage jobs = runtime.list(page);
        for (JobSnapshot job : jobs.jobs()) {
          if (job.state() != JobState.SUCCEEDED) {
            continue;
          }
          String name = exportName(job, used);
          try {
            ConversionResult result = runtime.result(job.id());
            files.writeAtomically(
                outDir.resolve(name), result.markdown().getBytes(StandardCharsets.UTF_8));
            exported++;
            ObjectNode file = written.addObject();
            file.put("job_id", job.id().value());
            file.put("file", outDir.resolve(name).toString());
            if (!result.warnings().isEmpty()) {
              err.println(
                  "exported "
                      + job.id()
                      + " ("
                      + Display.safe(job.source().name())
                      + ") with "
                      + WarningText.brief(result.warnings()));
            }
          } catch (ConversionException e) {
            broken++;
            ObjectNode why = notExported.addObject();
            why.put("job_id", job.id().value());
            why.put("code", e.code());
            why.put("message", secrets.scrub(e.getMessage()));
            err.println(
                "not exported "
                    + job.id()
                    + " ("
                    + Display.safe(job.source().name())
                    + "): "
                    + e.code()
                    + ": "
                    + Display.safe(secrets.scrub(e.getMessage())));
          } catch (IOException e) {
            // One file that cannot be written (a full disk, a name the file system refuses) does
            // not stop the others.
            unwritable++;
            ObjectNode why = notExported.addObject();
            why.put("job_id", job.id().value());
            why.put("code", "unwritable");
            why.put("message", String.valueOf(e.getMessage()));
            err.println(
                "not exported "
                    + job.id()
                    + " ("
                    + Display.safe(job.source().name())
                    + "): cannot write "
                    + Display.safe(outDir.resolve(name).toString())
                    + ": "
                    + Display.safe(String.valueOf(e.getMessage())));
          }
        }
        if (jobs.nextCursor().isEmpty()) {
          break;
        }
        page = PageRequest.after(jobs.nextCursor().getAsLong(), PageRequest.MAX_LIMIT);
      }
      summary.put("exported", exported);
      summary.put("failed_verification", broken);
      summary.put("unwritable", unwritable);
      summary.put("out", outDir.toString());
      target.describeIn(summary);
      stdout.println(
          json
              ? secrets.scrub(JsonOutput.write(summary))
              : "exported "
                  + exported
                  + " Markdown files to "
                  + Display.safe(outDir.toString())
                  + (broken > 0 ? "; " + broken + " failed verification" : "")
                  + (unwritable > 0 ? "; " + unwritable + " could not be written" : ""));
      stdout.flush();
      return broken == 0 && unwritable == 0 ? 0 : Errors.RUNTIME_FAILURE;
    } catch (IOException | RuntimeException e) {
      return Errors.report(err, e, parent != null && parent.verbose(), secrets);
    }
  }
}

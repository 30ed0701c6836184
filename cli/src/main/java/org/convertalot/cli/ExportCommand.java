package org.convertalot.cli;

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
    name = "export",
    description = {
      "Writes the Markdown of every SUCCEEDED job to <out>/<source name>.md (a second source of the"
          + " same name gets its job id appended). Every artifact is verified against its manifest"
          + " first; one that does not match is reported and not written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every succeeded job was exported",
      "1:an artifact failed verification, or a runtime or store error",
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

  @Override
  public Integer call() {
    DataRootOptions.Resolved resolved = root.resolve(spec);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path outDir = out.toAbsolutePath().normalize();
    int exported = 0;
    int broken = 0;
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .dataRoot(resolved.root())
            .namespace(resolved.namespace())
            .workers(0)
            .build()) {
      Files.createDirectories(outDir);
      Set<String> used = new HashSet<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        JobPage jobs = runtime.list(page);
        for (JobSnapshot job : jobs.jobs()) {
          if (job.state() != JobState.SUCCEEDED) {
            continue;
          }
          String name = PdfFinder.markdownName(job.source().name());
          if (!used.add(name)) {
            name = name.substring(0, name.length() - 3) + "-" + job.id() + ".md";
            used.add(name);
          }
          try {
            ConversionResult result = runtime.result(job.id());
            OutputFiles.writeAtomically(
                outDir.resolve(name), result.markdown().getBytes(StandardCharsets.UTF_8));
            exported++;
          } catch (ConversionException e) {
            broken++;
            err.println(
                "not exported "
                    + job.id()
                    + " ("
                    + job.source().name()
                    + "): "
                    + e.code()
                    + ": "
                    + e.getMessage());
          }
        }
        if (jobs.nextCursor().isEmpty()) {
          break;
        }
        page = PageRequest.after(jobs.nextCursor().getAsLong(), PageRequest.MAX_LIMIT);
      }
      stdout.println(
          "exported "
              + exported
              + " Markdown files to "
              + outDir
              + (broken > 0 ? "; " + broken + " failed verification" : ""));
      stdout.flush();
      return broken == 0 ? 0 : Errors.RUNTIME_FAILURE;
    } catch (IOException | RuntimeException e) {
      return Errors.report(err, e, parent != null && parent.verbose());
    }
  }
}

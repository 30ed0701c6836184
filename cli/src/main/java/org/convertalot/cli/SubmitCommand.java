package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot submit}: enqueues jobs only; {@code worker} processes convert them. */
@Command(
    mixinStandardHelpOptions = true,
    name = "submit",
    description = {
      "Enqueues a job for every PDF found in the inputs (folders are searched recursively) and"
          + " prints the job ids. Nothing is converted here: run `convertalot worker` on the same"
          + " data root or PostgreSQL schema (there, on any machine that sees the PDFs at the same"
          + " paths). Submitting the same file with the same options again returns its job."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file was enqueued", "1:a runtime or store error", "2:usage error"})
final class SubmitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "PDF files or folders.")
  private List<Path> inputs;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description = "The data root (created when absent); required with --store file.")
  private Path dataRoot;

  @Mixin private StoreOptions store;

  @Mixin private RequestOptions request;

  @Option(names = "--json", description = "Print the jobs as one JSON object.")
  private boolean json;

  @Override
  public Integer call() {
    StoreTarget target;
    List<PlannedFile> files;
    try {
      target = store.resolve(dataRoot, () -> DataRootOptions.toCreate(dataRoot));
      request.checkSyntax();
      // Outputs are not written by submit; the finder still refuses colliding relative paths.
      Path plan = target.dataRoot() != null ? target.dataRoot() : Path.of("").toAbsolutePath();
      files = new PdfFinder(plan.resolve("submit-plan"), target.dataRoot()).find(inputs);
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    ConvertALot.Builder engines = ConvertALot.builder();
    request.checkAgainst(engines, spec);
    try (OpenedStore opened = target.open(0);
        ConversionRuntime runtime = opened.applyTo(engines).workers(0).build()) {
      ObjectNode summary = JsonOutput.object();
      ArrayNode jobs = summary.putArray("jobs");
      int created = 0;
      for (PlannedFile file : files) {
        JobHandle handle = runtime.submit(request.request(file.source()));
        created += handle.created() ? 1 : 0;
        if (json) {
          ObjectNode j = jobs.addObject();
          j.put("file", file.display());
          j.put("job_id", handle.id().value());
          j.put("created", handle.created());
        } else {
          out.println(
              handle.id()
                  + "  "
                  + (handle.created() ? "new     " : "existing")
                  + "  "
                  + file.display());
        }
      }
      summary.put("submitted", files.size());
      summary.put("created", created);
      target.describeIn(summary);
      out.println(
          json
              ? JsonOutput.write(summary)
              : files.size()
                  + " submitted ("
                  + created
                  + " new, "
                  + (files.size() - created)
                  + " existing) to "
                  + target.describe());
      out.flush();
      return 0;
    } catch (org.convertalot.api.error.InvalidRequestException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (ParameterException e) {
      throw e; // a bad engine option: a usage error, not a runtime one
    } catch (RuntimeException e) {
      return Errors.report(
          spec.commandLine().getErr(), e, parent != null && parent.verbose(), target.secrets());
    }
  }
}

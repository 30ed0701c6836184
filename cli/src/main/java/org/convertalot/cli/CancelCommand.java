package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot cancel}: cancels a queued job at once, or asks a running one to stop. */
@Command(
    mixinStandardHelpOptions = true,
    name = "cancel",
    description = {
      "Cancels a job: a queued job ends CANCELED at once; a running job is stopped by its worker"
          + " (in whichever process runs it) and ends CANCELED without publishing anything."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:canceled, cancel requested, or the job had already ended",
      "1:no such job, or a runtime or store error",
      "2:usage error"
    })
final class CancelCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;
  @Mixin private DataRootOptions root;

  @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to cancel.")
  private String jobId;

  @Option(names = "--json", description = "Print the job's state after the cancel as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    JobId id = JobIds.parse(jobId, spec);
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedStore store = target.open(0);
        ConversionRuntime runtime = store.applyTo(ConvertALot.builder()).workers(0).build()) {
      JobSnapshot job = runtime.cancel(id);
      if (json) {
        ObjectNode result = JsonOutput.object();
        result.put("job_id", id.value());
        result.put("state", job.state().name());
        result.put("cancel_requested", job.cancelRequested());
        if (job.owner() != null) {
          result.put("owner", job.owner().toString());
        }
        target.describeIn(result);
        out.println(target.secrets().scrub(JsonOutput.write(result)));
      } else if (job.state() == JobState.RUNNING) {
        out.println(id + " cancel requested; its worker " + job.owner() + " stops it");
      } else if (job.state() == JobState.CANCELED) {
        out.println(id + " CANCELED");
      } else {
        out.println(id + " had already ended " + job.state());
      }
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      return Errors.report(
          spec.commandLine().getErr(), e, parent != null && parent.verbose(), target.secrets());
    }
  }
}

package org.convertalot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot jobs show}: one job's whole record. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a job's whole record: state, attempts, owner, timestamps, source, policy, engine and"
          + " options, the error with its code, reason and details, the phase timings and, once"
          + " SUCCEEDED, the manifest."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "1:no such job, or a runtime or store error", "2:usage error"})
final class JobsShowCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private JobsCommand parent;
  @Mixin private DataRootOptions root;

  @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to show.")
  private String jobId;

  @Option(names = "--json", description = "Print the record as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    JobId id = JobIds.parse(jobId, spec);
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedStore store = target.openForReading();
        ConversionRuntime runtime = store.applyTo(ConvertALot.builder()).workers(0).build()) {
      JobSnapshot job = runtime.job(id);
      String record = new Json().job(job);
      out.print(
          target
              .secrets()
              .scrub(
                  json
                      ? record + System.lineSeparator()
                      : JobText.record(JsonOutput.parse(record))));
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      return Errors.report(
          spec.commandLine().getErr(), e, parent != null && parent.verbose(), target.secrets());
    }
  }
}

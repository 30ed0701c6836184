package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot jobs retry}: submits a failed (or canceled) job again, as a new job with the
 * same source, policy, engine, options and limits. The old job stays as it ended, for its record.
 */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Submits a FAILED or CANCELED job again as a new QUEUED job, from the same source file (read"
          + " again; when it is gone, from the copy a PostgreSQL store keeps) with the same policy,"
          + " engine, options, limits and pages; the old job keeps its record. With --failed every"
          + " FAILED job is retried; two failed jobs of the same file and settings give one new"
          + " job. Run `convertalot worker` to convert them."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every job was submitted again",
      "1:no such job, a job that had not failed, a source that is gone with no copy in the"
          + " store, or a runtime or store error",
      "2:usage error"
    })
final class JobsRetryCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private JobsCommand parent;
  @Mixin private DataRootOptions root;

  @ArgGroup(multiplicity = "1")
  private Which which;

  /** One job, or every failed one. */
  static final class Which {
    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to retry.")
    String jobId;

    @Option(names = "--failed", required = true, description = "Retry every FAILED job.")
    boolean failed;
  }

  @Option(names = "--json", description = "Print the retried jobs as one JSON object.")
  private boolean json;

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    List<JobSnapshot> chosen = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (OpenedStore store = target.open(0);
        ConversionRuntime runtime = store.applyTo(ConvertALot.builder()).workers(0).build()) {
      if (which.jobId != null) {
        chosen.add(runtime.job(JobIds.parse(which.jobId, spec)));
      } else {
        JobPage.forEach(
            runtime::list,
            PageRequest.first(PageRequest.MAX_LIMIT).inState(JobState.FAILED),
            chosen::add);
      }
      ObjectNode summary = JsonOutput.object();
      ArrayNode jobs = summary.putArray("jobs");
      int created = 0;
      int refused = 0;
      for (JobSnapshot old : chosen) {
        JobHandle handle;
        try {
          handle = runtime.retry(old.id());
        } catch (InvalidRequestException e) {
          refused++;
          err.println(
              "not retried "
                  + old.id()
                  + " ("
                  + Display.safe(old.source().name())
                  + "): "
                  + Display.safe(e.getMessage()));
          continue;
        }
        created += handle.created() ? 1 : 0;
        if (json) {
          ObjectNode j = jobs.addObject();
          j.put("retried", old.id().value());
          j.put("job_id", handle.id().value());
          j.put("created", handle.created());
          j.put("file", old.source().path());
        } else {
          out.println(
              old.id()
                  + " -> "
                  + handle.id()
                  + "  "
                  + (handle.created() ? "new     " : "existing")
                  + "  "
                  + Display.safe(old.source().path()));
        }
      }
      summary.put("retried", chosen.size() - refused);
      summary.put("created", created);
      summary.put("not_retried", refused);
      target.describeIn(summary);
      out.println(
          json
              ? target.secrets().scrub(JsonOutput.write(summary))
              : (chosen.size() - refused)
                  + " retried ("
                  + created
                  + " new)"
                  + (refused > 0 ? ", " + refused + " not retried" : "")
                  + "; run `convertalot worker` to convert them");
      out.flush();
      err.flush();
      return refused == 0 ? 0 : Errors.RUNTIME_FAILURE;
    } catch (RuntimeException e) {
      return Errors.report(err, e, parent != null && parent.verbose(), target.secrets());
    }
  }
}

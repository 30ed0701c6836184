package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot jobs list}: the jobs, newest first, one line each. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the jobs newest first: id, state, attempts, last change, source, and for a failed job"
          + " its error code and reason."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "1:a runtime or store error", "2:usage error"})
final class JobsListCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private JobsCommand parent;
  @Mixin private DataRootOptions root;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      converter = JobStateConverter.class,
      completionCandidates = JobStateConverter.Candidates.class,
      description = "Only jobs in this state: ${COMPLETION-CANDIDATES} (any case).")
  private JobState state;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N jobs, the newest (default: all).")
  private Integer limit;

  @Option(names = "--json", description = "Print the job records as one JSON object.")
  private boolean json;

  @Override
  public Integer call() {
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 or more: " + limit);
    }
    StoreTarget target = root.resolve(spec);
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedStore store = target.openForReading();
        ConversionRuntime runtime = store.applyTo(ConvertALot.builder()).workers(0).build()) {
      Json records = new Json();
      ObjectNode summary = JsonOutput.object();
      ArrayNode jobs = summary.putArray("jobs");
      int wanted = limit != null ? limit : Integer.MAX_VALUE;
      StringBuilder text = new StringBuilder();
      AtomicInteger listed = new AtomicInteger();
      JobPage.forEach(
          runtime::list,
          PageRequest.newest(Math.min(wanted, PageRequest.MAX_LIMIT)).inState(state),
          job -> {
            if (json) {
              jobs.add(JsonOutput.parse(records.job(job)));
            } else {
              text.append(JobText.line(job)).append('\n');
            }
            return listed.incrementAndGet() < wanted;
          });
      int count = listed.get();
      summary.put("count", count);
      target.describeIn(summary);
      if (json) {
        out.println(target.secrets().scrub(JsonOutput.write(summary)));
      } else {
        out.print(text);
        out.println(
            count
                + (state != null ? " " + state : "")
                + (count == 1 ? " job" : " jobs")
                + " in "
                + target.secrets().scrub(target.describe()));
      }
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      return Errors.report(
          spec.commandLine().getErr(), e, parent != null && parent.verbose(), target.secrets());
    }
  }
}

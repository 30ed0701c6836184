package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot jobs prune}: removes old ended jobs with their results. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Removes the ended jobs (SUCCEEDED, FAILED, CANCELED, or only --state) whose record last"
          + " changed more than --older-than ago, with their Markdown and idempotency keys:"
          + " submitting such a file again creates a new job. QUEUED and RUNNING jobs are never"
          + " removed. Export the results you need first."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:pruned (perhaps none)", "1:a runtime or store error", "2:usage error"})
final class JobsPruneCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private JobsCommand parent;
  @Mixin private DataRootOptions root;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "AGE",
      converter = AgeConverter.class,
      description = "Only jobs ended (last changed) longer ago than AGE: 30d, 12h, 15m, 45s, P7D.")
  private Duration olderThan;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      converter = JobStateConverter.class,
      description =
          "Only jobs in this ended state: succeeded, failed or canceled (default: all three).")
  private JobState state;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    if (state != null && !state.isTerminal()) {
      throw new ParameterException(
          spec.commandLine(),
          "--state " + state + ": only ended jobs (succeeded, failed, canceled) are pruned");
    }
    Set<JobState> states =
        state != null
            ? EnumSet.of(state)
            : EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELED);
    StoreTarget target = root.resolve(spec);
    PrintWriter out = spec.commandLine().getOut();
    try (JobStore store = target.openStore()) {
      long pruned = store.purge(olderThan, states);
      if (json) {
        ObjectNode summary = JsonOutput.object();
        summary.put("pruned", pruned);
        summary.put("older_than", olderThan.toString());
        ArrayNode names = summary.putArray("states");
        states.forEach(s -> names.add(s.name()));
        target.describeIn(summary);
        out.println(target.secrets().scrub(JsonOutput.write(summary)));
      } else {
        out.println(
            "pruned "
                + pruned
                + (pruned == 1 ? " job" : " jobs")
                + " ("
                + String.join(", ", states.stream().map(JobState::name).toList())
                + ") older than "
                + olderThan
                + " from "
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

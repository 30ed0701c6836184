package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot verify}: re-hashes every artifact and checks every job record. */
@Command(
    name = "verify",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Checks every job of a data root or PostgreSQL schema against the invariants and"
          + " re-hashes every artifact against its manifest.",
      "Prints 'verified N jobs, M artifacts: OK', or one line per violation."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no violation",
      "1:violations found, or a runtime or store error",
      "2:usage error, or the data root does not exist (it is not created)"
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;
  @Mixin private DataRootOptions root;

  @Option(names = "--json", description = "Print the report as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    Secrets secrets = target.secrets();
    PrintWriter out = spec.commandLine().getOut();
    try (JobStore store = target.openStoreForReading()) {
      VerifyReport report = store.verify();
      String counts =
          "verified " + report.jobsChecked() + " jobs, " + report.artifactsChecked() + " artifacts";
      if (json) {
        ObjectNode summary = JsonOutput.object();
        summary.put("ok", report.clean());
        summary.put("jobs_checked", report.jobsChecked());
        summary.put("artifacts_checked", report.artifactsChecked());
        ArrayNode violations = summary.putArray("violations");
        report.violations().forEach(v -> violations.add(String.valueOf(v)));
        target.describeIn(summary);
        out.println(secrets.scrub(JsonOutput.write(summary)));
      } else if (report.clean()) {
        out.println(counts + ": OK");
      } else {
        report.violations().forEach(v -> out.println(secrets.scrub(String.valueOf(v))));
        out.println(counts + ": " + report.violations().size() + " violation(s)");
      }
      out.flush();
      return report.clean() ? 0 : 1;
    } catch (RuntimeException e) {
      return Errors.report(
          spec.commandLine().getErr(), e, parent != null && parent.verbose(), secrets);
    }
  }
}

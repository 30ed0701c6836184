package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot status}: the runtime status snapshot of a data root. */
@Command(
    name = "status",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Shows the jobs per state of a data root or PostgreSQL schema, the engines with their"
          + " probes and the running jobs with heartbeat, progress and phase.",
      "Opens the store without workers: it converts nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:status printed",
      "1:runtime or store error (data_root_conflict, store_unavailable)",
      "2:usage error, or the data root does not exist (it is not created)"
    })
final class StatusCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;
  @Mixin private DataRootOptions root;

  @Option(names = "--json", description = "Print the status as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedStore store = target.openForReading();
        ConversionRuntime runtime = store.applyTo(ConvertALot.builder()).workers(0).build()) {
      StatusSnapshot status = runtime.status();
      StoreTotals totals = StoreTotals.of(runtime);
      String text;
      if (json) {
        ObjectNode node = (ObjectNode) JsonOutput.parse(new Json().status(status));
        totals.putIn(node);
        text = JsonOutput.write(node);
      } else {
        text =
            StatusText.format(status) + "\ntotals: " + totals.text() + " (every job of the store)";
      }
      out.println(target.secrets().scrub(text));
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      return Errors.report(
          spec.commandLine().getErr(), e, parent != null && parent.verbose(), target.secrets());
    }
  }
}

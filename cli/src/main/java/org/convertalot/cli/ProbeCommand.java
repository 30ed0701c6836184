package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code convertalot probe}: the GPU runtime and every engine, as this process finds them. */
@Command(
    name = "probe",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Probes the GPU runtime (CUDA driver API, HIP; NVML for names) and every engine, and prints"
          + " what each can do here: available or not, the kind, devices, driver version, and the"
          + " cause with the fix when unavailable.",
      "Needs no data root and converts nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:probed (whatever the outcome: read it)",
      "1:the probe itself could not run",
      "2:usage error"
    })
final class ProbeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;

  @Option(names = "--json", description = "Print the probes as JSON.")
  private boolean json;

  @Mixin private DoclingCliOptions docling;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("convertalot-probe-");
      ProbeResult gpu = docling.gpuProbe().probe();
      StatusSnapshot status;
      try (ConversionRuntime runtime =
          docling
              .applyTo(ConvertALot.builder())
              .dataRoot(scratch.resolve("data"))
              .workers(0)
              .sanitizer(false)
              .build()) {
        status = runtime.status();
      }
      out.println(json ? new Json().probeReport(gpu, status) : text(gpu, status));
      out.flush();
      return 0;
    } catch (IOException | RuntimeException e) {
      return Errors.report(spec.commandLine().getErr(), e, parent != null && parent.verbose());
    } finally {
      if (scratch != null) {
        OutputFiles.deleteTree(scratch);
      }
    }
  }

  private static String text(ProbeResult gpu, StatusSnapshot status) {
    StringBuilder b = new StringBuilder();
    b.append("gpu: ").append(StatusText.probe(gpu)).append('\n');
    StatusText.engines(b, status);
    return b.toString().stripTrailing();
  }
}

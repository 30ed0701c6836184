package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConversionException;
import org.convertalot.backend.docling.DoclingBackend;
import org.convertalot.backend.docling.gpu.GpuProbe;
import org.convertalot.backend.docling.gpu.GpuUtilization;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot gpu-verify}: the acceptance check a GPU host passes before it takes production
 * work. One PDF is converted by the Docling engine under {@code gpu_required} while NVML samples
 * the GPUs' utilization; the check passes only when the result ran on {@code cuda}/{@code rocm},
 * the worker's device is a GPU, and a GPU was busy.
 */
@Command(
    name = "gpu-verify",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Converts one PDF with the Docling engine under gpu_required and samples GPU utilization"
          + " (NVML) while it runs. Passes only when the result says acceleration_used cuda or"
          + " rocm, the worker's device is a GPU, and utilization was above zero.",
      "Run it on every new GPU host, after driver or Docling upgrades, and in the image build."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:passed: the conversion ran on a GPU that was busy",
      "1:failed: a check did not hold (each is printed with what was seen)",
      "2:usage error"
    })
final class GpuVerifyCommand implements Callable<Integer> {
  /** How often utilization is read while the conversion runs. */
  static final Duration SAMPLE_INTERVAL = Duration.ofMillis(50);

  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;
  @Mixin private DoclingCliOptions docling;

  @Parameters(paramLabel = "PDF", description = "The PDF to convert (a few pages are enough).")
  private Path pdf;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(pdf)) {
      throw new UsageError("not a file: " + pdf);
    }
    List<String> failures = new ArrayList<>();
    GpuProbe probe = docling.gpuProbe();
    ProbeResult gpu = probe.probe();
    out.println("gpu probe: " + StatusText.probe(gpu));
    if (!gpu.available()) {
      failures.add("the GPU probe found no usable GPU (" + gpu.cause().code() + ")");
      return report(out, failures);
    }
    Path scratch = null;
    try (GpuUtilization utilization = probe.openUtilization()) {
      scratch = Files.createTempDirectory("convertalot-gpu-verify-");
      Sampler sampler = new Sampler(utilization, gpu.devices());
      Thread sampling = new Thread(sampler, "convertalot-gpu-verify-sampler");
      sampling.setDaemon(true);
      ConversionResult result;
      try (ConversionRuntime runtime =
          ConvertALot.builder()
              .dataRoot(scratch.resolve("data"))
              .serviceLoader(false)
              .backend(docling.engine())
              .workers(1)
              .maxAttempts(1)
              .build()) {
        sampling.start();
        try {
          result =
              runtime.convert(
                  ConversionRequest.builder(pdf)
                      .policy(Policy.GPU_REQUIRED)
                      .engine(DoclingBackend.ID)
                      .build());
        } finally {
          sampler.stop();
          sampling.join();
        }
      }
      out.println(
          "converted: "
              + result.pages()
              + " pages, acceleration_used "
              + result.accelerationUsed().code()
              + ", device "
              + result.manifest().device().id()
              + " ("
              + result.manifest().device().name()
              + ")");
      out.println("utilization: " + sampler.describe());
      if (!result.accelerationUsed().isGpu()) {
        failures.add("acceleration_used is " + result.accelerationUsed().code());
      }
      String device = result.manifest().device().id();
      if (!device.matches("(cuda|rocm):[0-9]+")) {
        failures.add("the worker's device is " + device);
      } else if (sampler.readings() == 0) {
        failures.add("no utilization reading (NVML: " + sampler.lastProblem() + ")");
      } else {
        int index = Integer.parseInt(device.substring(device.indexOf(':') + 1));
        if (sampler.peak(index) <= 0) {
          failures.add("device " + device + " was never busy while it converted (peak 0%)");
        }
      }
    } catch (ConversionException e) {
      failures.add("the conversion failed: " + e.code() + ": " + Display.safe(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted");
    } catch (IOException | RuntimeException e) {
      return Errors.report(spec.commandLine().getErr(), e, parent != null && parent.verbose());
    } finally {
      if (scratch != null) {
        OutputFiles.deleteTree(scratch);
      }
    }
    return report(out, failures);
  }

  private static int report(PrintWriter out, List<String> failures) {
    if (failures.isEmpty()) {
      out.println("gpu-verify: PASSED");
    } else {
      failures.forEach(f -> out.println("FAILED: " + f));
      out.println("gpu-verify: FAILED");
    }
    out.flush();
    return failures.isEmpty() ? 0 : Errors.RUNTIME_FAILURE;
  }

  /** Reads every device's utilization until stopped, keeping the peak per device. */
  private static final class Sampler implements Runnable {
    private final GpuUtilization utilization;
    private final List<GpuDevice> devices;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, Integer> peaks = new TreeMap<>();
    private int readings;
    private String lastProblem = "none";

    Sampler(GpuUtilization utilization, List<GpuDevice> devices) {
      this.utilization = utilization;
      this.devices = devices;
    }

    @Override
    public void run() {
      do {
        for (GpuDevice d : devices) {
          OptionalInt busy = utilization.utilizationPercent(d.index());
          synchronized (this) {
            if (busy.isPresent()) {
              readings++;
              peaks.merge(d.index(), busy.getAsInt(), Math::max);
            } else {
              lastProblem = utilization.read(d.index()).message();
            }
          }
        }
        if (running.get()) {
          LockSupport.parkNanos(SAMPLE_INTERVAL.toNanos());
        }
      } while (running.get());
    }

    void stop() {
      running.set(false);
    }

    synchronized int peak(int deviceIndex) {
      return peaks.getOrDefault(deviceIndex, 0);
    }

    synchronized int readings() {
      return readings;
    }

    synchronized String lastProblem() {
      return lastProblem;
    }

    synchronized String describe() {
      return readings == 0
          ? "no reading (" + lastProblem + ")"
          : readings + " readings, peak per device " + peaks + " %";
    }
  }
}

package org.convertalot.backend.docling.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docling engine's probe, in two layers: the GPU runtime probe (cheap, in this JVM; when it
 * finds no usable GPU no interpreter is started), then the interpreter itself, started once with
 * the worker's {@code hello} (Python, Docling, torch and the GPUs torch sees; cached until a device
 * failure asks for a new look). Failures are quiet (debug logs) and say the commands that fix them.
 */
final class EngineProbe {
  private static final Logger LOG = LoggerFactory.getLogger(EngineProbe.class);

  /** The oldest Docling that raises, instead of running on CPU, when CUDA is missing. */
  static final String MIN_DOCLING = "2.104";

  private final EngineSettings settings;
  private final Launcher launcher;
  private Hello cached;

  EngineProbe(EngineSettings settings, Launcher launcher) {
    this.settings = settings;
    this.launcher = launcher;
  }

  /** What the interpreter's hello gave: its info, or why there is none. */
  private record Hello(WorkerInfo info, String failure) {}

  /** Forgets the interpreter's answer: the next probe asks again. */
  synchronized void invalidate() {
    cached = null;
  }

  /** {@return the interpreter's last answer, or {@code null} when it has not been asked} */
  synchronized WorkerInfo lastInfo() {
    return cached == null ? null : cached.info();
  }

  ProbeResult probe() {
    ProbeResult gpu = null;
    if (settings.gpuProbe() != null) {
      try {
        gpu = settings.gpuProbe().get();
      } catch (RuntimeException | LinkageError e) {
        LOG.debug("the GPU probe failed", e);
        return ProbeResult.unavailable(
            Acceleration.CUDA, ProbeCause.DEVICE_UNUSABLE, "the GPU probe failed: " + e);
      }
      if (gpu == null) {
        return ProbeResult.unavailable(
            Acceleration.CUDA, ProbeCause.DEVICE_UNUSABLE, "the GPU probe gave no answer");
      }
      if (!gpu.available() || !gpu.acceleration().isGpu()) {
        return new ProbeResult(
            false,
            gpu.acceleration().isGpu() ? gpu.acceleration() : Acceleration.CUDA,
            gpu.devices(),
            gpu.driverVersion(),
            gpu.cause() == null ? ProbeCause.NO_DEVICE : gpu.cause(),
            gpu.message());
      }
    }
    Hello hello = hello();
    if (hello.failure() != null) {
      return backendUnavailable(hello.failure() + ". " + fixInstall());
    }
    WorkerInfo info = hello.info();
    if (info.protocol() != Protocol.VERSION) {
      return backendUnavailable(
          "the worker script speaks protocol "
              + info.protocol()
              + ", this engine protocol "
              + Protocol.VERSION);
    }
    if (info.doclingError() != null) {
      return backendUnavailable(
          "Docling is not usable with "
              + describe(info)
              + ": "
              + info.doclingError()
              + ". "
              + fixInstall());
    }
    if (!Files.isDirectory(settings.modelsDir())) {
      return backendUnavailable(
          "Docling's models are not in "
              + settings.modelsDir()
              + " (the engine runs offline, HF_HUB_OFFLINE=1). Fix: "
              + downloadCommand());
    }
    if (info.torch() == null) {
      return backendUnavailable(
          "torch is not importable with "
              + describe(info)
              + ": "
              + info.torchError()
              + ". "
              + fixInstall());
    }
    if (!info.cudaAvailable()) {
      if (info.cuda() == null && info.hip() == null) {
        return backendUnavailable(
            "torch "
                + info.torch()
                + " is a CPU-only build, so Docling would run on the CPU. Fix: "
                + settings.python()
                + " -m pip install --force-reinstall torch torchvision"
                + " --index-url https://download.pytorch.org/whl/cu128"
                + " (or the ROCm index for AMD GPUs)");
      }
      String why =
          "torch "
              + info.torch()
              + " ("
              + (info.hip() != null ? "ROCm " + info.hip() : "CUDA " + info.cuda())
              + ") finds no usable GPU";
      return ProbeResult.unavailable(
          info.acceleration(),
          gpu != null ? ProbeCause.DEVICE_UNUSABLE : ProbeCause.NO_DEVICE,
          gpu != null ? why + ", although the driver reports " + gpu.devices().size() : why);
    }
    List<GpuDevice> devices =
        gpu != null && !gpu.devices().isEmpty() ? gpu.devices() : info.devices();
    if (devices.isEmpty()) {
      return ProbeResult.unavailable(
          info.acceleration(), ProbeCause.NO_DEVICE, "torch reports CUDA but no device");
    }
    Acceleration acceleration = gpu != null ? gpu.acceleration() : info.acceleration();
    String driver =
        gpu != null ? gpu.driverVersion() : info.hip() != null ? info.hip() : info.cuda();
    return new ProbeResult(true, acceleration, devices, driver, null, info.summary());
  }

  private ProbeResult backendUnavailable(String message) {
    LOG.debug("Docling engine unavailable: {}", message);
    return ProbeResult.unavailable(Acceleration.CUDA, ProbeCause.BACKEND_UNAVAILABLE, message);
  }

  private String describe(WorkerInfo info) {
    return info.executable() == null
        ? settings.python()
        : info.executable() + " (Python " + info.python() + ")";
  }

  /** The commands that install Docling and fetch its models for offline use. */
  String fixInstall() {
    return "Fix: "
        + settings.python()
        + " -m pip install 'docling>="
        + MIN_DOCLING
        + "', then "
        + downloadCommand();
  }

  String downloadCommand() {
    return "docling-tools models download -o '" + settings.modelsDir() + "'";
  }

  private synchronized Hello hello() {
    if (cached == null) {
      cached = askInterpreter();
    }
    return cached;
  }

  private Hello askInterpreter() {
    Worker worker;
    try {
      worker = Worker.start(launcher.command(), launcher.environment(-1), -1);
    } catch (IOException | RuntimeException e) {
      return new Hello(
          null, "cannot start the Python interpreter '" + settings.python() + "': " + e);
    }
    Duration timeout = settings.probeTimeout();
    try {
      if (!worker.send(Protocol.hello())) {
        return new Hello(null, exited(worker, "before its hello"));
      }
      Protocol.Line line = worker.next(timeout);
      if (line == null) {
        return new Hello(null, settings.python() + " gave no hello within " + timeout);
      }
      if (line.isEof()) {
        return new Hello(null, exited(worker, "without a hello"));
      }
      if (!Protocol.HELLO.equals(line.type())) {
        String raw = line.raw() == null ? "" : line.raw();
        return new Hello(
            null,
            "the worker answered its hello with something else: "
                + raw.substring(0, Math.min(200, raw.length())));
      }
      return new Hello(WorkerInfo.of(line), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Hello(null, "interrupted while asking " + settings.python());
    } finally {
      worker.retire(settings.killGrace());
    }
  }

  private String exited(Worker worker, String when) {
    Integer code = worker.awaitExit(settings.killGrace());
    String tail = worker.stderrTail(5);
    return settings.python()
        + " exited "
        + when
        + (code == null ? "" : " (exit code " + code + ")")
        + (tail.isBlank() ? "" : ": " + tail.replace('\n', ' '));
  }
}

package org.convertalot.backend.docling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.BackendUnavailableException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;

/**
 * The Docling engine: GPU only (CUDA or ROCm), one supervised Python worker per GPU. See {@code
 * docs/docling.md} for the protocol, the supervision rules and what each failure becomes.
 */
public final class DoclingEngine implements ConversionBackend {
  /** The engine's id. */
  public static final String ID = "docling";

  /** The engine's version, recorded in every manifest. */
  public static final String ENGINE_VERSION = "0.1.0";

  /** Above the PDFBox engine's 100: among discovered engines, the GPU engine comes first. */
  public static final int PRIORITY = 200;

  private static final BackendCapabilities CAPABILITIES =
      new BackendCapabilities(
              Set.of(Acceleration.CUDA, Acceleration.ROCM), Set.of(BackendCapabilities.PDF), 1)
          .withPageSelection();

  /** How far into a file its {@code %PDF-} header may start. */
  private static final int HEADER_WINDOW = 1024;

  private final EngineSettings settings;
  private final Launcher launcher;
  private final EngineProbe probe;
  private final WorkerPool pool;
  private volatile ProbeResult lastProbe;

  /**
   * Creates the engine; it starts no process until it is probed or converts.
   *
   * @param settings the validated settings
   */
  public DoclingEngine(EngineSettings settings) {
    this.settings = settings;
    this.launcher = new Launcher(settings);
    this.probe = new EngineProbe(settings, launcher);
    this.pool = new WorkerPool(settings, launcher);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return ENGINE_VERSION;
  }

  @Override
  public BackendCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public List<EngineOption> options() {
    return DoclingOptions.ALL;
  }

  @Override
  public ProbeResult probe() {
    ProbeResult p = probe.probe();
    if (p.available()) {
      pool.resize(p.devices());
    }
    lastProbe = p;
    return p;
  }

  /** One worker per GPU the probe found. */
  @Override
  public int concurrency(ProbeResult probe) {
    return probe.available() && !probe.devices().isEmpty() ? probe.devices().size() : 1;
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    context.throwIfStopped();
    DoclingOptions options = DoclingOptions.of(input.options());
    checkHeader(input);
    ProbeResult p = lastProbe;
    if (p == null || !p.available()) {
      p = probe();
    }
    if (!p.available()) {
      throw unavailable(p, context);
    }
    WorkerPool.Slot slot = pool.acquire(context);
    try {
      return new ConversionCall(settings, pool, probe, slot, input, context, options).run();
    } catch (GpuNotAvailableException | BackendUnavailableException e) {
      lastProbe = null; // the next conversion probes again
      throw e;
    } finally {
      pool.release(slot);
    }
  }

  /** Empty files and files without a PDF header need no worker to be refused. */
  private static void checkHeader(BackendInput input) {
    byte[] head;
    try (InputStream in = Files.newInputStream(input.path())) {
      head = in.readNBytes(HEADER_WINDOW);
    } catch (IOException e) {
      throw new InvalidInputException(
          InvalidInputReason.CORRUPT, "cannot read the input: " + e.getMessage());
    }
    if (head.length == 0) {
      throw new InvalidInputException(InvalidInputReason.EMPTY, "the input is empty");
    }
    if (!new String(head, StandardCharsets.ISO_8859_1).contains("%PDF-")) {
      throw new InvalidInputException(
          InvalidInputReason.NOT_A_PDF, "the input has no %PDF- header in its first KiB");
    }
  }

  private static RuntimeException unavailable(ProbeResult p, BackendContext ctx) {
    String id = ctx.jobId().value();
    if (p.cause() == ProbeCause.BACKEND_UNAVAILABLE) {
      return new BackendUnavailableException(
          "the Docling engine cannot run here: " + p.message(),
          Map.of("engine", ID, "probe_cause", p.cause().code()),
          id,
          ctx.attempt());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", ConversionCall.GPU_UNAVAILABLE_REASON);
    details.put("engine", ID);
    details.put("probe_cause", p.cause().code());
    if (!p.message().isEmpty()) {
      details.put("probe_message", p.message());
    }
    return new GpuNotAvailableException(
        "the Docling engine has no usable GPU: " + p.message(), details, id, ctx.attempt());
  }

  @Override
  public Map<String, String> diagnostics() {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      ProbeResult p = lastProbe;
      out.put("probe", p == null ? "not taken" : describe(p));
      if (p != null && p.available()) {
        out.put("devices", devices(p.devices()));
      }
      out.put("python", settings.python());
      out.put("models", settings.modelsDir().toString());
      WorkerInfo info = probe.lastInfo();
      if (info != null) {
        out.put("interpreter", info.summary());
      }
      pool.diagnostics(out);
    } catch (RuntimeException e) {
      out.put("diagnostics_error", e.toString());
    }
    return out;
  }

  private static String describe(ProbeResult p) {
    return p.available()
        ? "available " + p.acceleration().code() + ", " + p.devices().size() + " device(s)"
        : "unavailable " + p.cause().code() + ": " + p.message();
  }

  private static String devices(List<GpuDevice> devices) {
    return devices.stream().map(d -> d.index() + ":" + d.name()).collect(Collectors.joining(", "));
  }

  /** Ends every worker and deletes the copied worker script; the engine converts no more. */
  @Override
  public void close() {
    pool.close();
    launcher.close();
  }
}

package org.convertalot.backend.docling.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Device;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.BackendUnavailableException;
import org.convertalot.api.error.CanceledException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ConversionTimeoutException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.StalledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One document on one worker: the health check (or the new worker's hello), the {@code convert}
 * request, then the replies until a result or a typed error. A stop of the run (cancel, deadline,
 * stall, lost lease, shutdown) reaches it at once through the context's stop listener, which sends
 * the worker SIGTERM; this thread then kills it after the grace and throws.
 */
final class ConversionCall {
  private static final Logger LOG = LoggerFactory.getLogger(ConversionCall.class);

  /** How long a running worker may take to answer the health check before a document. */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

  /** The {@code details.reason} of a worker that exited by itself. */
  static final String WORKER_CRASHED = "worker_crashed";

  /** The {@code details.reason} of a worker that wrote something that is not the protocol. */
  static final String PROTOCOL_ERROR = "protocol_error";

  /** The {@code details.reason} of a conversion whose engine was closed under it. */
  static final String ENGINE_CLOSED = "engine_closed";

  /** How many stderr lines of a crashed worker the error carries. */
  static final int CRASH_STDERR_LINES = 10;

  /** The {@code details.reason} the policy resolver uses for every {@code gpu_not_available}. */
  static final String GPU_UNAVAILABLE_REASON = "backend_gpu_runtime_unavailable";

  private static final Pattern CUDA_DEVICE = Pattern.compile("cuda(:\\d+)?");
  private static final AtomicLong CALLS = new AtomicLong();

  private final EngineSettings settings;
  private final WorkerPool pool;
  private final EngineProbe probe;
  private final WorkerPool.Slot slot;
  private final BackendInput input;
  private final BackendContext ctx;
  private final DoclingOptions options;
  private final Object lock = new Object();
  private Worker target;
  private StopReason stopped;
  private boolean active = true;
  private Instant lastChange = Instant.now();
  private String phase;
  private int pagesDone = -1;
  private int pagesTotal = -1;

  ConversionCall(
      EngineSettings settings,
      WorkerPool pool,
      EngineProbe probe,
      WorkerPool.Slot slot,
      BackendInput input,
      BackendContext ctx,
      DoclingOptions options) {
    this.settings = settings;
    this.pool = pool;
    this.probe = probe;
    this.slot = slot;
    this.input = input;
    this.ctx = ctx;
    this.options = options;
  }

  BackendOutput run() {
    ctx.onStop(this::onStop);
    try {
      throwIfStopped(null); // stopped before it began: the idle worker stays
      Worker worker = worker();
      return convertOn(worker);
    } finally {
      synchronized (lock) {
        // The context outlives this call; a late stop must not kill the slot's next document.
        active = false;
      }
    }
  }

  /** The stop listener: runs on a runtime thread, returns at once. */
  private void onStop(StopReason reason) {
    synchronized (lock) {
      if (!active) {
        return;
      }
      if (stopped == null) {
        stopped = reason;
      }
      if (target != null) {
        target.terminate();
        target.wake();
      }
    }
  }

  private void attach(Worker worker) {
    synchronized (lock) {
      target = worker;
      if (stopped != null) {
        worker.terminate();
        worker.wake();
      }
    }
  }

  private StopReason stopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  // ------------------------------------------------------------------------ the worker

  private Worker worker() {
    Worker current = slot.worker;
    if (current != null) {
      attach(current);
      if (answersPing(current)) {
        return current;
      }
      LOG.info(
          "Docling worker {} on GPU {} failed its health check; starting a new one",
          current.pid(),
          slot.deviceIndex);
      pool.discard(slot, current, "failed its health check", !current.isAlive());
    }
    Worker fresh = pool.start(slot, ctx);
    attach(fresh);
    if (!fresh.send(Protocol.hello())) {
      throw crashed(fresh, "before its hello");
    }
    Protocol.Line hello = await(fresh, settings.workerStartTimeout(), "its hello");
    if (!Protocol.HELLO.equals(hello.type())) {
      throw protocolError(fresh, hello.raw());
    }
    WorkerInfo info = WorkerInfo.of(hello);
    if (info.protocol() != Protocol.VERSION) {
      pool.discard(slot, fresh, "speaks protocol " + info.protocol(), false);
      throw new BackendUnavailableException(
          "the Docling worker speaks protocol "
              + info.protocol()
              + ", this engine "
              + Protocol.VERSION,
          Map.of("python", settings.python()),
          ctx.jobId().value(),
          ctx.attempt());
    }
    if (info.doclingError() != null || info.torch() == null) {
      pool.discard(slot, fresh, "Docling or torch is not importable", false);
      probe.invalidate();
      throw new BackendUnavailableException(
          "the Docling worker cannot import "
              + (info.doclingError() != null ? "Docling: " + info.doclingError() : "torch")
              + ". "
              + probe.fixInstall(),
          Map.of("python", settings.python()),
          ctx.jobId().value(),
          ctx.attempt());
    }
    if (!info.cudaAvailable()) {
      pool.discard(slot, fresh, "torch sees no GPU", false);
      probe.invalidate();
      throw gpuNotAvailable(
          "the Docling worker for GPU " + slot.deviceIndex + " finds no usable GPU in torch",
          "cuda_unavailable",
          null);
    }
    return fresh;
  }

  private boolean answersPing(Worker worker) {
    if (!worker.isAlive() || !worker.send(Protocol.ping())) {
      return false;
    }
    Instant until = Instant.now().plus(HEALTH_TIMEOUT);
    while (true) {
      Protocol.Line line = next(worker, until);
      if (line == null) {
        return false;
      }
      if (!line.isWake()) {
        return Protocol.PONG.equals(line.type());
      }
    }
  }

  /** Waits for the next real line until {@code limit}, the deadline or a stop. */
  private Protocol.Line await(Worker worker, Duration limit, String what) {
    Instant until = Instant.now().plus(limit);
    while (true) {
      Protocol.Line line = next(worker, until);
      if (line == null) {
        pool.discard(slot, worker, "no answer within " + limit, false);
        throw new BackendFailedException(
            "the Docling worker gave no " + what + " within " + limit,
            details("worker_start_timeout", worker),
            true,
            ctx.jobId().value(),
            ctx.attempt(),
            null);
      }
      if (line.isEof()) {
        throw crashed(worker, "before " + what);
      }
      if (line.isGarbage()) {
        throw protocolError(worker, line.raw());
      }
      if (!line.isWake()) {
        return line;
      }
    }
  }

  /**
   * The next line until {@code until}; throws when the run is stopped or past its deadline.
   *
   * @return the line, or {@code null} when {@code until} passed first
   */
  private Protocol.Line next(Worker worker, Instant until) {
    while (true) {
      throwIfStopped(worker);
      Instant now = Instant.now();
      if (!now.isBefore(ctx.deadline())) {
        pool.discard(slot, worker, "the job passed its deadline", false);
        throw new ConversionTimeoutException(
            "the Docling conversion passed its deadline (" + ctx.deadline() + ")",
            Map.of("deadline", ctx.deadline().toString()),
            true,
            ctx.jobId().value(),
            ctx.attempt());
      }
      if (!now.isBefore(until)) {
        return null;
      }
      Instant wake = until.isBefore(ctx.deadline()) ? until : ctx.deadline();
      try {
        Protocol.Line line = worker.next(Duration.between(now, wake));
        if (line != null) {
          throwIfStopped(worker);
          return line;
        }
      } catch (InterruptedException e) {
        // The runtime interrupts the engine's thread only after telling the stop listener.
        Thread.currentThread().interrupt();
        onStop(ctx.stopReason().orElse(StopReason.SHUTDOWN));
        throwIfStopped(worker);
      }
    }
  }

  /** Throws the stop's typed error, first killing the worker (when there is one). */
  private void throwIfStopped(Worker worker) {
    StopReason reason = stopped();
    if (reason == null) {
      return;
    }
    Map<String, String> d = new LinkedHashMap<>();
    d.put("stop_reason", reason.code());
    if (worker != null) {
      pool.discard(slot, worker, "the run was stopped (" + reason.code() + ")", false);
      d.put("worker_pid", pid(worker));
    }
    String id = ctx.jobId().value();
    switch (reason) {
      case TIMEOUT:
        throw new ConversionTimeoutException(
            "the Docling conversion passed its deadline", d, true, id, ctx.attempt());
      case STALLED:
        throw new StalledException(
            "the Docling conversion made no progress", d, true, id, ctx.attempt());
      default:
        throw new CanceledException("conversion stopped: " + reason.code(), d, id, ctx.attempt());
    }
  }

  // ------------------------------------------------------------------------ the document

  private BackendOutput convertOn(Worker worker) {
    Instant now = Instant.now();
    double timeout = Math.max(0.001, Duration.between(now, ctx.deadline()).toMillis() / 1000.0);
    String runId = MDC.get("run_id");
    String request =
        Protocol.convert(
            new Protocol.ConvertRequest(
                ctx.jobId().value(),
                runId != null ? runId : "call-" + CALLS.incrementAndGet(),
                ctx.attempt(),
                input.path().toAbsolutePath().toString(),
                "cuda:0", // CUDA_VISIBLE_DEVICES pins the worker to its GPU, seen as device 0
                input.limits().maxPages(),
                input.limits().maxBytes(),
                timeout,
                options.pageBatch(),
                options.ocr(),
                options.tableMode(),
                settings.modelsDir().toString(),
                input.pages().isAll() ? null : input.pages().toString()));
    if (!worker.send(request)) {
      throw crashed(worker, "before its request");
    }
    lastChange = Instant.now();
    while (true) {
      Instant stallAt = lastChange.plus(settings.stallTimeout());
      Protocol.Line line = next(worker, stallAt);
      if (line == null) {
        pool.discard(slot, worker, "no progress for " + settings.stallTimeout(), false);
        throw new StalledException(
            "the Docling worker made no progress for " + settings.stallTimeout(),
            Map.of("stall_timeout", settings.stallTimeout().toString(), "worker_pid", pid(worker)),
            true,
            ctx.jobId().value(),
            ctx.attempt());
      }
      if (line.isWake()) {
        continue;
      }
      if (line.isEof()) {
        throw crashed(worker, "during the conversion");
      }
      if (line.isGarbage() || !ctx.jobId().value().equals(line.text("job_id"))) {
        throw protocolError(worker, line.raw());
      }
      switch (line.type()) {
        case Protocol.PROGRESS:
          progress(line);
          break;
        case Protocol.RESULT:
          return result(worker, line);
        case Protocol.ERROR:
          throw error(worker, line);
        default:
          throw protocolError(worker, line.raw());
      }
    }
  }

  private void progress(Protocol.Line line) {
    String p = line.text("phase");
    if (p != null && !p.equals(phase)) {
      phase = p;
      ctx.phase(p);
      lastChange = Instant.now();
    }
    int done = (int) line.number("pages_done", 0);
    int total = (int) line.number("pages_total", 0);
    if (total > 0 && (done != pagesDone || total != pagesTotal)) {
      pagesDone = done;
      pagesTotal = total;
      lastChange = Instant.now();
      ctx.progress(done, total);
    }
  }

  private BackendOutput result(Worker worker, Protocol.Line line) {
    String device = line.text("device");
    if (device == null || !CUDA_DEVICE.matcher(device).matches()) {
      pool.discard(slot, worker, "it ran on " + device, false);
      probe.invalidate();
      throw gpuNotAvailable(
          "the Docling worker ran on "
              + device
              + " although the job requires a GPU (devices Docling chose: "
              + line.json().path("decided_devices")
              + ")",
          "ran_on_cpu",
          device);
    }
    String markdown = line.text("markdown");
    long pages = line.number("pages", -1);
    if (markdown == null || pages < 0) {
      throw protocolError(worker, "a result without markdown or pages");
    }
    if (!input.pages().isAll() && !input.pages().toString().equals(line.text("pages_selected"))) {
      throw ignoredSelection(worker);
    }
    Acceleration acceleration =
        line.text("torch_hip") != null ? Acceleration.ROCM : Acceleration.CUDA;
    String name = line.text("device_name");
    long rss = worker.rssBytes();
    if (rss < 0) {
      rss = line.number("rss_bytes", -1);
    }
    slot.lastPeakGpuMemory = line.number("peak_gpu_memory_bytes", -1);
    if (!line.json().path("warnings").isEmpty()) {
      LOG.info("Docling converted job {} partly: {}", ctx.jobId(), line.json().get("warnings"));
    }
    LOG.debug(
        "job {} on GPU {} (worker {}): {} pages, timings {}, peak GPU memory {}, RSS {}",
        ctx.jobId(),
        slot.deviceIndex,
        worker.pid(),
        pages,
        line.json().path("timings_ms"),
        slot.lastPeakGpuMemory,
        rss);
    pool.afterDocument(slot, worker, rss);
    return new BackendOutput(
        markdown,
        (int) pages,
        acceleration,
        Device.gpu(acceleration, slot.deviceIndex, name == null ? slot.deviceName : name));
  }

  private ConversionException error(Worker worker, Protocol.Line line) {
    String code = String.valueOf(line.text("code"));
    String reason = line.text("reason");
    String message = String.valueOf(line.text("message"));
    Map<String, String> d = new LinkedHashMap<>();
    if (reason != null) {
      d.put("reason", reason);
    }
    d.putAll(line.strings("details"));
    d.put("worker_pid", pid(worker));
    String id = ctx.jobId().value();
    switch (code) {
      case "invalid_input":
        pool.afterDocument(slot, worker, worker.rssBytes());
        InvalidInputReason why =
            InvalidInputReason.fromCode(reason).orElse(InvalidInputReason.CORRUPT);
        return new InvalidInputException(why, message, d, null);
      case "invalid_request":
        // The request does not fit this document (a page selection past its end).
        pool.afterDocument(slot, worker, worker.rssBytes());
        return new InvalidRequestException(message, d, id, ctx.attempt());
      case "timeout":
        pool.afterDocument(slot, worker, worker.rssBytes());
        return new ConversionTimeoutException(message, d, true, id, ctx.attempt());
      case "gpu_not_available":
        pool.discard(slot, worker, "no usable GPU: " + message, false);
        probe.invalidate();
        return gpuNotAvailable(message, reason, null);
      case "backend_unavailable":
        pool.discard(slot, worker, "Docling is not usable: " + message, false);
        probe.invalidate();
        return new BackendUnavailableException(
            message + ". " + probe.fixInstall(), d, id, ctx.attempt());
      case "backend_failed":
        if ("out_of_memory".equals(reason) || "device_error".equals(reason)) {
          pool.discard(slot, worker, reason, false);
        } else {
          pool.afterDocument(slot, worker, worker.rssBytes());
        }
        return new BackendFailedException(
            message, d, line.flag("retryable", true), id, ctx.attempt(), null);
      default:
        return protocolError(worker, line.raw());
    }
  }

  // ------------------------------------------------------------------------ failures

  private GpuNotAvailableException gpuNotAvailable(
      String message, String workerReason, String device) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("reason", GPU_UNAVAILABLE_REASON);
    d.put("probe_cause", "device_unusable");
    d.put("engine", "docling");
    d.put("gpu", Integer.toString(slot.deviceIndex));
    if (workerReason != null) {
      d.put("worker_reason", workerReason);
    }
    if (device != null) {
      d.put("worker_device", device);
    }
    return new GpuNotAvailableException(message, d, ctx.jobId().value(), ctx.attempt());
  }

  private BackendFailedException crashed(Worker worker, String when) {
    if (pool.isClosed()) {
      return new BackendFailedException(
          "the Docling engine was closed during the conversion",
          details(ENGINE_CLOSED, worker),
          true,
          ctx.jobId().value(),
          ctx.attempt(),
          null);
    }
    Integer code = worker.awaitExit(settings.killGrace());
    String tail = worker.stderrTail(CRASH_STDERR_LINES);
    pool.discard(slot, worker, "exited " + when, true);
    Map<String, String> d = details(WORKER_CRASHED, worker);
    d.put("exit_code", code == null ? "unknown" : Integer.toString(code));
    d.put("stderr_tail", tail);
    return new BackendFailedException(
        "the Docling worker (pid "
            + worker.pid()
            + ") exited "
            + when
            + (code == null ? "" : " with code " + code)
            + (tail.isBlank() ? "" : "; its last output: " + lastLine(tail)),
        d,
        true,
        ctx.jobId().value(),
        ctx.attempt(),
        null);
  }

  /** A worker script that converted every page of a job that selects some; it would again. */
  private BackendFailedException ignoredSelection(Worker worker) {
    pool.afterDocument(slot, worker, worker.rssBytes());
    Map<String, String> d = details("page_selection_ignored", worker);
    d.put("pages", input.pages().toString());
    return new BackendFailedException(
        "the Docling worker script does not honour page selections (its result does not echo"
            + " pages_selected); use the bundled worker",
        d,
        false,
        ctx.jobId().value(),
        ctx.attempt(),
        null);
  }

  private BackendFailedException protocolError(Worker worker, String raw) {
    pool.discard(slot, worker, "protocol error", false);
    String shown = raw == null ? "" : raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
    Map<String, String> d = details(PROTOCOL_ERROR, worker);
    d.put("line", shown);
    return new BackendFailedException(
        "the Docling worker wrote something that is not the protocol: " + shown,
        d,
        true,
        ctx.jobId().value(),
        ctx.attempt(),
        null);
  }

  private Map<String, String> details(String reason, Worker worker) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("reason", reason);
    d.put("worker_pid", pid(worker));
    d.put("gpu", Integer.toString(slot.deviceIndex));
    return d;
  }

  private static String pid(Worker worker) {
    return Long.toString(worker.pid());
  }

  private static String lastLine(String tail) {
    int nl = tail.lastIndexOf('\n');
    return nl < 0 ? tail : tail.substring(nl + 1);
  }
}

package org.convertalot.backend.docling.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.BackendUnavailableException;
import org.convertalot.api.error.ConversionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor: one slot per GPU, each with at most one worker pinned to it. Workers start
 * lazily, are health-checked before each document, replaced after a crash or a kill (a restart),
 * and replaced after {@code maxDocumentsPerWorker} documents or past {@code maxWorkerRssBytes} (a
 * recycle). A JVM shutdown hook that kills the workers is registered when the first worker starts
 * and removed by {@link #close()}.
 */
final class WorkerPool {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** How often a job waiting for a free GPU looks at its stop signal and deadline. */
  private static final long WAIT_TICK_MILLIS = 50;

  /** The phase of a job that waits for a free GPU. */
  static final String PHASE_WAIT = "wait_for_worker";

  /** The phase of a job whose worker is starting. */
  static final String PHASE_START = "start_worker";

  private final EngineSettings settings;
  private final Launcher launcher;
  private final Map<Integer, Slot> slots = new LinkedHashMap<>();
  private final Deque<Slot> free = new ArrayDeque<>();
  private boolean closed;
  private Thread shutdownHook;
  private long started;
  private long restarts;
  private long recycles;
  private long crashes;
  private long kills;
  private long documents;
  private String lastCrash = "";

  WorkerPool(EngineSettings settings, Launcher launcher) {
    this.settings = settings;
    this.launcher = launcher;
  }

  /** One GPU and the worker pinned to it; owned by one conversion between acquire and release. */
  static final class Slot {
    final int deviceIndex;
    final String deviceName;
    volatile Worker worker;
    volatile int documents;
    volatile String job;
    volatile boolean removed;
    volatile long lastPeakGpuMemory = -1;

    /** Whether its last worker was lost (crash, kill, failed check): the next start restarts. */
    boolean lost;

    Slot(int deviceIndex, String deviceName) {
      this.deviceIndex = deviceIndex;
      this.deviceName = deviceName;
    }
  }

  /**
   * Makes one slot per device the probe found; slots of devices that are gone are removed when they
   * are next free.
   *
   * @param devices the devices of an available probe
   */
  void resize(List<GpuDevice> devices) {
    List<Slot> gone = new ArrayList<>();
    synchronized (this) {
      List<Integer> wanted = new ArrayList<>();
      for (GpuDevice d : devices) {
        wanted.add(d.index());
        if (!slots.containsKey(d.index())) {
          Slot slot = new Slot(d.index(), d.name());
          slots.put(d.index(), slot);
          free.addLast(slot);
        }
      }
      for (Slot slot : List.copyOf(slots.values())) {
        if (!wanted.contains(slot.deviceIndex)) {
          slot.removed = true;
          slots.remove(slot.deviceIndex);
          if (free.remove(slot)) {
            gone.add(slot);
          }
        }
      }
      notifyAll();
    }
    gone.forEach(slot -> retire(slot, "its device is gone"));
  }

  /**
   * Waits for a free GPU, looking at the stop signal and the deadline meanwhile.
   *
   * @param ctx the conversion's context
   * @return the slot, owned until {@link #release}
   */
  Slot acquire(BackendContext ctx) {
    boolean announced = false;
    while (true) {
      synchronized (this) {
        if (closed) {
          throw new BackendUnavailableException("the Docling engine is closed", Map.of());
        }
        Slot slot = free.pollFirst();
        if (slot != null) {
          slot.job = ctx.jobId().value();
          return slot;
        }
        if (slots.isEmpty()) {
          throw new BackendUnavailableException("the Docling engine has no GPU", Map.of());
        }
        if (announced) {
          try {
            wait(WAIT_TICK_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.throwIfStopped();
            throw new BackendFailedException("interrupted while waiting for a free GPU", e);
          }
        }
      }
      // Outside the lock: the context is the runtime's.
      ctx.throwIfStopped();
      if (!Instant.now().isBefore(ctx.deadline())) {
        throw new ConversionTimeoutException(
            "passed the deadline while waiting for a free GPU",
            Map.of("phase", PHASE_WAIT),
            true,
            ctx.jobId().value(),
            ctx.attempt());
      }
      if (!announced) {
        ctx.phase(PHASE_WAIT);
        announced = true;
      }
    }
  }

  /** Gives the slot back; a slot whose device is gone, or a closed pool, ends its worker. */
  void release(Slot slot) {
    boolean end;
    synchronized (this) {
      slot.job = null;
      end = closed || slot.removed;
      if (!end) {
        free.addLast(slot);
        notifyAll();
      }
    }
    if (end) {
      retire(slot, closed ? "the engine is closing" : "its device is gone");
    }
  }

  /**
   * Starts a new worker for the slot (a restart when the slot's last worker was lost). The caller
   * waits for its hello.
   *
   * @param slot a slot this thread owns
   * @param ctx the conversion's context, for the phase
   * @return the new worker
   * @throws BackendUnavailableException when the interpreter cannot start, or the pool closed
   */
  Worker start(Slot slot, BackendContext ctx) {
    ctx.phase(PHASE_START);
    Worker worker;
    try {
      worker =
          Worker.start(
              launcher.command(), launcher.environment(slot.deviceIndex), slot.deviceIndex);
    } catch (IOException | RuntimeException e) {
      throw new BackendUnavailableException(
          "cannot start the Python interpreter '" + settings.python() + "': " + e.getMessage(),
          Map.of("python", settings.python()),
          ctx.jobId().value(),
          ctx.attempt());
    }
    boolean late;
    synchronized (this) {
      late = closed;
      if (!late) {
        started++;
        if (slot.lost) {
          restarts++;
        }
        slot.lost = false;
        slot.worker = worker;
        slot.documents = 0;
        installShutdownHook();
      }
    }
    if (late) {
      // close() ran while the worker started: it must not be left behind.
      worker.kill(settings.killGrace());
      throw new BackendUnavailableException("the Docling engine is closed", Map.of());
    }
    return worker;
  }

  /**
   * The slot's worker is gone or must go: it is killed (if still running) and forgotten, and the
   * slot starts a new one next time.
   *
   * @param crash whether it died by itself (counted as a crash, with its last stderr line)
   */
  void discard(Slot slot, Worker worker, String why, boolean crash) {
    int code = worker.kill(settings.killGrace());
    synchronized (this) {
      if (slot.worker == worker) {
        slot.worker = null;
        slot.lost = true;
      }
      if (crash) {
        crashes++;
        String tail = worker.stderrTail(1);
        lastCrash =
            Instant.now()
                + " worker "
                + worker.pid()
                + " exit "
                + code
                + ": "
                + why
                + (tail.isBlank() ? "" : " (" + tail + ")");
      } else {
        kills++;
      }
    }
    LOG.debug("Docling worker {} discarded: {} (exit {})", worker.pid(), why, code);
  }

  /**
   * Counts a converted document and recycles the worker after its last document or past the memory
   * limit.
   *
   * @param rssBytes the worker's resident memory after the document, or -1 when unknown
   */
  void afterDocument(Slot slot, Worker worker, long rssBytes) {
    String reason = null;
    synchronized (this) {
      documents++;
      slot.documents++;
      if (slot.documents >= settings.maxDocumentsPerWorker()) {
        reason = slot.documents + " documents";
      } else if (rssBytes > settings.maxWorkerRssBytes()) {
        reason = "resident memory " + rssBytes + " bytes over " + settings.maxWorkerRssBytes();
      }
      if (reason != null) {
        recycles++;
        slot.worker = null;
      }
    }
    if (reason != null) {
      LOG.info(
          "recycling Docling worker {} on GPU {} after {}", worker.pid(), slot.deviceIndex, reason);
      worker.retire(settings.killGrace());
    }
  }

  private void retire(Slot slot, String why) {
    Worker worker = slot.worker;
    slot.worker = null;
    if (worker != null) {
      LOG.debug("ending Docling worker {}: {}", worker.pid(), why);
      worker.retire(settings.killGrace());
    }
  }

  /** The job a slot serves, for diagnostics. */
  synchronized Optional<Slot> slotOf(String job) {
    return slots.values().stream().filter(s -> job.equals(s.job)).findFirst();
  }

  private void installShutdownHook() {
    if (shutdownHook == null) {
      Thread hook = new Thread(this::killAll, "docling-worker-shutdown");
      try {
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
      } catch (IllegalStateException e) {
        // The JVM is already shutting down.
      }
    }
  }

  /** Kills every worker at once, without grace: the JVM is exiting. */
  private void killAll() {
    List<Worker> workers = new ArrayList<>();
    synchronized (this) {
      slots.values().forEach(s -> Optional.ofNullable(s.worker).ifPresent(workers::add));
    }
    for (Worker w : workers) {
      w.terminate();
      w.kill(Duration.ZERO);
    }
  }

  /** Ends every worker (idle ones get a shutdown, busy ones are killed) and removes the hook. */
  void close() {
    List<Slot> all;
    Thread hook;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(slots.values());
      free.clear();
      hook = shutdownHook;
      shutdownHook = null;
      notifyAll();
    }
    for (Slot slot : all) {
      Worker worker = slot.worker;
      if (worker == null) {
        continue;
      }
      slot.worker = null;
      if (slot.job != null) {
        worker.kill(settings.killGrace());
      } else {
        worker.retire(settings.killGrace());
      }
    }
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook runs or ran.
      }
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Adds the supervisor's counters and one line per GPU to the engine's diagnostics. */
  synchronized void diagnostics(Map<String, String> out) {
    out.put("workers_started", Long.toString(started));
    out.put("restarts", Long.toString(restarts));
    out.put("recycles", Long.toString(recycles));
    out.put("crashes", Long.toString(crashes));
    out.put("kills", Long.toString(kills));
    out.put("documents", Long.toString(documents));
    out.put("shutdown_hook", shutdownHook != null ? "installed" : "none");
    if (!lastCrash.isEmpty()) {
      out.put("last_crash", lastCrash);
    }
    List<String> pids = new ArrayList<>();
    for (Slot s : slots.values()) {
      Worker w = s.worker;
      String prefix = "gpu." + s.deviceIndex + ".";
      out.put(prefix + "device", s.deviceName);
      out.put(prefix + "worker_pid", w == null ? "none" : Long.toString(w.pid()));
      out.put(prefix + "documents", Integer.toString(s.documents));
      out.put(prefix + "state", s.job != null ? "busy" : w == null ? "not_started" : "idle");
      if (s.lastPeakGpuMemory >= 0) {
        out.put(prefix + "last_peak_gpu_memory_bytes", Long.toString(s.lastPeakGpuMemory));
      }
      if (s.job != null) {
        out.put(prefix + "job", s.job);
        out.put(
            "job." + s.job,
            "worker "
                + (w == null ? "starting" : w.pid())
                + " on gpu "
                + s.deviceIndex
                + " ("
                + s.deviceName
                + ")");
      }
      if (w != null) {
        pids.add(Long.toString(w.pid()));
      }
    }
    out.put("worker_pids", String.join(",", pids));
  }
}

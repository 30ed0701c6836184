package org.convertalot.backend.docling.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Python worker process: its stdin for requests, a pump thread that parses its stdout into a
 * queue of {@link Protocol.Line}s, a drain thread that keeps the last lines of its stderr (and logs
 * them at debug level), and the ways to end it.
 */
final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** The logger of the workers' own stderr lines. */
  private static final Logger WORKER_LOG =
      LoggerFactory.getLogger("org.convertalot.backend.docling.worker");

  /** How many of the last stderr lines are kept for error details and diagnostics. */
  static final int STDERR_TAIL_LINES = 40;

  /** How long a worker may take to go after SIGKILL before it is reported as left behind. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<Protocol.Line> lines = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Thread stderrDrain;
  private final int deviceIndex;

  private Worker(Process process, int deviceIndex) {
    this.process = process;
    this.deviceIndex = deviceIndex;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread pump = new Thread(this::pumpStdout, "docling-worker-" + process.pid() + "-stdout");
    pump.setDaemon(true);
    stderrDrain = new Thread(this::drainStderr, "docling-worker-" + process.pid() + "-stderr");
    stderrDrain.setDaemon(true);
    pump.start();
    stderrDrain.start();
  }

  /**
   * Starts a worker.
   *
   * @param command the interpreter and the script
   * @param environment the variables to set (on top of this JVM's environment)
   * @param deviceIndex the GPU it is pinned to, or -1 for a probe that sees every device
   * @return the running worker
   * @throws IOException when the interpreter cannot be started
   */
  static Worker start(List<String> command, Map<String, String> environment, int deviceIndex)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    // The request names the device; an inherited DOCLING_DEVICE must not be a second opinion.
    pb.environment().remove("DOCLING_DEVICE");
    pb.environment().putAll(environment);
    pb.redirectErrorStream(false);
    Process process = pb.start();
    LOG.debug(
        "started Docling worker pid {} on device {}: {}", process.pid(), deviceIndex, command);
    return new Worker(process, deviceIndex);
  }

  long pid() {
    return process.pid();
  }

  int deviceIndex() {
    return deviceIndex;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Writes one request line.
   *
   * @param line one JSON object, without the line end
   * @return {@code false} when the worker's stdin is closed (it is gone)
   */
  boolean send(String line) {
    try {
      synchronized (stdin) {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
      }
      return true;
    } catch (IOException e) {
      LOG.debug("worker {} does not take requests: {}", pid(), e.toString());
      return false;
    }
  }

  /**
   * The next line from the worker's stdout.
   *
   * @param timeout how long to wait
   * @return the line, {@link Protocol.Line#EOF} once stdout ended, or {@code null} on timeout
   * @throws InterruptedException when the calling thread is interrupted
   */
  Protocol.Line next(Duration timeout) throws InterruptedException {
    long nanos = Math.max(0, timeout.toNanos());
    Protocol.Line line = lines.poll(nanos, TimeUnit.NANOSECONDS);
    if (line != null && line.isEof()) {
      lines.offer(Protocol.Line.EOF); // every later read sees the end too
    }
    return line;
  }

  /** Wakes a reader blocked in {@link #next}; it sees {@link Protocol.Line#WAKE}. */
  void wake() {
    lines.offer(Protocol.Line.WAKE);
  }

  /**
   * Asks the worker and its children to stop now (SIGTERM); returns at once. A stop listener calls
   * it; the thread that waits on the worker then {@link #kill kills} it after the grace.
   */
  void terminate() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  /**
   * Ends the worker: SIGTERM, {@code grace} to exit, then SIGKILL for it and its children; waits
   * until it is gone.
   *
   * @param grace how long it may take to exit after SIGTERM
   * @return its exit code, or -1 when it could not be confirmed gone
   */
  int kill(Duration grace) {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    try {
      if (process.isAlive()) {
        terminate();
        if (!waitFor(grace)) {
          LOG.debug("worker {} ignored SIGTERM for {}; killing it", pid(), grace);
        }
      }
      children.addAll(process.descendants().toList());
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      if (!waitFor(grace.compareTo(KILL_WAIT) > 0 ? grace : KILL_WAIT)) {
        LOG.warn("worker {} did not exit after SIGKILL", pid());
        return -1;
      }
      return process.exitValue();
    } finally {
      closeStdin();
    }
  }

  /**
   * Waits for the process to exit, even when this thread is interrupted (the interrupt is kept for
   * the caller): a stopped run must not return while its worker still holds the GPU.
   */
  private boolean waitFor(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Lets the worker go after its last document: {@code shutdown}, end of stdin, then {@link #kill}
   * if it does not exit within the grace.
   *
   * @param grace how long it may take to exit
   * @return its exit code, or -1 when it could not be confirmed gone
   */
  int retire(Duration grace) {
    send(Protocol.shutdown());
    closeStdin();
    if (waitFor(grace)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      return process.exitValue();
    }
    return kill(grace);
  }

  /**
   * Waits for the worker to exit by itself, for example after its stdout ended.
   *
   * @param timeout how long to wait
   * @return the exit code, or {@code null} when it still runs
   */
  Integer awaitExit(Duration timeout) {
    return waitFor(timeout) ? process.exitValue() : null;
  }

  private void closeStdin() {
    try {
      synchronized (stdin) {
        stdin.close();
      }
    } catch (IOException e) {
      // Already gone.
    }
  }

  /**
   * The worker's resident memory from {@code /proc/<pid>/status} ({@code VmRSS}).
   *
   * @return bytes, or -1 where {@code /proc} is not available
   */
  long rssBytes() {
    Path status = Path.of("/proc", Long.toString(pid()), "status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone.
    }
    return -1;
  }

  /**
   * The last lines the worker wrote on stderr; waits briefly for the drain after it exited.
   *
   * @param max at most this many lines
   * @return the lines joined with line ends
   */
  String stderrTail(int max) {
    if (!process.isAlive()) {
      try {
        stderrDrain.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (stderrTail) {
      List<String> all = new ArrayList<>(stderrTail);
      return String.join("\n", all.subList(Math.max(0, all.size() - max), all.size()));
    }
  }

  private void pumpStdout() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          lines.offer(Protocol.parse(line));
        }
      }
    } catch (IOException e) {
      // The stream closed under us: the worker is gone.
    } finally {
      lines.offer(Protocol.Line.EOF);
    }
  }

  private void drainStderr() {
    try (InputStream raw = process.getErrorStream();
        BufferedReader in =
            new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        WORKER_LOG.debug("[{}] {}", pid(), line);
        synchronized (stderrTail) {
          stderrTail.addLast(line.length() > 2_000 ? line.substring(0, 2_000) + "…" : line);
          while (stderrTail.size() > STDERR_TAIL_LINES) {
            stderrTail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // The stream closed: the worker is gone.
    }
  }
}

package org.convertalot.store.postgres;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.convertalot.testkit.ChildJvm;

/**
 * Worker JVMs ({@link PgWorkerJvm}) started with this JVM's {@code java} and class path, each
 * reading its JDBC URL on stdin; their stderr goes to a file in a log folder.
 */
final class PgCluster implements AutoCloseable {
  /** How one worker JVM runs. */
  record Options(
      int workers,
      long heartbeatMs,
      long staleAfterMs,
      long reaperMs,
      long delayMs,
      long shiftMin) {
    List<String> args() {
      return List.of(
          String.valueOf(workers),
          String.valueOf(heartbeatMs),
          String.valueOf(staleAfterMs),
          String.valueOf(reaperMs),
          String.valueOf(delayMs),
          String.valueOf(shiftMin));
    }
  }

  /** One started worker JVM. */
  static final class Worker {
    final String name;
    final Process process;
    final Path log;

    /** Source names the engine of this JVM started converting, in order. */
    final Queue<String> converted = new ConcurrentLinkedQueue<>();

    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean sawReady;
    private volatile boolean sawClosed;

    private Worker(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
      this.reader = new Thread(this::read, "pg-cluster-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(PgWorkerJvm.READY)) {
            sawReady = true;
            ready.countDown();
          } else if (line.startsWith(PgWorkerJvm.CONVERTED + " ")) {
            converted.add(line.substring(PgWorkerJvm.CONVERTED.length() + 1));
          } else if (line.equals(PgWorkerJvm.CLOSED)) {
            sawClosed = true;
          }
        }
      } catch (IOException e) {
        // The process died; its exit status tells.
      } finally {
        ready.countDown();
      }
    }

    long pid() {
      return process.pid();
    }

    /** Waits until the runtime runs; fails with its log when it exits first. */
    void awaitReady(Duration timeout) throws InterruptedException {
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !sawReady) {
        throw new AssertionError(name + " did not start:\n" + log());
      }
    }

    /** Lets the paused runtime claim. */
    void go() throws IOException {
      OutputStream in = process.getOutputStream();
      in.write("go\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** Asks the runtime to close and waits for a clean exit. */
    void stop(Duration timeout) throws InterruptedException {
      try {
        OutputStream in = process.getOutputStream();
        in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        in.close();
      } catch (IOException e) {
        // Already gone: the exit status says how.
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(name + " did not stop:\n" + log());
      }
      reader.join(timeout.toMillis());
      if (process.exitValue() != 0 || !sawClosed) {
        throw new AssertionError(name + " exited " + process.exitValue() + ":\n" + log());
      }
    }

    /** kill -9. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
      reader.join(10_000);
    }

    String log() {
      try {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
      } catch (IOException e) {
        return "(log unreadable: " + e + ")";
      }
    }

    @Override
    public String toString() {
      return name + " (pid " + process.pid() + ")";
    }
  }

  private final Path logs;
  private final List<Worker> workers = new ArrayList<>();

  PgCluster(Path logs) {
    this.logs = logs;
  }

  /** Starts one worker JVM on the schema the URL names, waits until it runs, and lets it claim. */
  Worker start(String name, String jdbcUrl, Options options) throws Exception {
    Worker worker = startPaused(name, jdbcUrl, options);
    worker.go();
    return worker;
  }

  /** Starts one worker JVM and waits until its runtime runs, paused until {@link Worker#go()}. */
  Worker startPaused(String name, String jdbcUrl, Options options) throws Exception {
    Files.createDirectories(logs);
    List<String> command =
        ChildJvm.command(
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), PgWorkerJvm.class);
    command.addAll(options.args());
    Path log = logs.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectError(log.toFile())
            .directory(new File(System.getProperty("user.dir")))
            .start();
    Worker worker = new Worker(name, process, log);
    workers.add(worker);
    try {
      OutputStream in = process.getOutputStream();
      in.write((jdbcUrl + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    worker.awaitReady(Duration.ofSeconds(60));
    return worker;
  }

  /** Polls until the condition holds; fails when the deadline passes first. */
  static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    for (Worker w : workers) {
      w.process.destroyForcibly();
    }
  }
}

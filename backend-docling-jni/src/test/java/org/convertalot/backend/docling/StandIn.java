package org.convertalot.backend.docling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.testkit.TestPdf;

/** The stand-in worker and what the engine's tests share: builders, inputs, process checks. */
final class StandIn {
  private StandIn() {}

  /** How long a killed worker may take to disappear from the process table. */
  static final Duration GONE_WITHIN = Duration.ofSeconds(15);

  static Path script() {
    return resource("/stand_in_worker.py");
  }

  static Path resource(String name) {
    try {
      return Path.of(StandIn.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GPU probe that finds {@code count} CUDA devices, as the JNA probe would. */
  static Supplier<ProbeResult> gpus(int count) {
    List<GpuDevice> devices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      devices.add(new GpuDevice(i, "Fake GPU " + i, 80L << 30));
    }
    return () -> ProbeResult.gpuAvailable(Acceleration.CUDA, devices, "12080");
  }

  /** The engine on the stand-in worker, one fake CUDA GPU, a models folder in {@code dir}. */
  static DoclingBackend.Builder builder(Path dir) {
    return DoclingBackend.builder()
        .python("python3")
        .workerScript(script())
        .modelsDir(models(dir))
        .gpuProbe(gpus(1))
        .killGrace(Duration.ofMillis(500));
  }

  static Path models(Path dir) {
    try {
      return Files.createDirectories(dir.resolve("models"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path pdf(Path dir, String name, String... pages) {
    return TestPdf.write(dir.resolve(name), pages);
  }

  static BackendInput input(Path pdf) {
    return input(pdf, Limits.DEFAULTS);
  }

  static BackendInput input(Path pdf, PageSelection pages) {
    BackendInput all = input(pdf);
    return new BackendInput(
        all.path(), all.source(), all.options(), all.limits(), all.acceleration(), pages);
  }

  static BackendInput input(Path pdf, Limits limits) {
    try {
      byte[] bytes = Files.readAllBytes(pdf);
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      SourceRef source =
          new SourceRef(pdf.toString(), pdf.getFileName().toString(), sha, bytes.length);
      return new BackendInput(pdf, source, Map.of(), limits, Acceleration.CUDA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pid of the worker on a GPU, from the engine's diagnostics, or -1 when none runs. */
  static long pid(ConversionBackend engine, int gpu) {
    String pid = engine.diagnostics().get("gpu." + gpu + ".worker_pid");
    return pid == null || pid.equals("none") ? -1 : Long.parseLong(pid);
  }

  /** Waits until the process is gone; fails when it outlives {@link #GONE_WITHIN}. */
  static void assertGone(long pid) {
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              try {
                h.onExit().get(GONE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
              } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("process " + pid + " is still running", e);
              }
            });
  }

  /** This JVM's child processes that run a worker script (the stand-in or the bundled one). */
  static List<ProcessHandle> workerProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info()
                    .commandLine()
                    .map(c -> c.contains("stand_in_worker.py") || c.contains("docling_worker.py"))
                    .orElse(false))
        .toList();
  }

  /** Asserts that no worker process of this JVM is left, waiting for killed ones to go. */
  static void assertNoWorkerLeft() {
    for (ProcessHandle h : workerProcesses()) {
      assertGone(h.pid());
    }
    assertEquals(List.of(), workerProcesses(), "worker processes left behind");
  }

  static void assertContains(String haystack, String needle) {
    assertTrue(haystack != null && haystack.contains(needle), "'" + needle + "' in: " + haystack);
  }
}

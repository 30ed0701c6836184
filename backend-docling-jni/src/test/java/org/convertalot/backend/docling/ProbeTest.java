package org.convertalot.backend.docling;

import static org.convertalot.backend.docling.StandIn.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's probe: the GPU probe first, then the interpreter's hello, each failure typed and
 * with the commands that fix it; and the builder's checks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeTest {
  @TempDir Path dir;

  private ConversionBackend engine;

  @AfterEach
  void closeLeavesNoWorker() {
    if (engine != null) {
      engine.close();
    }
    StandIn.assertNoWorkerLeft();
  }

  private ProbeResult probeWith(String hello) {
    engine = StandIn.builder(dir).environment("STANDIN_HELLO", hello).build();
    return engine.probe();
  }

  @Test
  void aGpuAndDoclingMakeTheEngineAvailable() {
    engine = StandIn.builder(dir).build();

    ProbeResult p = engine.probe();

    assertTrue(p.available(), p::toString);
    assertEquals(Acceleration.CUDA, p.acceleration());
    assertEquals("Fake GPU 0", p.devices().get(0).name(), "the GPU probe's devices");
    assertEquals("12080", p.driverVersion());
    assertContains(p.message(), "docling 2.121.0, torch 2.8.0+cu128 (CUDA 12.8)");
    assertEquals(1, engine.concurrency(p));
    assertContains(engine.diagnostics().get("interpreter"), "docling 2.121.0");
    assertEquals(
        List.of(), StandIn.workerProcesses(), "the probe's interpreter is gone after its hello");
  }

  @Test
  void withoutAGpuProbeTorchJudgesTheGpu() {
    engine =
        DoclingBackend.builder()
            .workerScript(StandIn.script())
            .modelsDir(StandIn.models(dir))
            .build();

    ProbeResult p = engine.probe();

    assertTrue(p.available(), p::toString);
    assertEquals("Stand-in GPU", p.devices().get(0).name(), "the devices torch sees");
    assertEquals("12.8", p.driverVersion());
  }

  @Test
  void aGpuProbeThatFindsNoGpuStartsNoInterpreter() {
    AtomicInteger calls = new AtomicInteger();
    engine =
        StandIn.builder(dir)
            .python("/nonexistent/python3")
            .gpuProbe(
                () -> {
                  calls.incrementAndGet();
                  return ProbeResult.unavailable(
                      Acceleration.CPU, ProbeCause.DRIVER_MISSING, "libcuda.so.1 not found");
                })
            .build();

    ProbeResult p = engine.probe();

    assertFalse(p.available());
    assertEquals(ProbeCause.DRIVER_MISSING, p.cause(), "the GPU probe's cause, not Python's");
    assertEquals(Acceleration.CUDA, p.acceleration(), "a GPU engine's probe names a GPU kind");
    assertEquals("libcuda.so.1 not found", p.message());
    assertEquals(1, calls.get());
    GpuNotAvailableException e =
        assertThrows(
            GpuNotAvailableException.class,
            () ->
                engine.convert(
                    StandIn.input(StandIn.pdf(dir, "a.pdf", "one")),
                    org.convertalot.testkit.StandaloneContext.in(dir)));
    assertEquals("driver_missing", e.details().get("probe_cause"));
    assertEquals("backend_gpu_runtime_unavailable", e.details().get("reason"));
  }

  @Test
  void aMissingInterpreterIsBackendUnavailableWithTheInstallCommands() {
    engine = StandIn.builder(dir).python("/nonexistent/python3").build();

    ProbeResult p = engine.probe();

    assertFalse(p.available());
    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, p.cause());
    assertContains(p.message(), "cannot start the Python interpreter '/nonexistent/python3'");
    assertContains(p.message(), "/nonexistent/python3 -m pip install 'docling>=2.104'");
    assertContains(p.message(), "docling-tools models download -o '" + StandIn.models(dir) + "'");
  }

  @Test
  void missingDoclingIsBackendUnavailableWithTheInstallCommands() {
    ProbeResult p = probeWith("no-docling");

    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, p.cause());
    assertContains(p.message(), "No module named 'docling'");
    assertContains(p.message(), "python3 -m pip install 'docling>=2.104'");
    assertContains(p.message(), "docling-tools models download -o");
  }

  @Test
  void aDoclingThatRunsOnCpuWhenCudaIsMissingIsRefused() {
    ProbeResult p = probeWith("old-docling");

    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, p.cause());
    assertContains(p.message(), "older than 2.104");
  }

  @Test
  void aCpuOnlyTorchIsBackendUnavailableWithTheCudaWheelCommand() {
    ProbeResult p = probeWith("cpu-torch");

    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, p.cause());
    assertContains(p.message(), "CPU-only build");
    assertContains(p.message(), "--index-url https://download.pytorch.org/whl/cu128");
  }

  @Test
  void aTorchThatSeesNoGpuWhileTheDriverDoesIsDeviceUnusable() {
    ProbeResult p = probeWith("no-cuda");

    assertEquals(ProbeCause.DEVICE_UNUSABLE, p.cause());
    assertContains(p.message(), "finds no usable GPU, although the driver reports 1");
  }

  @Test
  void anInterpreterThatPrintsOrCrashesIsBackendUnavailable() {
    ProbeResult garbage = probeWith("garbage");
    engine.close();
    ProbeResult crash = probeWith("crash");

    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, garbage.cause());
    assertContains(garbage.message(), "Loading Docling... not JSON");
    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, crash.cause());
    assertContains(crash.message(), "exit code 5");
    assertContains(crash.message(), "crashing before hello");
  }

  @Test
  void missingModelsAreBackendUnavailableWithTheDownloadCommand() {
    Path nowhere = dir.resolve("no-models");
    engine = StandIn.builder(dir).modelsDir(nowhere).build();

    ProbeResult p = engine.probe();

    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, p.cause());
    assertContains(p.message(), "docling-tools models download -o '" + nowhere + "'");
    assertContains(p.message(), "HF_HUB_OFFLINE=1");
  }

  @Test
  void theInterpreterIsAskedOnce() {
    engine = StandIn.builder(dir).build();

    ProbeResult first = engine.probe();
    ProbeResult second = engine.probe();

    assertEquals(first, second);
    assertEquals("0", engine.diagnostics().get("workers_started"), "no worker until a document");
  }

  @Test
  void concurrencyIsOnePerGpu() {
    engine = StandIn.builder(dir).gpuProbe(StandIn.gpus(3)).build();

    assertEquals(3, engine.concurrency(engine.probe()));
    assertEquals(
        1,
        engine.concurrency(
            ProbeResult.unavailable(Acceleration.CUDA, ProbeCause.NO_DEVICE, "none")));
  }

  @Test
  void theEngineDescribesItself() {
    engine = DoclingBackend.builder().build();

    assertEquals("docling", engine.id());
    assertEquals(200, engine.priority(), "above the PDFBox engine's 100");
    assertEquals(
        java.util.Set.of(Acceleration.CUDA, Acceleration.ROCM),
        engine.capabilities().accelerations(),
        "GPU only: gpu_prefer falls back to the CPU engine, never to Docling on the CPU");
    assertEquals(
        List.of("docling.ocr", "docling.table_mode", "docling.page_batch"),
        engine.options().stream().map(o -> o.key()).toList());
    assertEquals("not taken", engine.diagnostics().get("probe"));
    assertEquals(List.of(), StandIn.workerProcesses(), "building starts nothing");
  }

  @Test
  void theBuilderChecksEachValueAtOnce() {
    DoclingBackend.Builder b = DoclingBackend.builder();

    assertThrows(ConfigurationException.class, () -> b.python(" "));
    assertThrows(ConfigurationException.class, () -> b.maxDocumentsPerWorker(0));
    assertThrows(ConfigurationException.class, () -> b.maxWorkerRssBytes(1024));
    assertThrows(ConfigurationException.class, () -> b.killGrace(java.time.Duration.ZERO));
    assertThrows(
        ConfigurationException.class, () -> b.stallTimeout(java.time.Duration.ofSeconds(-1)));
    assertThrows(ConfigurationException.class, () -> b.environment("CUDA_VISIBLE_DEVICES", "3"));
    assertThrows(ConfigurationException.class, () -> b.environment("A=B", "3"));
    assertThrows(NullPointerException.class, () -> b.gpuProbe(null));
    assertSame(b, b.python("python3.12").maxDocumentsPerWorker(1));
  }
}

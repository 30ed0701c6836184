package org.convertalot.backend.docling;

import static org.convertalot.backend.docling.StandIn.assertContains;
import static org.convertalot.backend.docling.StandIn.input;
import static org.convertalot.backend.docling.StandIn.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.testkit.StandaloneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Docling worker script itself, run by the engine with {@code python3}: once against
 * fakes of {@code docling} and {@code torch} that have Docling's signatures (test resource {@code
 * fake-python}), and once against this machine's Python, which lacks Docling in CI.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BundledWorkerTest {
  @TempDir Path dir;

  private ConversionBackend engine;

  @AfterEach
  void closeLeavesNoWorker() {
    if (engine != null) {
      engine.close();
    }
    StandIn.assertNoWorkerLeft();
  }

  /** The bundled worker with the fakes on {@code PYTHONPATH}. */
  private DoclingBackend.Builder withFakes() {
    return DoclingBackend.builder()
        .modelsDir(StandIn.models(dir))
        .gpuProbe(StandIn.gpus(1))
        .environment("PYTHONPATH", StandIn.resource("/fake-python").toString());
  }

  private static BackendInput withOptions(BackendInput in, Map<String, String> options) {
    return new BackendInput(in.path(), in.source(), options, in.limits(), in.acceleration());
  }

  @Test
  void convertsInPageBatchesOnTheGpuAndReportsTheDevice() {
    engine = withFakes().build();
    StandaloneContext ctx = StandaloneContext.in(dir.resolve("tmp"));
    BackendInput in =
        withOptions(
            input(pdf(dir, "a.pdf", "one", "two", "three")),
            Map.of("docling.page_batch", "2", "docling.table_mode", "fast"));

    BackendOutput out = engine.convert(in, ctx);

    assertEquals("one\n\ntwo\n\nthree", out.markdown());
    assertEquals(3, out.pages());
    assertEquals(Acceleration.CUDA, out.accelerationUsed());
    assertEquals("cuda:0", out.device().id());
    assertEquals("Fake H200", out.device().name());
    assertEquals(List.of("2/3", "3/3"), ctx.progressReports());
    assertEquals(List.of("start_worker", "load_models", "convert_pages", "export"), ctx.phases());
    assertEquals("2097152", engine.diagnostics().get("gpu.0.last_peak_gpu_memory_bytes"));
  }

  @Test
  void aPageSelectionIsConvertedRangeByRangeInPageBatches() {
    engine = withFakes().build();
    StandaloneContext ctx = StandaloneContext.in(dir.resolve("tmp"));
    BackendInput all =
        withOptions(
            input(pdf(dir, "a.pdf", "one", "two", "three", "four", "five")),
            Map.of("docling.page_batch", "2"));
    BackendInput in =
        new BackendInput(
            all.path(),
            all.source(),
            all.options(),
            all.limits(),
            all.acceleration(),
            PageSelection.parse("4,1,3"));

    BackendOutput out = engine.convert(in, ctx);

    assertEquals("one\n\nthree\n\nfour", out.markdown());
    assertEquals(3, out.pages());
    assertEquals(List.of("1/3", "3/3"), ctx.progressReports(), "page_range (1,1), then (3,4)");
  }

  @Test
  void aSelectionStartingPastTheLastPageIsPagesOutOfRange() {
    engine = withFakes().build();
    BackendInput in = input(pdf(dir, "a.pdf", "one", "two"), PageSelection.parse("3-"));

    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> engine.convert(in, StandaloneContext.in(dir)));

    assertEquals("pages_out_of_range", e.details().get("reason"));
    assertEquals("3-", e.details().get("selection"));
    assertContains(
        e.details().get("docling_errors"), "fewer than the requested page_range start 3");
  }

  @Test
  void theProbeAsksTheBundledWorker() {
    engine = withFakes().build();

    ProbeResult p = engine.probe();

    assertTrue(p.available(), p::toString);
    assertContains(p.message(), "docling 2.121.0, torch 2.8.0+cu128 (CUDA 12.8)");
  }

  @Test
  void aDoclingThatDecidesOnTheCpuIsGpuNotAvailable() {
    engine = withFakes().environment("FAKE_DOCLING_DEVICE", "cpu").build();

    GpuNotAvailableException e =
        assertThrows(
            GpuNotAvailableException.class,
            () -> engine.convert(input(pdf(dir, "a.pdf", "one")), StandaloneContext.in(dir)));

    assertEquals("cpu", e.details().get("worker_device"));
    assertContains(e.getMessage(), "[\"cpu\"]");
  }

  @Test
  void aTorchWithoutAGpuMakesTheProbeUnavailable() {
    engine = withFakes().environment("FAKE_TORCH_CUDA", "0").build();

    ProbeResult p = engine.probe();

    assertEquals(ProbeCause.DEVICE_UNUSABLE, p.cause());
  }

  @Test
  void morePagesThanTheLimitIsInvalidInput() {
    engine = withFakes().build();

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                engine.convert(
                    input(pdf(dir, "a.pdf", "1", "2", "3"), Limits.DEFAULTS.withMaxPages(2)),
                    StandaloneContext.in(dir)));

    assertEquals("too_many_pages", e.details().get("reason"));
    assertEquals("3", e.details().get("pages"));
    assertContains(e.details().get("docling_errors"), "exceeding the max_num_pages limit of 2");
  }

  @Test
  void aFailedConversionIsARetryableBackendFailure() {
    engine = withFakes().environment("FAKE_DOCLING_FAIL", "1").build();

    BackendFailedException e =
        assertThrows(
            BackendFailedException.class,
            () -> engine.convert(input(pdf(dir, "a.pdf", "one")), StandaloneContext.in(dir)));

    assertTrue(e.retryable());
    assertEquals("conversion_failed", e.details().get("reason"));
    assertContains(e.getMessage(), "Pipeline failed");
  }

  @Test
  void theCopiedScriptIsDeletedAtClose() throws Exception {
    engine = withFakes().build();
    engine.probe();
    long before = copies();
    assertTrue(before >= 1, "the worker script was copied to the temp folder");

    engine.close();

    assertEquals(before - 1, copies());
  }

  private static long copies() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("convertalot-docling-"))
          .filter(p -> Files.exists(p.resolve("docling_worker.py")))
          .count();
    }
  }

  @Test
  void withoutDoclingTheProbeNamesTheCommandsThatFixIt() {
    engine = DoclingBackend.builder().modelsDir(StandIn.models(dir)).build();

    ProbeResult p = engine.probe();

    Assumptions.assumeFalse(p.available(), "this machine has Docling and a GPU");
    assertEquals(ProbeCause.BACKEND_UNAVAILABLE, p.cause(), p.message());
    assertFalse(p.message().isBlank());
    if (p.message().contains("No module named 'docling'")) {
      assertContains(p.message(), "python3 -m pip install 'docling>=2.104'");
      assertContains(p.message(), "docling-tools models download -o");
    }
  }
}

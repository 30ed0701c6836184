package org.convertalot.backend.docling;

import static org.convertalot.backend.docling.StandIn.assertContains;
import static org.convertalot.backend.docling.StandIn.assertGone;
import static org.convertalot.backend.docling.StandIn.pdf;
import static org.convertalot.backend.docling.StandIn.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.JobListener;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.Progress;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.core.ConvertALot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docling engine inside a real runtime, with real worker processes (the stand-in) and a fake
 * GPU probe that finds one CUDA device: policies, cancel, deadline, stall, retries, wrong device,
 * status, and no worker left after the runtime's close.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RuntimeTest {
  static {
    // On the module path the PDFBox engine is a named module this (patched) module does not read.
    ModuleLayer.boot()
        .findModule("org.convertalot.backend.pdfbox")
        .ifPresent(m -> RuntimeTest.class.getModule().addReads(m));
  }

  @TempDir Path dir;

  private ConversionRuntime runtime;
  private ConversionBackend docling;
  private final CountDownLatch firstPage = new CountDownLatch(1);

  @AfterEach
  void closeLeavesNoWorker() {
    if (runtime != null) {
      runtime.close();
    }
    StandIn.assertNoWorkerLeft();
  }

  private ConvertALot.Builder runtime(DoclingBackend.Builder engine) {
    docling = engine.build();
    return ConvertALot.builder()
        .dataRoot(dir.resolve("data"))
        .serviceLoader(false)
        .backend(docling)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
        .pollInterval(Duration.ofMillis(20))
        .listener(
            new JobListener() {
              @Override
              public void onProgress(JobId id, Progress progress) {
                if (progress.pagesDone() >= 1) {
                  firstPage.countDown();
                }
              }
            });
  }

  private ConversionRequest request(Path pdf, Policy policy) {
    return ConversionRequest.builder(pdf).policy(policy).build();
  }

  private static ConversionException failure(JobHandle handle) throws Exception {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> handle.result().get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ConversionException, e.getCause().toString());
    return (ConversionException) e.getCause();
  }

  @Test
  void aPageSelectionReachesTheWorkerAndStaysWithTheJob() {
    runtime = runtime(StandIn.builder(dir)).build();

    JobHandle handle =
        runtime.submit(
            ConversionRequest.builder(pdf(dir, "a.pdf", "First", "Second", "Third"))
                .policy(Policy.GPU_REQUIRED)
                .pages(PageSelection.parse("2-"))
                .build());
    ConversionResult r = handle.result().join();

    assertEquals("Second\n\nThird\n", r.markdown());
    assertEquals(2, r.manifest().pages());
    assertEquals("2-", runtime.job(handle.id()).pages().toString());
  }

  @Test
  void aWorkerScriptThatIgnoresSelectionsFailsTheJobInsteadOfConvertingEveryPage()
      throws Exception {
    runtime = runtime(StandIn.builder(dir).environment("STANDIN_IGNORE_PAGES", "1")).build();

    JobHandle handle =
        runtime.submit(
            ConversionRequest.builder(pdf(dir, "a.pdf", "First", "Second"))
                .policy(Policy.GPU_REQUIRED)
                .pages(PageSelection.of(1))
                .build());
    ConversionException e = failure(handle);

    assertEquals("backend_failed", e.code());
    assertEquals("page_selection_ignored", e.details().get("reason"));
    assertEquals(1, runtime.job(handle.id()).attempt(), "not retried: the script would again");
  }

  @Test
  void aGpuRequiredJobRunsOnTheGpuAndSaysSo() {
    runtime = runtime(StandIn.builder(dir)).build();

    ConversionResult r =
        runtime.convert(request(pdf(dir, "a.pdf", "Hello", "GPU"), Policy.GPU_REQUIRED));

    assertEquals("Hello\n\nGPU\n", r.markdown());
    assertEquals(Acceleration.CUDA, r.manifest().accelerationUsed());
    assertEquals("cuda:0", r.manifest().device().id());
    assertEquals("docling", r.manifest().engineId());
    assertNull(r.manifest().fallbackReason());
    assertTrue(r.phaseTimings().containsKey("load_models"), r.phaseTimings().toString());
    assertTrue(r.phaseTimings().containsKey("convert_pages"), r.phaseTimings().toString());
  }

  @Test
  void theGpuEngineTakesGpuWorkAndPdfBoxStaysTheCpuEngine() {
    runtime =
        runtime(StandIn.builder(dir)).backend(PdfBoxBackend.createWithoutRecognition()).build();
    Path file = pdf(dir, "a.pdf", "Both engines");

    ConversionResult prefer = runtime.convert(request(file, Policy.GPU_PREFER));
    ConversionResult cpu = runtime.convert(request(file, Policy.CPU_ONLY));

    assertEquals("docling", prefer.manifest().engineId());
    assertEquals(Acceleration.CUDA, prefer.manifest().accelerationUsed());
    assertEquals("pdfbox", cpu.manifest().engineId());
    assertEquals(Acceleration.CPU, cpu.manifest().accelerationUsed());
  }

  @Test
  void withoutDoclingGpuPreferFallsBackToPdfBoxAndGpuRequiredFails() throws Exception {
    runtime =
        runtime(StandIn.builder(dir).environment("STANDIN_HELLO", "no-docling"))
            .backend(PdfBoxBackend.createWithoutRecognition())
            .build();
    Path file = pdf(dir, "a.pdf", "Fallback");

    ConversionResult prefer = runtime.convert(request(file, Policy.GPU_PREFER));
    ConversionException e;
    try {
      e = failure(runtime.submit(request(file, Policy.GPU_REQUIRED)));
    } catch (GpuNotAvailableException refusedAtSubmit) {
      e = refusedAtSubmit; // a runtime may refuse at submit once the probe is known to fail
    }

    assertEquals("pdfbox", prefer.manifest().engineId());
    assertEquals("backend_unavailable", prefer.manifest().fallbackReason());
    assertEquals("gpu_not_available", e.code());
    assertEquals("backend_unavailable", e.details().get("probe_cause"));
    assertContains(e.details().get("probe_message"), "pip install 'docling>=2.104'");
    StatusSnapshot.EngineStatus status =
        runtime.status().engines().stream()
            .filter(s -> s.id().equals("docling"))
            .findFirst()
            .orElseThrow();
    assertEquals(false, status.probe().available());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // the kill is at once, not at the deadline
  void cancelingARunningJobKillsItsWorkerAndTheNextJobGetsAFreshOne() throws Exception {
    runtime = runtime(StandIn.builder(dir)).build();
    JobHandle hung =
        runtime.submit(request(pdf(dir, "h.pdf", "one", "@hang"), Policy.GPU_REQUIRED));
    assertTrue(firstPage.await(30, TimeUnit.SECONDS), "the job reported its first page");
    long worker = pid(docling, 0);
    assertContains(
        engineDiagnostics().get("job." + hung.id().value()), "worker " + worker + " on gpu 0");

    runtime.cancel(hung.id());

    assertEquals("canceled", failure(hung).code());
    assertGone(worker);
    assertEquals(JobState.CANCELED, runtime.job(hung.id()).state());
    ConversionResult next =
        runtime.convert(request(pdf(dir, "ok.pdf", "After the cancel"), Policy.GPU_REQUIRED));
    assertEquals("After the cancel\n", next.markdown());
    assertNotEquals(worker, pid(docling, 0));
  }

  @Test
  void aJobPastItsDeadlineIsTimeoutAndItsWorkerIsKilled() throws Exception {
    runtime = runtime(StandIn.builder(dir)).maxAttempts(1).build();
    ConversionRequest req =
        ConversionRequest.builder(pdf(dir, "h.pdf", "one", "@hang"))
            .policy(Policy.GPU_REQUIRED)
            .limits(Limits.DEFAULTS.withDeadline(Duration.ofSeconds(4)))
            .build();

    JobHandle handle = runtime.submit(req);
    assertTrue(firstPage.await(30, TimeUnit.SECONDS));
    long worker = pid(docling, 0);

    assertEquals("timeout", failure(handle).code());
    assertGone(worker);
  }

  @Test
  void aJobWithoutProgressIsStalledAndItsWorkerIsKilled() throws Exception {
    runtime =
        runtime(StandIn.builder(dir)).maxAttempts(1).stallWindow(Duration.ofSeconds(2)).build();

    JobHandle handle =
        runtime.submit(request(pdf(dir, "s.pdf", "one", "@stall"), Policy.GPU_REQUIRED));
    assertTrue(firstPage.await(30, TimeUnit.SECONDS));
    long worker = pid(docling, 0);

    assertEquals("stalled", failure(handle).code());
    assertGone(worker);
  }

  @Test
  void aWorkerCrashIsRetriedOnAFreshWorker() throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    runtime =
        runtime(StandIn.builder(dir).environment("STANDIN_STATE_DIR", state.toString()))
            .maxAttempts(2)
            .build();

    ConversionResult r =
        runtime.convert(request(pdf(dir, "c.pdf", "@crash-once", "two"), Policy.GPU_REQUIRED));

    JobSnapshot job = runtime.job(r.jobId());
    assertEquals(JobState.SUCCEEDED, job.state());
    assertEquals(2, job.attempt(), "the crash cost one attempt");
    assertEquals("1", docling.diagnostics().get("crashes"));
    assertEquals("1", docling.diagnostics().get("restarts"));
  }

  @Test
  void aWorkerThatRanOnTheCpuFailsAGpuRequiredJobAtOnce() throws Exception {
    runtime = runtime(StandIn.builder(dir)).build();

    JobHandle handle = runtime.submit(request(pdf(dir, "cpu.pdf", "@cpu"), Policy.GPU_REQUIRED));

    ConversionException e = failure(handle);
    assertEquals("gpu_not_available", e.code());
    assertEquals("cpu", e.details().get("worker_device"));
    assertEquals(1, runtime.job(handle.id()).attempt(), "not retried");
  }

  @Test
  void tooManyPagesFailsAtOnceAsInvalidInput() throws Exception {
    runtime = runtime(StandIn.builder(dir)).build();
    ConversionRequest req =
        ConversionRequest.builder(pdf(dir, "p.pdf", "1", "2", "3"))
            .policy(Policy.GPU_REQUIRED)
            .limits(Limits.DEFAULTS.withMaxPages(2))
            .build();

    ConversionException e = failure(runtime.submit(req));

    assertEquals("invalid_input", e.code());
    assertEquals("too_many_pages", e.details().get("reason"));
  }

  @Test
  void engineOptionsAreCheckedAtSubmit() {
    runtime = runtime(StandIn.builder(dir)).build();
    Path file = pdf(dir, "a.pdf", "one");

    assertThrows(
        InvalidRequestException.class,
        () ->
            runtime.submit(ConversionRequest.builder(file).option("docling.ocr", "maybe").build()));
    assertThrows(
        InvalidRequestException.class,
        () ->
            runtime.submit(
                ConversionRequest.builder(file).option("docling.page_batch", "0").build()));
    ConversionResult r =
        runtime.convert(
            ConversionRequest.builder(file)
                .policy(Policy.GPU_REQUIRED)
                .option("docling.ocr", "off")
                .option("docling.table_mode", "fast")
                .option("docling.page_batch", "2")
                .build());
    assertEquals("one\n", r.markdown());
  }

  @Test
  void statusShowsTheProbeWorkersAndCounters() {
    runtime = runtime(StandIn.builder(dir)).build();
    runtime.convert(request(pdf(dir, "a.pdf", "one"), Policy.GPU_REQUIRED));

    StatusSnapshot.EngineStatus docling = runtime.status().engines().get(0);

    assertEquals("docling", docling.id());
    assertEquals(1, docling.concurrency());
    assertContains(docling.diagnostics().get("probe"), "available cuda");
    assertEquals("1", docling.diagnostics().get("documents"));
    assertEquals(String.valueOf(pid(this.docling, 0)), docling.diagnostics().get("worker_pids"));
    assertEquals("0", docling.diagnostics().get("restarts"));
    assertEquals("0", docling.diagnostics().get("recycles"));
  }

  @Test
  void closingTheRuntimeEndsARunningJobsWorker() throws Exception {
    runtime = runtime(StandIn.builder(dir)).shutdownTimeout(Duration.ofSeconds(5)).build();
    runtime.submit(request(pdf(dir, "h.pdf", "one", "@hang"), Policy.GPU_REQUIRED));
    assertTrue(firstPage.await(30, TimeUnit.SECONDS));
    long worker = pid(docling, 0);

    runtime.close();

    assertGone(worker);
    // closeLeavesNoWorker checks the process table.
  }

  private java.util.Map<String, String> engineDiagnostics() {
    return runtime.status().engines().get(0).diagnostics();
  }
}

package org.convertalot.backend.docling;

import static org.convertalot.backend.docling.StandIn.assertContains;
import static org.convertalot.backend.docling.StandIn.assertGone;
import static org.convertalot.backend.docling.StandIn.input;
import static org.convertalot.backend.docling.StandIn.pdf;
import static org.convertalot.backend.docling.StandIn.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.BackendUnavailableException;
import org.convertalot.api.error.CanceledException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.StalledException;
import org.convertalot.testkit.StandaloneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with real worker processes (the stand-in worker), without a runtime: each way a
 * worker can misbehave ends the way the contract says, and no worker outlives {@code close()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisionTest {
  @TempDir Path dir;

  private ConversionBackend engine;

  @AfterEach
  void closeLeavesNoWorker() {
    if (engine != null) {
      engine.close();
    }
    StandIn.assertNoWorkerLeft();
  }

  private StandaloneContext context() {
    return StandaloneContext.in(dir.resolve("tmp"));
  }

  @Test
  void convertsOnTheGpuReportingPhasesProgressAndDevice() {
    engine = StandIn.builder(dir).build();
    StandaloneContext ctx = context();
    assertEquals("none", engine.diagnostics().get("shutdown_hook"), "no hook before a worker");

    BackendOutput out = engine.convert(input(pdf(dir, "a.pdf", "one", "two", "three")), ctx);

    assertEquals("one\n\ntwo\n\nthree\n", out.markdown());
    assertEquals(3, out.pages());
    assertEquals(Acceleration.CUDA, out.accelerationUsed());
    assertEquals("cuda:0", out.device().id());
    assertEquals("Stand-in GPU", out.device().name());
    assertEquals(List.of("0/3", "1/3", "2/3", "3/3"), ctx.progressReports());
    assertEquals(List.of("start_worker", "load_models", "convert_pages", "export"), ctx.phases());
    Map<String, String> d = engine.diagnostics();
    assertEquals("1", d.get("documents"));
    assertEquals("1", d.get("gpu.0.documents"));
    assertEquals("idle", d.get("gpu.0.state"));
    assertEquals("123456789", d.get("gpu.0.last_peak_gpu_memory_bytes"));
    assertContains(d.get("probe"), "available cuda, 1 device(s)");
    assertEquals("installed", d.get("shutdown_hook"));
    engine.close();
    assertEquals("none", engine.diagnostics().get("shutdown_hook"), "close removes the hook");
  }

  @Test
  void aWorkerServesManyDocumentsAndIsHealthCheckedBeforeEach() {
    engine = StandIn.builder(dir).build();
    Path file = pdf(dir, "a.pdf", "one");
    engine.convert(input(file), context());
    long first = pid(engine, 0);
    StandaloneContext second = context();

    engine.convert(input(file), second);

    assertEquals(first, pid(engine, 0), "the same worker");
    assertFalse(second.phases().contains("start_worker"), second.phases().toString());
    assertEquals("2", engine.diagnostics().get("gpu.0.documents"));
  }

  @Test
  void aWorkerThatCrashesMidJobIsARetryableBackendFailureAndIsRestarted() {
    engine = StandIn.builder(dir).build();
    StandaloneContext ctx = context();

    BackendFailedException e =
        assertThrows(
            BackendFailedException.class,
            () -> engine.convert(input(pdf(dir, "c.pdf", "one", "@crash")), ctx));

    assertTrue(e.retryable());
    assertEquals("worker_crashed", e.details().get("reason"));
    assertEquals("3", e.details().get("exit_code"));
    assertContains(e.details().get("stderr_tail"), "crashing on purpose at page 2");
    assertEquals(List.of("0/2", "1/2"), ctx.progressReports());
    long crashed = Long.parseLong(e.details().get("worker_pid"));
    assertGone(crashed);
    assertEquals("none", engine.diagnostics().get("gpu.0.worker_pid"));

    engine.convert(input(pdf(dir, "ok.pdf", "fine")), context());

    Map<String, String> d = engine.diagnostics();
    assertNotEquals(crashed, pid(engine, 0));
    assertEquals("1", d.get("crashes"));
    assertEquals("1", d.get("restarts"));
    assertContains(d.get("last_crash"), "worker " + crashed + " exit 3");
  }

  @Test
  void garbageOnStdoutKillsTheWorkerAsAProtocolError() {
    engine = StandIn.builder(dir).build();

    BackendFailedException e =
        assertThrows(
            BackendFailedException.class,
            () -> engine.convert(input(pdf(dir, "g.pdf", "one", "@garbage", "three")), context()));

    assertEquals("protocol_error", e.details().get("reason"));
    assertEquals("Some library printed this", e.details().get("line"));
    assertTrue(e.retryable());
    assertGone(Long.parseLong(e.details().get("worker_pid")));
  }

  @Test
  void aReplyFromTheCpuIsGpuNotAvailableNeverASuccess() {
    engine = StandIn.builder(dir).build();

    GpuNotAvailableException e =
        assertThrows(
            GpuNotAvailableException.class,
            () -> engine.convert(input(pdf(dir, "cpu.pdf", "@cpu")), context()));

    assertFalse(e.retryable());
    assertEquals("backend_gpu_runtime_unavailable", e.details().get("reason"));
    assertEquals("device_unusable", e.details().get("probe_cause"));
    assertEquals("cpu", e.details().get("worker_device"));
    assertEquals("ran_on_cpu", e.details().get("worker_reason"));
    assertEquals("none", engine.diagnostics().get("gpu.0.worker_pid"), "the worker is replaced");
  }

  @Test
  void aWorkerThatLosesItsGpuIsGpuNotAvailable() {
    engine = StandIn.builder(dir).build();

    GpuNotAvailableException e =
        assertThrows(
            GpuNotAvailableException.class,
            () -> engine.convert(input(pdf(dir, "lost.pdf", "@gpu-lost")), context()));

    assertEquals("device_not_available", e.details().get("worker_reason"));
  }

  @Test
  void morePagesThanTheLimitIsInvalidInputAndTheWorkerStays() {
    engine = StandIn.builder(dir).build();
    Limits limits = Limits.DEFAULTS.withMaxPages(2);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> engine.convert(input(pdf(dir, "p.pdf", "1", "2", "3"), limits), context()));

    assertEquals("too_many_pages", e.details().get("reason"));
    assertEquals("3", e.details().get("pages"));
    assertEquals("2", e.details().get("max_pages"));
    long worker = pid(engine, 0);
    engine.convert(input(pdf(dir, "ok.pdf", "1", "2"), limits), context());
    assertEquals(worker, pid(engine, 0), "a bad input does not cost the worker");
  }

  @Test
  void emptyFilesAndFilesWithoutAPdfHeaderNeedNoWorker() {
    engine = StandIn.builder(dir).python("/nonexistent/python3").build();
    Path empty = dir.resolve("empty.pdf");
    Path text = dir.resolve("text.pdf");
    try {
      java.nio.file.Files.write(empty, new byte[0]);
      java.nio.file.Files.writeString(text, "plain text, not a PDF");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    InvalidInputException a =
        assertThrows(InvalidInputException.class, () -> engine.convert(input(empty), context()));
    InvalidInputException b =
        assertThrows(InvalidInputException.class, () -> engine.convert(input(text), context()));

    assertEquals("empty", a.details().get("reason"));
    assertEquals("not_a_pdf", b.details().get("reason"));
  }

  @Test
  void aWorkerIsRecycledAfterItsLastDocument() {
    engine = StandIn.builder(dir).maxDocumentsPerWorker(2).build();
    Path file = pdf(dir, "a.pdf", "one");
    engine.convert(input(file), context());
    long first = pid(engine, 0);

    engine.convert(input(file), context());

    assertEquals("none", engine.diagnostics().get("gpu.0.worker_pid"));
    assertGone(first);
    engine.convert(input(file), context());
    assertNotEquals(first, pid(engine, 0));
    Map<String, String> d = engine.diagnostics();
    assertEquals("1", d.get("recycles"));
    assertEquals("0", d.get("restarts"), "a recycle is not a restart");
    assertEquals("3", d.get("documents"));
  }

  @Test
  void aWorkerPastTheMemoryLimitIsRecycledAfterTheDocument() {
    engine = StandIn.builder(dir).maxWorkerRssBytes(64L << 20).build();
    Path grow = pdf(dir, "grow.pdf", "@grow");

    BackendOutput out = engine.convert(input(grow), context());

    assertEquals(1, out.pages());
    Map<String, String> d = engine.diagnostics();
    assertEquals("1", d.get("recycles"));
    assertEquals("none", d.get("gpu.0.worker_pid"));
  }

  @Test
  void aWorkerWithoutProgressIsKilledAsStalled() {
    engine = StandIn.builder(dir).stallTimeout(Duration.ofMillis(1500)).build();
    StandaloneContext ctx = context();

    StalledException e =
        assertThrows(
            StalledException.class,
            () -> engine.convert(input(pdf(dir, "s.pdf", "one", "@stall")), ctx));

    assertTrue(e.retryable());
    assertEquals(List.of("0/2", "1/2"), ctx.progressReports(), "repeated progress is no progress");
    assertGone(Long.parseLong(e.details().get("worker_pid")));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // the kill is at once, not at the deadline
  void aCanceledRunKillsItsHungWorkerAtOnceAndTheNextRunGetsAFreshOne() throws Exception {
    engine = StandIn.builder(dir).build();
    CountDownLatch firstPage = new CountDownLatch(1);
    StandaloneContext ctx = context();
    BackendContext watching = new ProgressLatch(ctx, firstPage);
    CompletableFuture<BackendOutput> run =
        CompletableFuture.supplyAsync(
            () -> engine.convert(input(pdf(dir, "h.pdf", "one", "@hang")), watching));
    assertTrue(firstPage.await(20, TimeUnit.SECONDS), "the worker reported its first page");
    long hung = pid(engine, 0);

    ctx.stop(StopReason.CANCELED);

    Throwable e = assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
    assertTrue(e instanceof CanceledException, e.toString());
    assertEquals("canceled", ((ConversionException) e).code());
    assertGone(hung);
    engine.convert(input(pdf(dir, "ok.pdf", "fine")), context());
    assertNotEquals(hung, pid(engine, 0));
    assertEquals("1", engine.diagnostics().get("kills"));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // the kill is at once, not at the deadline
  void aWorkerThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    engine = StandIn.builder(dir).killGrace(Duration.ofMillis(300)).build();
    CountDownLatch firstPage = new CountDownLatch(1);
    StandaloneContext ctx = context();
    BackendContext watching = new ProgressLatch(ctx, firstPage);
    CompletableFuture<BackendOutput> run =
        CompletableFuture.supplyAsync(
            () -> engine.convert(input(pdf(dir, "i.pdf", "one", "@ignore-cancel")), watching));
    assertTrue(firstPage.await(20, TimeUnit.SECONDS));
    long stubborn = pid(engine, 0);

    ctx.stop(StopReason.CANCELED);

    Throwable e = assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
    assertTrue(e instanceof CanceledException, e.toString());
    assertGone(stubborn);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aRunWaitsForABusyGpuAndAStopWhileWaitingLeavesTheBusyWorkerAlone() throws Exception {
    engine = StandIn.builder(dir).build();
    CountDownLatch firstPage = new CountDownLatch(1);
    StandaloneContext busyCtx = context();
    CompletableFuture<BackendOutput> busy =
        CompletableFuture.supplyAsync(
            () ->
                engine.convert(
                    input(pdf(dir, "h.pdf", "one", "@hang")),
                    new ProgressLatch(busyCtx, firstPage)));
    assertTrue(firstPage.await(20, TimeUnit.SECONDS));
    long worker = pid(engine, 0);
    CountDownLatch waiting = new CountDownLatch(1);
    StandaloneContext waitingCtx = context();
    CompletableFuture<BackendOutput> queued =
        CompletableFuture.supplyAsync(
            () ->
                engine.convert(
                    input(pdf(dir, "b.pdf", "two")),
                    new ProgressLatch(waitingCtx, waiting, "wait_for_worker")));
    assertTrue(waiting.await(20, TimeUnit.SECONDS), "the second run waits for the GPU");

    waitingCtx.stop(StopReason.CANCELED);

    Throwable e = assertThrows(Exception.class, () -> queued.get(10, TimeUnit.SECONDS)).getCause();
    assertTrue(e instanceof CanceledException, e.toString());
    assertTrue(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false));
    assertEquals("busy", engine.diagnostics().get("gpu.0.state"));
    busyCtx.stop(StopReason.CANCELED);
    assertThrows(Exception.class, () -> busy.get(10, TimeUnit.SECONDS));
  }

  @Test
  void eachGpuHasItsOwnPinnedWorker() {
    engine = StandIn.builder(dir).gpuProbe(StandIn.gpus(2)).build();
    assertEquals(2, engine.concurrency(engine.probe()));
    Path env = pdf(dir, "env.pdf", "@env");

    BackendOutput first = engine.convert(input(env), context());
    BackendOutput second = engine.convert(input(env), context());

    assertEquals("cuda:0", first.device().id());
    assertEquals("cuda:1", second.device().id());
    assertContains(first.markdown(), "CUDA_VISIBLE_DEVICES=0");
    assertContains(second.markdown(), "CUDA_VISIBLE_DEVICES=1");
    for (BackendOutput out : List.of(first, second)) {
      assertContains(out.markdown(), "device=cuda:0"); // what the pinned worker sees
      assertContains(out.markdown(), "HF_HUB_OFFLINE=1");
      assertContains(out.markdown(), "artifacts_path=" + StandIn.models(dir));
    }
    Map<String, String> d = engine.diagnostics();
    assertNotEquals(d.get("gpu.0.worker_pid"), d.get("gpu.1.worker_pid"));
    assertEquals(2, d.get("worker_pids").split(",").length);
  }

  @Test
  void runningJobsShowTheirWorkerAndDevice() throws Exception {
    engine = StandIn.builder(dir).build();
    CountDownLatch firstPage = new CountDownLatch(1);
    StandaloneContext ctx = context();
    CompletableFuture<BackendOutput> run =
        CompletableFuture.supplyAsync(
            () ->
                engine.convert(
                    input(pdf(dir, "h.pdf", "one", "@hang")), new ProgressLatch(ctx, firstPage)));
    assertTrue(firstPage.await(20, TimeUnit.SECONDS));

    Map<String, String> d = engine.diagnostics();

    String job = StandaloneContext.JOB_ID.value();
    assertEquals("busy", d.get("gpu.0.state"));
    assertEquals(job, d.get("gpu.0.job"));
    assertEquals("worker " + pid(engine, 0) + " on gpu 0 (Fake GPU 0)", d.get("job." + job));
    ctx.stop(StopReason.CANCELED);
    assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aWorkerWithoutDoclingIsBackendUnavailableWithTheFix() {
    engine = StandIn.builder(dir).environment("STANDIN_HELLO", "no-docling").build();
    // The GPU probe says yes and the probe's interpreter is the same stand-in: it says no Docling.
    BackendUnavailableException e =
        assertThrows(
            BackendUnavailableException.class,
            () -> engine.convert(input(pdf(dir, "a.pdf", "one")), context()));

    assertContains(e.getMessage(), "python3 -m pip install 'docling>=2.104'");
    assertContains(e.getMessage(), "docling-tools models download -o");
  }

  @Test
  void closeEndsBusyAndIdleWorkers() throws Exception {
    engine = StandIn.builder(dir).gpuProbe(StandIn.gpus(2)).build();
    engine.probe();
    engine.convert(input(pdf(dir, "a.pdf", "one")), context());
    CountDownLatch firstPage = new CountDownLatch(1);
    CompletableFuture<BackendOutput> busy =
        CompletableFuture.supplyAsync(
            () ->
                engine.convert(
                    input(pdf(dir, "h.pdf", "one", "@hang")),
                    new ProgressLatch(context(), firstPage)));
    assertTrue(firstPage.await(20, TimeUnit.SECONDS));
    List<String> pids = List.of(engine.diagnostics().get("worker_pids").split(","));
    assertEquals(2, pids.size());

    engine.close();

    pids.forEach(p -> assertGone(Long.parseLong(p)));
    assertThrows(Exception.class, () -> busy.get(10, TimeUnit.SECONDS));
    assertThrows(
        BackendUnavailableException.class,
        () -> engine.convert(input(pdf(dir, "b.pdf", "one")), context()));
  }
}

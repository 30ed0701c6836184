package org.convertalot.core.runtime;

import static org.convertalot.core.testing.TestRuntimes.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.convertalot.api.Policy;
import org.convertalot.api.Progress;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.CanceledException;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.Json;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime end to end on the file store with real engines defined by the tests. */
class RuntimeTest {
  @TempDir Path dir;
  private ConversionRuntime runtime;

  @AfterEach
  void closeRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private ConvertALot.Builder builder(TestBackend... backends) {
    return TestRuntimes.builder(dir, backends);
  }

  private Path pdf(String name) throws Exception {
    return TestRuntimes.fakePdf(dir, name);
  }

  private static ConversionRequest cpu(Path p) {
    return ConversionRequest.builder(p).policy(Policy.CPU_ONLY).build();
  }

  /** An engine that signals its start, then works until the runtime tells it to stop. */
  private static TestBackend runsUntilCanceled(CountDownLatch started) {
    return TestBackend.cpu(
        (in, ctx) -> {
          started.countDown();
          while (!ctx.shouldStop()) {
            Thread.onSpinWait();
          }
          ctx.throwIfStopped();
          throw new AssertionError("checkCanceled must throw once canceled");
        });
  }

  @Test
  void convertReturnsAVerifiedResultWithMetadata() throws Exception {
    runtime = builder(TestBackend.echo()).build();
    Path source = pdf("a.pdf");
    ConversionResult r = runtime.convert(cpu(source));
    assertEquals("# a.pdf\n\nconverted\n", r.markdown());
    assertEquals(Acceleration.CPU, r.accelerationUsed());
    assertEquals("test-cpu", r.engineId());
    assertEquals("1.0-test", r.engineVersion());
    assertEquals(1, r.pages());
    assertEquals(Hashing.sha256Hex(r.markdownBytes()), r.manifest().sha256());
    assertEquals(r.markdownBytes().length, r.manifest().size());
    assertEquals(Hashing.hashFile(source).sha256(), r.manifest().source().sha256());
    assertTrue(
        r.phaseTimings().keySet().containsAll(List.of("check", "convert", "normalize", "publish")));
    JobSnapshot job = runtime.job(r.jobId());
    assertEquals(JobState.SUCCEEDED, job.state());
    assertEquals(r.markdown(), runtime.result(r.jobId()).markdown());
  }

  @Test
  void resubmittingTheSameFileReturnsTheSameJobWithoutConvertingAgain() throws Exception {
    TestBackend engine = TestBackend.echo();
    runtime = builder(engine).build();
    Path source = pdf("a.pdf");
    ConversionResult first = runtime.convert(cpu(source));
    JobHandle again = runtime.submit(cpu(source));
    assertEquals(first.jobId(), again.id());
    assertFalse(again.created());
    assertEquals(first.markdown(), again.result().get(30, TimeUnit.SECONDS).markdown());
    assertEquals(1, engine.calls());
  }

  @Test
  void invalidInputFailsAtOnceAndLeavesOtherJobsAlone() throws Exception {
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (in.source().name().startsWith("bad")) {
                throw new InvalidInputException(InvalidInputReason.ENCRYPTED, "needs a password");
              }
              return BackendOutput.onCpu("fine", 1);
            });
    runtime = builder(engine).build();
    JobHandle bad = runtime.submit(cpu(pdf("bad.pdf")));
    assertTrue(bad.created());
    JobHandle good = runtime.submit(cpu(pdf("good.pdf")));
    ConversionException e = failure(bad);
    assertEquals("invalid_input", e.code());
    assertEquals("encrypted", e.details().get("reason"));
    assertEquals(bad.id().value(), e.jobId().orElseThrow());
    JobSnapshot failed = runtime.job(bad.id());
    assertEquals(JobState.FAILED, failed.state());
    assertEquals(1, failed.attempt());
    assertEquals("fine\n", good.result().get(30, TimeUnit.SECONDS).markdown());
  }

  @Test
  void emptyAndOversizedSourcesAreInvalidInputBeforeTheEngineRuns() throws Exception {
    TestBackend engine = TestBackend.echo();
    runtime = builder(engine).build();
    Path empty = dir.resolve("empty.pdf");
    Files.write(empty, new byte[0]);
    JobHandle e1 = runtime.submit(cpu(empty));
    assertEquals("empty", failure(e1).details().get("reason"));
    JobHandle e2 =
        runtime.submit(
            ConversionRequest.builder(pdf("big.pdf"))
                .policy(Policy.CPU_ONLY)
                .limits(Limits.DEFAULTS.withMaxBytes(5))
                .build());
    assertEquals("too_large", failure(e2).details().get("reason"));
    assertEquals(0, engine.calls());
  }

  @Test
  void transientFailuresAreRetriedUpToMaxAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TestBackend flaky =
        TestBackend.cpu(
            (in, ctx) -> {
              if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("boom " + calls.get());
              }
              return BackendOutput.onCpu("third time", 1);
            });
    runtime = builder(flaky).build();
    ConversionResult r = runtime.convert(cpu(pdf("a.pdf")));
    assertEquals(3, r.manifest().attempt());
    assertEquals(3, runtime.job(r.jobId()).attempt());

    TestBackend broken =
        new TestBackend(
            "always-broken",
            Set.of(Acceleration.CPU),
            ProbeResult.cpuAvailable(""),
            (in, ctx) -> {
              throw new IllegalStateException("always");
            });
    runtime.close();
    runtime = builder(broken).dataRoot(dir.resolve("data2")).build();
    JobHandle h = runtime.submit(cpu(pdf("b.pdf")));
    ConversionException e = failure(h);
    assertEquals("backend_failed", e.code());
    assertEquals(3, runtime.job(h.id()).attempt());
    assertEquals(3, broken.calls());
  }

  @Test
  void gpuRequiredWithoutAGpuEngineIsRefusedAtSubmitAndNeverRunsOnCpu() throws Exception {
    TestBackend cpuEngine = TestBackend.echo();
    runtime = builder(cpuEngine).build();
    GpuNotAvailableException e =
        assertThrows(
            GpuNotAvailableException.class,
            () ->
                runtime.submit(
                    ConversionRequest.builder(pdf("a.pdf")).policy(Policy.GPU_REQUIRED).build()));
    assertEquals("gpu_not_available", e.code());
    assertEquals("backend_gpu_runtime_unavailable", e.details().get("reason"));
    assertEquals("no_gpu_engine", e.details().get("probe_cause"));
    assertEquals(0, cpuEngine.calls());
    assertEquals(0L, runtime.status().counts().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void gpuRequiredFailsWithTheProbeCauseOnceAtRunThenAtSubmitOnceTheProbeIsKnown()
      throws Exception {
    TestBackend gpu =
        new TestBackend(
            "gpu",
            Set.of(Acceleration.CUDA, Acceleration.CPU),
            ProbeResult.unavailable(
                Acceleration.CUDA, ProbeCause.DRIVER_MISSING, "libcuda.so.1 not found"),
            (in, ctx) -> TestBackend.output("x", 1, in.acceleration()));
    runtime = builder(gpu).build();
    // No probe has been taken yet: the job is created, and its run fails before any engine runs.
    JobHandle h =
        runtime.submit(ConversionRequest.builder(pdf("a.pdf")).policy(Policy.GPU_REQUIRED).build());
    ConversionException e = failure(h);
    assertEquals("driver_missing", e.details().get("probe_cause"));
    assertEquals(1, runtime.job(h.id()).attempt(), "environment errors are not retried");
    // Now the probe is known: the next such request is refused at submit.
    GpuNotAvailableException atSubmit =
        assertThrows(
            GpuNotAvailableException.class,
            () ->
                runtime.submit(
                    ConversionRequest.builder(pdf("b.pdf")).policy(Policy.GPU_REQUIRED).build()));
    assertEquals("driver_missing", atSubmit.details().get("probe_cause"));
    assertEquals(0, gpu.calls());
  }

  @Test
  void gpuPreferFallsBackToCpuAndSaysWhy() throws Exception {
    TestBackend gpu =
        new TestBackend(
            "gpu",
            Set.of(Acceleration.CUDA, Acceleration.CPU),
            ProbeResult.unavailable(Acceleration.CUDA, ProbeCause.NO_DEVICE, "0 devices"),
            (in, ctx) ->
                TestBackend.output("ran on " + in.acceleration().code(), 1, in.acceleration()));
    runtime = builder(gpu).build();
    ConversionResult r =
        runtime.convert(ConversionRequest.builder(pdf("a.pdf")).policy(Policy.GPU_PREFER).build());
    assertEquals(Acceleration.CPU, r.accelerationUsed());
    assertEquals("no_device", r.manifest().fallbackReason());
    assertEquals("ran on cpu\n", r.markdown());
    assertEquals(1, runtime.status().counters().fallbacks());
  }

  @Test
  void gpuPoliciesUseAUsableGpu() throws Exception {
    TestBackend gpu =
        new TestBackend(
            "gpu",
            Set.of(Acceleration.CUDA),
            ProbeResult.gpuAvailable(Acceleration.CUDA, List.of(), "560.1"),
            (in, ctx) -> TestBackend.output("gpu", 1, in.acceleration()));
    runtime = builder(TestBackend.echo(), gpu).build();
    for (Policy p : List.of(Policy.GPU_REQUIRED, Policy.GPU_PREFER)) {
      Path source = pdf("a-" + p.code() + ".pdf");
      ConversionResult r = runtime.convert(ConversionRequest.builder(source).policy(p).build());
      assertEquals(Acceleration.CUDA, r.accelerationUsed(), p.code());
      assertNull(r.manifest().fallbackReason());
    }
    assertEquals(
        Acceleration.CPU,
        runtime.convert(cpu(pdf("c.pdf"))).accelerationUsed(),
        "cpu_only stays on CPU");
  }

  @Test
  void aGpuEngineThatRanOnCpuUnderGpuRequiredIsAFailure() throws Exception {
    TestBackend liar =
        new TestBackend(
            "gpu",
            Set.of(Acceleration.CUDA),
            ProbeResult.gpuAvailable(Acceleration.CUDA, List.of(), "560.1"),
            (in, ctx) -> BackendOutput.onCpu("cpu really", 1));
    runtime = builder(liar).build();
    JobHandle h =
        runtime.submit(ConversionRequest.builder(pdf("a.pdf")).policy(Policy.GPU_REQUIRED).build());
    assertEquals("gpu_not_available", failure(h).code());
    assertNull(runtime.job(h.id()).manifest());
  }

  @Test
  void cancelStopsARunningEngineAndPublishesNothing() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TestBackend blocking = runsUntilCanceled(started);
    runtime = builder(blocking).build();
    JobHandle h = runtime.submit(cpu(pdf("a.pdf")));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    runtime.cancel(h.id());
    assertInstanceOf(CanceledException.class, failure(h));
    JobSnapshot job = runtime.job(h.id());
    assertEquals(JobState.CANCELED, job.state());
    assertFalse(Files.exists(dir.resolve("data/artifacts").resolve(h.id().value())));
  }

  @Test
  void cancelOfAQueuedJobEndsItAtOnceWhileClaimingIsPaused() throws Exception {
    TestBackend engine = TestBackend.echo();
    runtime = builder(engine).build();
    runtime.pause();
    JobHandle h = runtime.submit(cpu(pdf("a.pdf")));
    assertEquals(JobState.QUEUED, h.state());
    assertEquals(JobState.CANCELED, runtime.cancel(h.id()).state());
    assertEquals("canceled", failure(h).code());
    runtime.resume();
    assertEquals(0, engine.calls());
  }

  @Test
  void aHungEngineTimesOutOnTheInjectedClockAndTheWorkerLivesOn() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (in.source().name().equals("hang.pdf")) {
                started.countDown();
                // Ignores cancellation and interrupts: a truly stuck engine.
                while (release.getCount() > 0) {
                  try {
                    release.await();
                  } catch (InterruptedException ignored) {
                    // keep hanging
                  }
                }
              }
              return BackendOutput.onCpu("ok", 1);
            });
    // The reaper is off: this test is about the worker's own deadline, and a clock jump past
    // the stale threshold would let the reaper end the job first (as it should).
    runtime =
        builder(engine)
            .clock(clock)
            .workers(1)
            .maxAttempts(1)
            .reaperInterval(Duration.ZERO)
            .build();
    try {
      JobHandle hung =
          runtime.submit(
              ConversionRequest.builder(pdf("hang.pdf"))
                  .policy(Policy.CPU_ONLY)
                  .limits(Limits.DEFAULTS.withDeadline(Duration.ofMinutes(1)))
                  .build());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      clock.advance(Duration.ofMinutes(2));
      assertEquals("timeout", failure(hung).code());
      // The only worker is free again.
      assertEquals("ok\n", runtime.convert(cpu(pdf("next.pdf"))).markdown());
    } finally {
      release.countDown();
    }
  }

  @Test
  void anEngineWithoutProgressIsStoppedAsStalled() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    CountDownLatch started = new CountDownLatch(1);
    TestBackend silent = runsUntilCanceled(started);
    runtime =
        builder(silent)
            .clock(clock)
            .maxAttempts(1)
            .reaperInterval(Duration.ZERO)
            .stallWindow(Duration.ofSeconds(120))
            .build();
    JobHandle h = runtime.submit(cpu(pdf("a.pdf")));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    clock.advance(Duration.ofSeconds(121));
    assertEquals("stalled", failure(h).code());
  }

  @Test
  void runningJobsHeartbeatWithProgressAndPhases() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    CountDownLatch progressed = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              ctx.phase("parse");
              ctx.phase("layout");
              ctx.progress(3, 7);
              progressed.countDown();
              try {
                finish.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return BackendOutput.onCpu("done", 7);
            });
    runtime = builder(engine).clock(clock).build();
    JobHandle h = runtime.submit(cpu(pdf("a.pdf")));
    assertTrue(progressed.await(30, TimeUnit.SECONDS));
    clock.advance(Duration.ofSeconds(6));
    Await.until(
        "a heartbeat carries the progress",
        () -> {
          JobSnapshot j = runtime.job(h.id());
          return j.progress() != null && j.progress().pagesDone() == 3;
        });
    JobSnapshot running = runtime.job(h.id());
    assertEquals(clock.instant(), running.heartbeatAt());
    assertEquals("layout", running.progress().phase());
    assertEquals(7, running.progress().pagesTotal());
    assertTrue(running.phaseTimings().containsKey("parse"));
    StatusSnapshot status = runtime.status();
    assertEquals(1, status.running().size());
    assertEquals(h.id(), status.running().get(0).id());
    finish.countDown();
    assertEquals(7, h.result().get(30, TimeUnit.SECONDS).pages());
  }

  @Test
  void closeReleasesRunningJobsForAnotherWorker() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TestBackend blocking = runsUntilCanceled(started);
    runtime = builder(blocking).build();
    JobHandle h = runtime.submit(cpu(pdf("a.pdf")));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    runtime.close();
    runtime = builder(TestBackend.echo()).build();
    JobSnapshot job = runtime.job(h.id());
    assertTrue(
        job.state() == JobState.QUEUED
            || job.state() == JobState.RUNNING
            || job.state() == JobState.SUCCEEDED,
        job.toString());
    assertEquals(
        "# a.pdf\n\nconverted\n",
        runtime.handle(h.id()).result().get(30, TimeUnit.SECONDS).markdown());
    assertEquals(1, runtime.job(h.id()).attempt(), "a released attempt is not counted");
  }

  @Test
  void badRequestsAreInvalidRequestAndCreateNoJob() throws Exception {
    runtime = builder(TestBackend.echo()).build();
    InvalidRequestException missing =
        assertThrows(
            InvalidRequestException.class, () -> runtime.submit(cpu(dir.resolve("nope.pdf"))));
    assertEquals("invalid_request", missing.code());
    assertThrows(
        InvalidRequestException.class,
        () -> runtime.submit(ConversionRequest.builder(pdf("a.pdf")).engine("docling").build()));
    assertThrows(
        InvalidRequestException.class,
        () -> ConversionRequest.builder(pdf("b.pdf")).engine("Bad Id!").build());
    assertEquals(
        "job_not_found",
        assertThrows(ConversionException.class, () -> runtime.result(JobId.of("0".repeat(26))))
            .code());
    assertEquals(0, runtime.status().counts().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void builderRejectsInconsistentSettings() {
    assertThrows(
        ConfigurationException.class,
        () ->
            builder()
                .heartbeatInterval(Duration.ofSeconds(5))
                .staleAfter(Duration.ofSeconds(14))
                .build());
    assertThrows(ConfigurationException.class, () -> ConvertALot.builder().build());
    assertThrows(ConfigurationException.class, () -> builder().workers(-1));
    assertThrows(ConfigurationException.class, () -> builder().namespace("Bad Namespace"));
    assertThrows(
        ConfigurationException.class,
        () -> builder(TestBackend.echo(), TestBackend.echo()).build());
    assertThrows(
        ConfigurationException.class,
        () -> builder(TestBackend.echo()).engineConcurrency("nope", 1).build());
  }

  @Test
  void listenersSeeEveryStateAndProgress() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    JobListener listener =
        new JobListener() {
          @Override
          public void onStateChange(JobSnapshot job) {
            events.add(job.state().name());
          }

          @Override
          public void onProgress(JobId id, Progress progress) {
            events.add("progress " + progress.pagesDone() + "/" + progress.pagesTotal());
          }
        };
    runtime = builder(TestBackend.echo()).listener(listener).build();
    runtime.convert(cpu(pdf("a.pdf")));
    Await.until("SUCCEEDED is reported", () -> events.contains("SUCCEEDED"));
    assertEquals(List.of("QUEUED", "RUNNING", "progress 1/1", "SUCCEEDED"), events);
  }

  @Test
  void statusIsJsonSerializable() throws Exception {
    runtime = builder(TestBackend.echo()).build();
    runtime.convert(cpu(pdf("a.pdf")));
    String json = new Json().status(runtime.status());
    JsonNode n = new ObjectMapper().readTree(json);
    assertEquals(1, n.get("counts").get("succeeded").asInt());
    assertEquals("test-cpu", n.get("engines").get(0).get("id").asText());
    assertTrue(n.get("engines").get(0).get("probe").get("available").asBoolean());
    assertNotNull(n.get("library_version").asText());
    assertEquals(1, n.get("counters").get("pages_converted").asInt());
  }

  @Test
  void aBrokenServiceProviderIsReportedAndSkipped() throws Exception {
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve("org.convertalot.api.backend.ConversionBackendProvider"),
        "org.example.DoesNotExist\n",
        StandardCharsets.UTF_8);
    ClassLoader loader =
        new java.net.URLClassLoader(
            new java.net.URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
    runtime = builder(TestBackend.echo()).serviceLoader(true).classLoader(loader).build();
    StatusSnapshot status = runtime.status();
    assertEquals(1, status.brokenProviders().size(), status.brokenProviders().toString());
    assertTrue(status.brokenProviders().get(0).contains("DoesNotExist"));
    assertEquals("# a.pdf\n\nconverted\n", runtime.convert(cpu(pdf("a.pdf"))).markdown());
  }

  @Test
  void theResultFutureSettlesForJobsFinishedByAnotherRuntime() throws Exception {
    try (ConversionRuntime submitter = builder(TestBackend.echo()).workers(0).build()) {
      JobHandle h = submitter.submit(cpu(pdf("a.pdf")));
      runtime = builder(TestBackend.echo()).build();
      assertEquals("# a.pdf\n\nconverted\n", h.result().get(30, TimeUnit.SECONDS).markdown());
    }
    Map<JobState, Long> counts = runtime.status().counts();
    assertEquals(1L, counts.get(JobState.SUCCEEDED));
  }
}

package org.convertalot.core.runtime;

import static org.convertalot.core.testing.TestRuntimes.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Device;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.Progress;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine SPI a worker-process or GPU engine needs, end to end on the runtime: stop pushed to
 * the engine, permits that follow the engine call, the device in the manifest, concurrency after
 * the probe, re-probe after a device failure, options checked at submit, guarded registration and
 * engine priority.
 */
class EngineSpiTest {
  @TempDir Path dir;
  private ConversionRuntime runtime;

  @AfterEach
  void closeRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private ConvertALot.Builder builder(ConversionBackend... backends) {
    return TestRuntimes.builder(dir, backends);
  }

  private Path pdf(String name) throws Exception {
    return TestRuntimes.fakePdf(dir, name);
  }

  /** A GPU engine whose probe finds the given devices. */
  private static final class FakeGpuEngine extends TestBackend {
    final AtomicInteger probes = new AtomicInteger();
    volatile int devices;

    FakeGpuEngine(int devices, BiFunction<BackendInput, BackendContext, BackendOutput> convert) {
      super(
          "fake-gpu",
          Set.of(Acceleration.CUDA, Acceleration.CPU),
          ProbeResult.cpuAvailable("replaced by probe()"),
          convert);
      this.devices = devices;
    }

    @Override
    public ProbeResult probe() {
      probes.incrementAndGet();
      List<GpuDevice> found =
          java.util.stream.IntStream.range(0, devices)
              .mapToObj(i -> new GpuDevice(i, "Fake GPU " + i, 1L << 34))
              .toList();
      return found.isEmpty()
          ? ProbeResult.unavailable(
              Acceleration.CUDA, org.convertalot.api.backend.ProbeCause.NO_DEVICE, "no device")
          : ProbeResult.gpuAvailable(Acceleration.CUDA, found, "13.0");
    }
  }

  @Test
  void theEngineIsToldAtOnceWhyItMustStop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<StopReason> told = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              // Blocks like a thread reading a worker process: only the listener can free it.
              ctx.onStop(
                  reason -> {
                    told.set(reason);
                    stopped.countDown();
                  });
              started.countDown();
              awaitUninterruptibly(stopped);
              ctx.throwIfStopped();
              throw new AssertionError("throwIfStopped must throw once stopped");
            });
    runtime = builder(engine).build();
    JobHandle h = runtime.submit(ConversionRequest.builder(pdf("a.pdf")).build());
    assertTrue(started.await(30, TimeUnit.SECONDS));
    runtime.cancel(h.id());
    assertEquals("canceled", failure(h).code());
    assertEquals(StopReason.CANCELED, told.get());
    assertEquals(JobState.CANCELED, runtime.job(h.id()).state());
  }

  @Test
  void aCallTheRuntimeGaveUpOnKeepsItsPermitUntilItReturns() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    CountDownLatch hung = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    TestBackend engine =
        new TestBackend(
            "one-at-a-time",
            Set.of(Acceleration.CPU),
            ProbeResult.cpuAvailable("test"),
            (in, ctx) -> {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                if (in.source().name().equals("hang.pdf")) {
                  hung.countDown();
                  awaitUninterruptibly(release); // ignores every stop: a truly stuck call
                }
                return BackendOutput.onCpu("ok " + in.source().name(), 1);
              } finally {
                inFlight.decrementAndGet();
              }
            });
    engine.concurrency = 1;
    runtime =
        builder(engine)
            .clock(clock)
            .maxAttempts(1)
            .reaperInterval(Duration.ZERO)
            .heartbeatInterval(Duration.ofSeconds(1))
            .build();
    try {
      JobHandle first =
          runtime.submit(
              ConversionRequest.builder(pdf("hang.pdf"))
                  .limits(Limits.DEFAULTS.withDeadline(Duration.ofMinutes(1)))
                  .build());
      assertTrue(hung.await(30, TimeUnit.SECONDS));
      clock.advance(Duration.ofMinutes(2));
      assertEquals("timeout", failure(first).code());
      // The runtime gave up on the call, but the call still holds the engine's only permit.
      JobHandle second = runtime.submit(ConversionRequest.builder(pdf("next.pdf")).build());
      // Its heartbeats (one per second of the test's clock) say it waits for the engine.
      Await.until(
          "the next job waits for the engine",
          () -> {
            clock.advance(Duration.ofSeconds(1));
            Progress p = runtime.job(second.id()).progress();
            return p != null && p.phase().equals("wait_for_engine");
          });
      assertEquals(JobState.RUNNING, runtime.job(second.id()).state());
      release.countDown();
      assertEquals("ok next.pdf\n", second.result().get(30, TimeUnit.SECONDS).markdown());
      assertEquals(1, maxInFlight.get(), "never two calls at once on a one-permit engine");
    } finally {
      release.countDown();
    }
  }

  @Test
  void theDeviceTheEngineUsedIsInTheManifest() throws Exception {
    FakeGpuEngine gpu =
        new FakeGpuEngine(
            2,
            (in, ctx) ->
                new BackendOutput(
                    "on gpu", 1, Acceleration.CUDA, Device.gpu(Acceleration.CUDA, 1, "Fake GPU")));
    runtime = builder(gpu).build();
    ConversionResult r =
        runtime.convert(
            ConversionRequest.builder(pdf("a.pdf")).policy(Policy.GPU_REQUIRED).build());
    assertEquals(new Device("cuda:1", "Fake GPU"), r.manifest().device());
    assertEquals(Acceleration.CUDA, r.manifest().accelerationUsed());
    // Read back from the store, not only from memory.
    assertEquals(new Device("cuda:1", "Fake GPU"), runtime.job(r.jobId()).manifest().device());
  }

  @Test
  void aCpuRunIsRecordedOnTheCpuDevice() throws Exception {
    runtime = builder(TestBackend.echo()).build();
    ConversionResult r =
        runtime.convert(ConversionRequest.builder(pdf("a.pdf")).policy(Policy.CPU_ONLY).build());
    assertEquals(Device.CPU, runtime.job(r.jobId()).manifest().device());
  }

  @Test
  void concurrencyIsDecidedAfterTheProbeOnePerDevice() throws Exception {
    FakeGpuEngine gpu = new FakeGpuEngine(3, (in, ctx) -> BackendOutput.onCpu("x", 1));
    runtime = builder(gpu).workers(4).build();
    StatusSnapshot.EngineStatus status = runtime.status().engines().get(0);
    assertEquals(3, status.probe().devices().size());
    assertEquals(3, status.concurrency(), "one conversion per GPU found");
  }

  @Test
  void theConcurrencyShownIsWhatTheWorkersCanReach() throws Exception {
    TestBackend cpu = TestBackend.echo();
    cpu.concurrency = 1024;
    runtime = builder(cpu).workers(3).build();
    assertEquals(3, runtime.status().engines().get(0).concurrency());
  }

  @Test
  void aDeviceFailureProbesTheEngineAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FakeGpuEngine[] self = new FakeGpuEngine[1];
    FakeGpuEngine gpu =
        new FakeGpuEngine(
            1,
            (in, ctx) -> {
              calls.incrementAndGet();
              self[0].devices = 0; // the GPU fell off the bus
              throw new GpuNotAvailableException(
                  "device lost", Map.of("reason", "backend_gpu_runtime_unavailable"), null, 0);
            });
    self[0] = gpu;
    runtime = builder(gpu).build();
    JobHandle h =
        runtime.submit(ConversionRequest.builder(pdf("a.pdf")).policy(Policy.GPU_REQUIRED).build());
    assertEquals("gpu_not_available", failure(h).code());
    int probesAfterFailure = gpu.probes.get();
    JobHandle next =
        runtime.submit(ConversionRequest.builder(pdf("b.pdf")).policy(Policy.GPU_REQUIRED).build());
    ConversionException e = failure(next);
    assertEquals("gpu_not_available", e.code());
    assertEquals("no_device", e.details().get("probe_cause"), "the new probe's cause");
    assertTrue(gpu.probes.get() > probesAfterFailure, "probed again after the device failure");
    assertEquals(1, calls.get(), "the second job never reached the lost device");
  }

  @Test
  void optionsAreCheckedAtSubmitAndBadOnesCreateNoJob() throws Exception {
    TestBackend engine =
        new TestBackend(
            "opt",
            Set.of(Acceleration.CPU),
            ProbeResult.cpuAvailable("test"),
            (in, ctx) -> BackendOutput.onCpu("mode " + in.options().get("opt.mode"), 1));
    engine.options = List.of(EngineOption.choice("opt.mode", "a mode", "fast", "fast", "slow"));
    runtime = builder(engine).build();
    Path a = pdf("a.pdf");
    InvalidRequestException unknown =
        assertThrows(
            InvalidRequestException.class,
            () -> runtime.submit(ConversionRequest.builder(a).option("opt.speed", "1").build()));
    assertEquals("opt.speed", unknown.details().get("option"));
    assertTrue(unknown.getMessage().contains("opt.mode"), unknown.getMessage());
    InvalidRequestException badValue =
        assertThrows(
            InvalidRequestException.class,
            () -> runtime.submit(ConversionRequest.builder(a).option("opt.mode", "warp").build()));
    assertEquals("warp", badValue.details().get("value"));
    InvalidRequestException noEngine =
        assertThrows(
            InvalidRequestException.class,
            () -> runtime.submit(ConversionRequest.builder(a).option("other.x", "1").build()));
    assertEquals("other.x", noEngine.details().get("option"));
    assertEquals(0, runtime.list(org.convertalot.api.PageRequest.first(10)).jobs().size());
    assertEquals(
        "mode slow\n",
        runtime
            .convert(ConversionRequest.builder(a).option("opt.mode", "slow").build())
            .markdown());
  }

  @Test
  void anEngineThatCannotDescribeItselfIsListedAsBrokenAndSkipped() throws Exception {
    TestBackend broken =
        new TestBackend(
            "broken",
            Set.of(Acceleration.CPU),
            ProbeResult.cpuAvailable("test"),
            (in, ctx) -> null) {
          @Override
          public BackendCapabilities capabilities() {
            throw new IllegalStateException("no capabilities today");
          }
        };
    runtime = builder(broken, TestBackend.echo()).build();
    StatusSnapshot status = runtime.status();
    assertEquals(List.of("test-cpu"), status.engines().stream().map(e -> e.id()).toList());
    assertEquals(1, status.brokenProviders().size());
    assertTrue(status.brokenProviders().get(0).contains("no capabilities today"));
    assertEquals(
        "# a.pdf\n\nconverted\n",
        runtime.convert(ConversionRequest.builder(pdf("a.pdf")).build()).markdown());
  }

  @Test
  void theInputIsCheckedOnceBeforeAnyEngine() throws Exception {
    TestBackend engine = TestBackend.echo();
    runtime = builder(engine).build();
    Path notPdf = Files.writeString(dir.resolve("notes.pdf"), "just some notes, no header");
    JobHandle h = runtime.submit(ConversionRequest.builder(notPdf).build());
    ConversionException e = failure(h);
    assertEquals("invalid_input", e.code());
    assertEquals("not_a_pdf", e.details().get("reason"));
    assertEquals(0, engine.calls(), "the engine never saw it");
    assertFalse(e.retryable());
  }

  @Test
  void aPdfHeaderCountsWithinTheFirstKilobyteOnly() throws Exception {
    TestBackend engine = TestBackend.echo();
    runtime = builder(engine).build();
    byte[] body = "%PDF-1.4 fake body".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Path early = Files.write(dir.resolve("early.pdf"), padded(100, body));
    Path late = Files.write(dir.resolve("late.pdf"), padded(1024, body));
    assertEquals(
        "# early.pdf\n\nconverted\n",
        runtime.convert(ConversionRequest.builder(early).build()).markdown());
    ConversionException e = failure(runtime.submit(ConversionRequest.builder(late).build()));
    assertEquals("not_a_pdf", e.details().get("reason"));
    assertEquals(1, engine.calls());
  }

  @Test
  void aSourceChangedSinceSubmitIsCorruptAndNeverConverted() throws Exception {
    TestBackend engine = TestBackend.echo();
    runtime = builder(engine).workers(0).build();
    Path a = pdf("a.pdf");
    JobHandle h = runtime.submit(ConversionRequest.builder(a).build());
    Files.writeString(a, "%PDF-1.4 other bytes now");
    runtime.close();
    runtime = builder(engine).build();
    ConversionException e = failure(runtime.handle(h.id()));
    assertEquals("corrupt", e.details().get("reason"));
    assertEquals("source_changed", e.details().get("detail"));
    assertEquals(0, engine.calls());
  }

  private static byte[] padded(int spaces, byte[] body) {
    byte[] out = new byte[spaces + body.length];
    java.util.Arrays.fill(out, 0, spaces, (byte) ' ');
    System.arraycopy(body, 0, out, spaces, body.length);
    return out;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException ignored) {
        // keep waiting: the point is that only the latch frees this thread
      }
    }
  }
}

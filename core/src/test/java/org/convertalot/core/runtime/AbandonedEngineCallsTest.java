package org.convertalot.core.runtime;

import static org.convertalot.core.testing.TestRuntimes.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.Progress;
import org.convertalot.api.StatusSnapshot.EngineStatus;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.Json;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines that ignore interrupts and stop requests (issue 15, item 3): each call the runtime gave
 * up on that still runs 30 s later is counted as abandoned in the engine's status; with two of them
 * (or all its permits) the engine is unhealthy, and jobs fail with {@code backend_unavailable} at
 * once instead of queueing behind threads that never come back; once the calls return, the engine
 * is healthy again. The clock is the test's, so nothing waits for time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AbandonedEngineCallsTest {
  private static final Duration PAST_THE_GRACE = Duration.ofSeconds(31);

  @TempDir Path dir;
  private ConversionRuntime runtime;
  private final MutableClock clock = MutableClock.atEpochDay();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger stuck = new AtomicInteger();

  @AfterEach
  void close() {
    release.countDown();
    if (runtime != null) {
      runtime.close();
    }
  }

  /** Hangs on {@code stuck-*} files whatever the runtime says, until the test releases it. */
  private TestBackend ignoresStops() {
    return TestBackend.cpu(
        (in, ctx) -> {
          String name = in.source().name();
          if (name.startsWith("stuck")) {
            stuck.incrementAndGet();
            boolean released = false;
            while (!released) {
              try {
                released = release.await(1, TimeUnit.DAYS);
              } catch (InterruptedException ignored) {
                // A truly stuck call: interrupts change nothing.
              }
            }
          }
          ctx.progress(1, 1);
          return BackendOutput.onCpu("ok " + name, 1);
        });
  }

  private ConversionRuntime start(TestBackend engine) {
    // The reaper is off: a clock jump past the stale threshold would let it end jobs first.
    return TestRuntimes.builder(dir, engine)
        .clock(clock)
        .maxAttempts(1)
        .reaperInterval(Duration.ZERO)
        .heartbeatInterval(Duration.ofSeconds(1))
        .build();
  }

  private ConversionRequest request(String name) throws Exception {
    return ConversionRequest.builder(TestRuntimes.fakePdf(dir, name))
        .policy(Policy.CPU_ONLY)
        .limits(Limits.DEFAULTS.withDeadline(Duration.ofMinutes(1)))
        .build();
  }

  /** Submits a stuck job, lets it pass its deadline: the runtime gives up on the call. */
  private void timeOut(String name) throws Exception {
    int before = stuck.get();
    JobHandle h = runtime.submit(request(name));
    Await.until("the call hangs", () -> stuck.get() == before + 1);
    clock.advance(Duration.ofMinutes(2));
    assertEquals("timeout", failure(h).code());
  }

  private Map<String, String> diagnostics() {
    EngineStatus engine = runtime.status().engines().get(0);
    return engine.diagnostics();
  }

  @Test
  void anEngineWhoseCallsIgnoreStopsIsUnhealthyUntilTheyReturn() throws Exception {
    TestBackend engine = ignoresStops();
    runtime = start(engine);

    timeOut("stuck-1.pdf");
    // Just given up: the call may still be on its way back.
    assertEquals("1", diagnostics().get(EngineStatus.CALLS_RUNNING));
    assertEquals("0", diagnostics().get(EngineStatus.ABANDONED_CALLS));
    clock.advance(PAST_THE_GRACE);
    assertEquals("1", diagnostics().get(EngineStatus.ABANDONED_CALLS));
    assertTrue(runtime.status().engines().get(0).healthy(), "one abandoned call is tolerated");

    timeOut("stuck-2.pdf");
    clock.advance(PAST_THE_GRACE);
    EngineStatus sick = runtime.status().engines().get(0);
    assertEquals("2", sick.diagnostics().get(EngineStatus.ABANDONED_CALLS));
    assertEquals("false", sick.diagnostics().get(EngineStatus.HEALTHY));
    assertFalse(sick.healthy());
    assertTrue(
        sick.diagnostics().get(EngineStatus.UNHEALTHY_REASON).contains("ignores interrupts"),
        sick.diagnostics().toString());
    JsonNode json = new ObjectMapper().readTree(new Json().status(runtime.status()));
    JsonNode diagnostics = json.get("engines").get(0).get("diagnostics");
    assertEquals("2", diagnostics.get("abandoned_calls").asText());
    assertEquals("false", diagnostics.get("healthy").asText());

    // No third thread is spent: the job fails at once, typed, without calling the engine.
    JobHandle refused = runtime.submit(request("next.pdf"));
    ConversionException e = failure(refused);
    assertEquals("backend_unavailable", e.code());
    assertEquals("engine_unhealthy", e.details().get("reason"));
    assertEquals("test-cpu", e.details().get("engine"));
    assertEquals("2", e.details().get("abandoned_calls"));
    assertEquals(2, engine.calls());

    release.countDown();
    Await.until(
        "the abandoned calls return",
        () -> "0".equals(diagnostics().get(EngineStatus.CALLS_RUNNING)));
    assertEquals("0", diagnostics().get(EngineStatus.ABANDONED_CALLS));
    assertEquals("2", diagnostics().get(EngineStatus.ABANDONED_CALLS_TOTAL));
    assertEquals("true", diagnostics().get(EngineStatus.HEALTHY));
    assertEquals("ok after.pdf\n", runtime.convert(request("after.pdf")).markdown());
  }

  @Test
  void aCallThatReturnsWhenStoppedIsNeverAbandoned() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              started.countDown();
              while (!ctx.shouldStop()) {
                Thread.onSpinWait();
              }
              ctx.throwIfStopped();
              return BackendOutput.onCpu("not reached", 1);
            });
    runtime = start(engine);
    JobHandle h = runtime.submit(request("a.pdf"));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    runtime.cancel(h.id());
    assertEquals("canceled", failure(h).code());
    Await.until(
        "the call returned", () -> "0".equals(diagnostics().get(EngineStatus.CALLS_RUNNING)));
    clock.advance(PAST_THE_GRACE);
    assertEquals("0", diagnostics().get(EngineStatus.ABANDONED_CALLS_TOTAL));
    assertEquals("true", diagnostics().get(EngineStatus.HEALTHY));
  }

  @Test
  void aOnePermitEngineIsUnhealthyWithOneAbandonedCallAndItsWaitingJobFailsTyped()
      throws Exception {
    TestBackend engine = ignoresStops();
    engine.concurrency = 1;
    runtime = start(engine);
    timeOut("stuck-1.pdf");
    // The stuck call holds the only permit: the next job waits for it...
    JobHandle waiting = runtime.submit(request("next.pdf"));
    Await.until(
        "the next job waits for the engine",
        () -> {
          Progress p = runtime.job(waiting.id()).progress();
          if (p == null || !p.phase().equals("wait_for_engine")) {
            clock.advance(Duration.ofSeconds(1));
            return false;
          }
          return true;
        });
    // ...until the call counts as abandoned: then it fails at once rather than at its deadline.
    clock.advance(PAST_THE_GRACE);
    ConversionException e = failure(waiting);
    assertEquals("backend_unavailable", e.code());
    assertEquals("engine_unhealthy", e.details().get("reason"));
    assertEquals("1", e.details().get("max_abandoned_calls"));
    assertEquals(1, engine.calls());
  }
}

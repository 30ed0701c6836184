package org.convertalot.core.runtime;

import static org.convertalot.core.testing.TestRuntimes.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobListener;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.FaultyStore;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's own threads survive any throwable (issue 15, item 2): an {@link OutOfMemoryError}
 * caused by one job's engine can surface in any thread that allocates, so the worker, heartbeat and
 * maintenance threads, listeners and the engine call each meet one here (thrown by a real file
 * store wrapped to throw once, by a listener, by an engine) and the runtime goes on: heartbeats
 * advance, the reaper keeps reaping, other jobs complete, the job that ran out of memory fails
 * typed after its attempts. {@link OutOfMemoryChildTest} does the same with a real heap.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThreadsSurviveErrorsTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path dir;
  private FaultyStore store;
  private ConversionRuntime runtime;

  @BeforeEach
  void openStore() {
    store =
        new FaultyStore(JobStores.openFileStore(dir.resolve("data"), "test", Clock.systemUTC()));
  }

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.close();
    }
    store.close();
  }

  private ConvertALot.Builder builder(TestBackend engine) {
    return ConvertALot.builder()
        .store(store)
        .tempRoot(dir.resolve("work"))
        .serviceLoader(false)
        .backend(engine)
        .workers(2)
        .pollInterval(Duration.ofMillis(10))
        .retryBackoff(Duration.ZERO, Duration.ZERO);
  }

  private ConversionRequest request(String name) throws Exception {
    return ConversionRequest.builder(TestRuntimes.fakePdf(dir, name))
        .policy(Policy.CPU_ONLY)
        .build();
  }

  private static OutOfMemoryError heapFull(String where) {
    return new OutOfMemoryError("Java heap space (injected into the " + where + ")");
  }

  @Test
  void anOutOfMemoryErrorInAHeartbeatLeavesTheHeartbeatThreadHeartbeating() throws Exception {
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              store.failNext("heartbeat", heapFull("heartbeat thread"));
              boolean hit = Await.within(BOUND, () -> store.thrown("heartbeat") == 1);
              int after = store.calls("heartbeat");
              boolean goesOn = Await.within(BOUND, () -> store.calls("heartbeat") >= after + 3);
              return BackendOutput.onCpu(
                  hit && goesOn ? "heartbeats went on" : "heartbeats stopped", 1);
            });
    runtime = builder(engine).heartbeatInterval(Duration.ofMillis(10)).build();
    JobHandle h = runtime.submit(request("a.pdf"));
    assertEquals("heartbeats went on\n", h.result().get(60, TimeUnit.SECONDS).markdown());
  }

  @Test
  void anOutOfMemoryErrorInTheReaperLeavesTheMaintenanceThreadReaping() throws Exception {
    store.failNext("reap", heapFull("maintenance thread"));
    runtime = builder(TestBackend.echo()).reaperInterval(Duration.ofMillis(10)).build();
    Await.until("the reaper met the error", () -> store.thrown("reap") == 1);
    int after = store.calls("reap");
    assertTrue(
        Await.within(BOUND, () -> store.calls("reap") >= after + 3),
        "the maintenance thread reaps again after the error");
    assertEquals("# a.pdf\n\nconverted\n", runtime.convert(request("a.pdf")).markdown());
  }

  @Test
  void anOutOfMemoryErrorInAClaimLeavesTheOnlyWorkerWorking() throws Exception {
    store.failNext("claim", heapFull("worker thread"));
    runtime = builder(TestBackend.echo()).workers(1).build();
    Await.until("the worker met the error", () -> store.thrown("claim") == 1);
    JobHandle h = runtime.submit(request("a.pdf"));
    assertEquals("# a.pdf\n\nconverted\n", h.result().get(60, TimeUnit.SECONDS).markdown());
  }

  @Test
  void anErrorFromAListenerDoesNotLeaveTheJobRunningForever() throws Exception {
    AtomicBoolean thrown = new AtomicBoolean();
    JobListener failing =
        new JobListener() {
          @Override
          public void onStateChange(JobSnapshot job) {
            if (job.state() == JobState.RUNNING && thrown.compareAndSet(false, true)) {
              throw heapFull("listener");
            }
          }
        };
    runtime = builder(TestBackend.echo()).listener(failing).build();
    JobHandle h = runtime.submit(request("a.pdf"));
    assertEquals("# a.pdf\n\nconverted\n", h.result().get(60, TimeUnit.SECONDS).markdown());
    assertTrue(thrown.get());
    assertEquals(0, runtime.status().running().size());
  }

  @Test
  void anEngineOutOfMemoryIsRetriedWithinItsAttemptsThenFailsTyped() throws Exception {
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (in.source().name().startsWith("hog")) {
                throw heapFull("engine");
              }
              ctx.progress(1, 1);
              return BackendOutput.onCpu("fine", 1);
            });
    runtime = builder(engine).maxAttempts(3).build();
    JobHandle hog = runtime.submit(request("hog.pdf"));
    ConversionException e = failure(hog);
    assertEquals("backend_failed", e.code());
    assertEquals("out_of_memory", e.details().get("reason"));
    assertTrue(e.retryable());
    JobSnapshot job = runtime.job(hog.id());
    assertEquals(JobState.FAILED, job.state());
    assertEquals(3, job.attempt());
    assertEquals(3, engine.calls());
    assertEquals("fine\n", runtime.convert(request("next.pdf")).markdown());
    assertEquals(3, runtime.status().counters().failed() + runtime.status().counters().retried());
  }

  @Test
  void anOutOfMemoryErrorWhileRecordingTheEndIsReapedAndRunAgain() throws Exception {
    AtomicBoolean first = new AtomicBoolean(true);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (first.getAndSet(false)) {
                store.failNext("fail", heapFull("worker thread, recording the failure"));
                throw new IllegalStateException("first attempt fails");
              }
              return BackendOutput.onCpu("second attempt", 1);
            });
    runtime =
        builder(engine)
            .heartbeatInterval(Duration.ofMillis(50))
            .staleAfter(Duration.ofMillis(300))
            .reaperInterval(Duration.ofMillis(20))
            .build();
    JobHandle h = runtime.submit(request("a.pdf"));
    assertEquals("second attempt\n", h.result().get(60, TimeUnit.SECONDS).markdown());
    assertEquals(1, store.thrown("fail"));
    assertEquals(2, runtime.job(h.id()).attempt());
    assertEquals(1, runtime.status().counters().reaped());
  }
}

package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.spi.JobInvariants;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liveness, sanitizing and integrity of a live runtime on real files. */
class ReliabilityTest {
  @TempDir Path dir;

  private Path pdf(String name) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "%PDF-1.4 " + name);
    return p;
  }

  private static ConversionRequest cpu(Path p) {
    return ConversionRequest.builder(p).policy(Policy.CPU_ONLY).build();
  }

  @Test
  void aSlowEngineOutlivesTheStaleThresholdBecauseTheRuntimeHeartbeats() throws Exception {
    long workMillis = 1_500;
    TestBackend slow =
        TestBackend.cpu(
            (in, ctx) -> {
              // Real work longer than five stale thresholds; it reports progress once, up front,
              // so only the heartbeat keeps the job alive.
              ctx.progress(0, 1);
              long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(workMillis);
              while (System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
              }
              return BackendOutput.onCpu("slow but alive", 1);
            });
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .dataRoot(dir.resolve("data"))
            .serviceLoader(false)
            .backend(slow)
            .workers(1)
            .heartbeatInterval(Duration.ofMillis(50))
            .staleAfter(Duration.ofMillis(250))
            .reaperInterval(Duration.ofMillis(20))
            .pollInterval(Duration.ofMillis(10))
            .build()) {
      ConversionResult r = runtime.convert(cpu(pdf("slow.pdf")));
      assertEquals(1, r.manifest().attempt(), "never reaped, never retried");
      assertEquals(0, runtime.status().counters().reaped());
      assertEquals(0, runtime.status().counters().leasesLost());
      assertEquals(1, slow.calls());
    }
  }

  @Test
  void impossibleStatesWrittenWhileRunningAreRepairedOnTheNextTickAndCounted() throws Exception {
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .dataRoot(dir.resolve("data"))
            .serviceLoader(false)
            .backend(TestBackend.echo())
            .reaperInterval(Duration.ofMillis(20))
            .pollInterval(Duration.ofMillis(10))
            .build()) {
      runtime.pause();
      JobHandle h = runtime.submit(cpu(pdf("a.pdf")));
      forgeOwnerOnQueuedRecord(dir.resolve("data"), h);
      Await.until(
          "the sanitizer repairs the record",
          () -> runtime.status().counters().impossibleStatesRepaired() == 1);
      JobSnapshot repaired = runtime.job(h.id());
      assertEquals(JobState.QUEUED, repaired.state());
      assertEquals(0, JobInvariants.violations(repaired).size(), repaired.toString());
      runtime.resume();
      assertEquals("# a.pdf\n\nconverted\n", h.result().get(30, TimeUnit.SECONDS).markdown());
    }
  }

  @Test
  void theSanitizerSweepCanBeSwitchedOff() throws Exception {
    Path data = dir.resolve("data");
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .dataRoot(data)
            .serviceLoader(false)
            .backend(TestBackend.echo())
            .sanitizer(false)
            .heartbeatInterval(Duration.ofMillis(50))
            .staleAfter(Duration.ofMillis(150))
            .reaperInterval(Duration.ofMillis(10))
            .pollInterval(Duration.ofMillis(10))
            .build()) {
      runtime.pause();
      JobHandle abandoned = runtime.submit(cpu(pdf("abandoned.pdf")));
      JobHandle forged = runtime.submit(cpu(pdf("forged.pdf")));
      try (JobStore other =
          JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
        forgeOwnerOnQueuedRecord(data, forged);
        // A run that never heartbeats: once the reaper has taken it back, a maintenance tick
        // has certainly run after the forgery.
        assertEquals(
            abandoned.id(), other.claim(new WorkerIdentity("gone", 1, "x")).orElseThrow().id());
      }
      Await.until(
          "a maintenance tick reaps the abandoned run",
          () -> runtime.status().counters().reaped() >= 1);
      assertEquals(0, runtime.status().counters().impossibleStatesRepaired());
      assertFalse(JobInvariants.violations(runtime.job(forged.id())).isEmpty());
    }
    // Reopening sanitizes regardless of the switch.
    try (ConversionRuntime reopened =
        ConvertALot.builder().dataRoot(data).serviceLoader(false).workers(0).build()) {
      assertEquals(1, reopened.status().counters().impossibleStatesRepaired());
    }
  }

  private static void forgeOwnerOnQueuedRecord(Path data, JobHandle h) throws Exception {
    Path record = data.resolve("jobs").resolve(h.id() + ".json");
    String json = Files.readString(record);
    // Written aside and moved over the record, as the store writes: the runtime's threads read
    // the record meanwhile, and a half-written one reads as gone.
    Path forged = data.getParent().resolve(h.id() + ".forged");
    Files.writeString(
        forged,
        json.replace(
            "\"state\":\"QUEUED\"",
            "\"state\":\"QUEUED\",\"run_id\":\"11111111-1111-1111-1111-111111111111\""));
    Files.move(forged, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertFalse(JobInvariants.violations(readBack(data, h)).isEmpty(), "the forgery took");
  }

  private static JobSnapshot readBack(Path data, JobHandle h) throws Exception {
    return new org.convertalot.core.store.spi.JobCodec()
        .read(Files.readAllBytes(data.resolve("jobs").resolve(h.id() + ".json")));
  }

  @Test
  void aSucceededJobWhoseArtifactVanishedIsFlaggedNeverRedoneOrHidden() throws Exception {
    Path data = dir.resolve("data");
    TestBackend engine = TestBackend.echo();
    ConversionResult done;
    try (ConversionRuntime runtime =
        ConvertALot.builder().dataRoot(data).serviceLoader(false).backend(engine).build()) {
      done = runtime.convert(cpu(pdf("a.pdf")));
    }
    Path artifactDir = data.resolve("artifacts").resolve(done.jobId().value());
    try (var files = Files.list(artifactDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    try (ConversionRuntime runtime =
        ConvertALot.builder().dataRoot(data).serviceLoader(false).backend(engine).build()) {
      assertEquals(1, runtime.status().counters().integrityViolations());
      assertEquals(JobState.SUCCEEDED, runtime.job(done.jobId()).state(), "not hidden");
      IntegrityViolationException e =
          assertThrows(IntegrityViolationException.class, () -> runtime.result(done.jobId()));
      assertEquals("integrity_violation", e.code());
      JobHandle again = runtime.submit(cpu(dir.resolve("a.pdf")));
      assertEquals(done.jobId(), again.id(), "not silently re-done");
      assertTrue(again.result().isCompletedExceptionally());
      assertEquals(1, engine.calls());
    }
  }
}

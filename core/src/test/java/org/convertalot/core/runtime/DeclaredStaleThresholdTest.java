package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobState;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime declares its stale threshold with every claim (issue 15, item 10), and a second runtime
 * on the same root with a much shorter threshold does not reap its live run.
 */
class DeclaredStaleThresholdTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aClaimCarriesTheRuntimesThresholdAndAnImpatientNeighbourLeavesTheRunAlone()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return BackendOutput.onCpu("# done\n", 1);
            });
    try (ConversionRuntime patient =
        TestRuntimes.builder(dir, engine)
            .workers(1)
            .heartbeatInterval(Duration.ofSeconds(20))
            .staleAfter(Duration.ofMinutes(2))
            .build()) {
      JobHandle h =
          patient.submit(ConversionRequest.builder(TestRuntimes.fakePdf(dir, "a.pdf")).build());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      assertEquals(Duration.ofMinutes(2), patient.job(h.id()).owner().staleAfter());
      // A neighbour that reaps after 300 ms without a heartbeat, on the same root; the patient
      // runtime heartbeats every 20 s, so its run goes unheartbeated here far longer than that.
      try (ConversionRuntime impatient =
          TestRuntimes.builder(dir, engine)
              .workers(0)
              .heartbeatInterval(Duration.ofMillis(100))
              .staleAfter(Duration.ofMillis(300))
              .build()) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < until) {
          assertEquals(JobState.RUNNING, impatient.job(h.id()).state());
          assertEquals(1, impatient.job(h.id()).attempt(), "no reap, no second claim");
          Thread.onSpinWait();
        }
      }
      release.countDown();
      assertEquals(1, h.result().get(30, TimeUnit.SECONDS).pages());
    }
  }
}

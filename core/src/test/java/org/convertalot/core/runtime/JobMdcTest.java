package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobListener;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.core.internal.runtime.JobMdc;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.RecordingLogs;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestJobs;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The MDC keys {@code job_id} and {@code run_id} are in place wherever the runtime works on a job:
 * in the engine's call (on the engine thread), and around every state change it announces, on the
 * submitting thread, the worker and the maintenance thread alike; and they are gone afterwards.
 */
class JobMdcTest {
  @TempDir Path dir;

  @Test
  void everyThreadThatWorksOnAJobCarriesItsIds() throws Exception {
    Map<String, String> inEngine = new ConcurrentHashMap<>();
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              inEngine.putAll(MDC.getCopyOfContextMap());
              return BackendOutput.onCpu("# mdc", 1);
            });
    List<String> seen = new CopyOnWriteArrayList<>();
    JobListener listener =
        new JobListener() {
          @Override
          public void onStateChange(JobSnapshot job) {
            seen.add(
                job.state()
                    + " "
                    + MDC.get(JobMdc.JOB_ID).equals(job.id().value())
                    + " "
                    + (job.state() == JobState.RUNNING
                        ? job.runId().equals(MDC.get(JobMdc.RUN_ID))
                        : "-"));
          }
        };
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine).listener(listener).build()) {
      ConversionResult result =
          runtime.convert(
              ConversionRequest.builder(TestRuntimes.fakePdf(dir, "a.pdf"))
                  .policy(Policy.CPU_ONLY)
                  .build());
      assertEquals(result.jobId().value(), inEngine.get(JobMdc.JOB_ID));
      assertEquals(result.manifest().runId(), inEngine.get(JobMdc.RUN_ID));
      assertEquals(List.of("QUEUED true -", "RUNNING true true", "SUCCEEDED true -"), seen);
      // The submitting thread keeps nothing.
      assertNull(MDC.get(JobMdc.JOB_ID));
    }
  }

  @Test
  void everyLineTheRuntimeLogsAboutAJobCarriesItsIdInTheMdc() throws Exception {
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (in.source().name().startsWith("bad")) {
                throw new InvalidInputException(InvalidInputReason.CORRUPT, "broken on purpose");
              }
              return BackendOutput.onCpu("# fine", 1);
            });
    List<String> ids = new ArrayList<>();
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine).build()) {
      for (String name : List.of("good.pdf", "bad.pdf")) {
        JobHandle h =
            runtime.submit(
                ConversionRequest.builder(TestRuntimes.fakePdf(dir, name))
                    .policy(Policy.CPU_ONLY)
                    .build());
        ids.add(h.id().value());
        h.result().handle((r, t) -> r).join();
      }
    }
    List<RecordingLogs.Event> aboutJobs =
        RecordingLogs.events().stream()
            .filter(e -> e.logger().startsWith("org.convertalot.core"))
            .filter(e -> ids.stream().anyMatch(id -> e.message().contains(id)))
            .toList();
    assertFalse(aboutJobs.isEmpty(), "the failed job is logged");
    for (RecordingLogs.Event e : aboutJobs) {
      String id = e.mdc().get(JobMdc.JOB_ID);
      assertTrue(id != null && e.message().contains(id), e.toString());
      assertTrue(e.mdc().containsKey(JobMdc.RUN_ID), e.toString());
    }
  }

  @Test
  void theReapersLineCarriesTheIdsOfTheRunItReaps() {
    MutableClock clock = MutableClock.atEpochDay();
    try (JobStore store = JobStores.openFileStore(dir.resolve("reap"), "test", clock)) {
      store.submit(TestJobs.job("stale.pdf"));
      JobSnapshot running = store.claim(TestJobs.WORKER).orElseThrow();
      clock.advance(Duration.ofMinutes(5));
      assertEquals(1, store.reap(Duration.ofSeconds(30)).size());
      RecordingLogs.Event reaping =
          RecordingLogs.events().stream()
              .filter(e -> e.message().startsWith("reaping job " + running.id()))
              .findFirst()
              .orElseThrow();
      assertEquals(running.id().value(), reaping.mdc().get(JobMdc.JOB_ID), reaping.toString());
      assertEquals(running.runId(), reaping.mdc().get(JobMdc.RUN_ID), reaping.toString());
      assertNull(MDC.get(JobMdc.JOB_ID), "put back after the line");
    }
  }

  @Test
  void aScopePutsBackWhatWasThere() {
    MDC.put(JobMdc.JOB_ID, "outer");
    try {
      try (JobMdc ignored = JobMdc.of("inner", "run-1")) {
        assertEquals("inner", MDC.get(JobMdc.JOB_ID));
        assertEquals("run-1", MDC.get(JobMdc.RUN_ID));
      }
      assertEquals("outer", MDC.get(JobMdc.JOB_ID));
      assertNull(MDC.get(JobMdc.RUN_ID));
    } finally {
      MDC.clear();
    }
  }
}

package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers complete stale-looking jobs while the reaper sweeps them, at the same time. Whoever takes
 * a job's lock first wins; the loser's write is refused. A completed job is never overwritten and a
 * reaped run never publishes.
 */
class ReaperRaceTest {
  private static final int JOBS = 150;

  @TempDir Path dir;

  @Test
  void completionAndReapingNeverBothWin() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    try (JobStore store = JobStores.openFileStore(dir, "race", clock)) {
      List<JobSnapshot> running = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        store.submit(TestJobs.job("r" + i));
        running.add(store.claim(TestJobs.WORKER).orElseThrow());
      }
      // Every run now looks dead to the reaper.
      clock.advance(Duration.ofMinutes(5));

      Set<JobId> completed = ConcurrentHashMap.newKeySet();
      Set<JobId> refused = ConcurrentHashMap.newKeySet();
      Set<JobId> reaped = ConcurrentHashMap.newKeySet();
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean workersDone = new AtomicBoolean();
      AtomicReference<Throwable> unexpected = new AtomicReference<>();
      Thread workers =
          new Thread(
              () -> {
                try {
                  await(start);
                  for (JobSnapshot job : running) {
                    try {
                      TestJobs.completeWith(store, job, "# " + job.id() + "\n");
                      completed.add(job.id());
                    } catch (LeaseLostException e) {
                      refused.add(job.id());
                    }
                  }
                } catch (Throwable t) {
                  unexpected.set(t);
                } finally {
                  // Also on an unexpected error, or the reaper would loop forever.
                  workersDone.set(true);
                }
              });
      Thread reaper =
          new Thread(
              () -> {
                await(start);
                while (!workersDone.get()) {
                  store.reap(Duration.ofSeconds(30)).forEach(j -> reaped.add(j.id()));
                }
              });
      workers.start();
      reaper.start();
      start.countDown();
      workers.join();
      reaper.join();

      assertNull(
          unexpected.get(), () -> "a run failed otherwise than lease_lost: " + unexpected.get());
      assertEquals(JOBS, completed.size() + refused.size());
      assertEquals(refused, reaped, "exactly the reaped runs were refused");
      assertTrue(
          completed.stream().noneMatch(reaped::contains), "no job both completed and reaped");
      for (JobSnapshot job : running) {
        JobSnapshot now = store.get(job.id());
        Path artifacts = dir.resolve("artifacts").resolve(job.id().value());
        if (completed.contains(job.id())) {
          assertEquals(JobState.SUCCEEDED, now.state());
          assertEquals(job.runId(), now.manifest().runId());
        } else {
          assertEquals(JobState.QUEUED, now.state());
          assertFalse(Files.exists(artifacts), "a reaped run published " + artifacts);
        }
      }
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      System.out.printf(
          "reaper race: %d completed, %d reaped and refused%n", completed.size(), refused.size());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

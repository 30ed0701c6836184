package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that opens a data root recovers it (removes what dead runs left, empty staging folders
 * among them) while other processes' runs are staging their artifacts: a live run must never lose
 * its staging folder to that and fail. Found by the cross-process race test, where four workers
 * start together.
 */
class RecoveryRaceTest {
  private static final int JOBS = 300;

  @TempDir Path dir;

  /**
   * The next job. A claim passes over jobs whose lock is busy, and the other store's recovery locks
   * each job in turn, so a claim can come back empty while jobs are queued: ask again.
   */
  private static JobSnapshot claim(JobStore store) {
    for (int tries = 0; tries < 1_000_000; tries++) {
      Optional<JobSnapshot> next = store.claim(TestJobs.WORKER);
      if (next.isPresent()) {
        return next.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no job could be claimed");
  }

  @Test
  void openingTheRootElsewhereNeverBreaksARunThatIsStaging() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    try (JobStore store = JobStores.openFileStore(dir, "race", clock)) {
      for (int i = 0; i < JOBS; i++) {
        store.submit(TestJobs.job("s" + i));
      }
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicInteger opens = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < JOBS; i++) {
                    JobSnapshot running = claim(store);
                    TestJobs.completeWith(store, running, "# " + running.id() + "\n");
                  }
                } catch (Throwable t) {
                  failure.set(t);
                } finally {
                  done.set(true);
                }
              });
      Thread opener =
          new Thread(
              () -> {
                try {
                  start.await();
                  while (!done.get()) {
                    try (JobStore other = JobStores.openFileStore(dir, "race", clock)) {
                      opens.incrementAndGet();
                    }
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              });
      worker.start();
      opener.start();
      start.countDown();
      worker.join();
      opener.join();

      assertNull(failure.get(), () -> "a run failed: " + failure.get());
      assertTrue(opens.get() > 0);
      assertEquals(JOBS, store.counts().getOrDefault(JobState.SUCCEEDED, 0L).intValue());
      assertTrue(store.verify().clean(), store.verify().violations().toString());
    }
  }
}

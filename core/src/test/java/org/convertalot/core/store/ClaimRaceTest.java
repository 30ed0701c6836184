package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.testing.TestJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariant O inside one JVM: 8 threads race for the same 200 jobs. */
class ClaimRaceTest {
  private static final int THREADS = 8;
  private static final int JOBS = 200;

  @TempDir Path dir;

  @Test
  void everyJobIsClaimedByExactlyOneRun() throws Exception {
    try (JobStore store = JobStores.openFileStore(dir, "race", Clock.systemUTC())) {
      Set<JobId> submitted = new HashSet<>();
      for (int i = 0; i < JOBS; i++) {
        submitted.add(store.submit(TestJobs.job("race-" + i)).job().id());
      }
      Map<JobId, String> winners = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> doubleClaims = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        WorkerIdentity me = new WorkerIdentity("race", t, "t" + t);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int mine = 0;
                  while (true) {
                    var claimed = store.claim(me);
                    if (claimed.isEmpty()) {
                      return mine;
                    }
                    JobSnapshot job = claimed.get();
                    String previous = winners.putIfAbsent(job.id(), job.runId());
                    if (previous != null) {
                      doubleClaims.add(job.id() + " by " + previous + " and " + job.runId());
                    }
                    TestJobs.completeWith(store, job, "# " + job.id() + "\n");
                    mine++;
                  }
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertEquals(List.of(), List.copyOf(doubleClaims));
      assertEquals(JOBS, total);
      assertEquals(submitted, winners.keySet());
      assertEquals(JOBS, store.counts().get(JobState.SUCCEEDED));
      for (JobId id : submitted) {
        JobSnapshot job = store.get(id);
        assertEquals(1, job.attempt());
        assertEquals(winners.get(id), job.manifest().runId());
      }
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      assertEquals(JOBS, report.artifactsChecked());
    }
  }
}

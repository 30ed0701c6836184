package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.convertalot.api.JobSnapshot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's claims walk the queue markers they listed before instead of listing the folder
 * on every claim; two stores on one root (as two processes are) still see each other's jobs.
 */
class FileJobStoreClaimQueueTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  @TempDir Path root;

  @Test
  void jobsAnotherStoreSubmittedAreClaimedWhenTheKeptOnesRunOut() {
    try (JobStore a = JobStores.openFileStore(root, "test", clock);
        JobStore b = JobStores.openFileStore(root, "test", clock)) {
      JobSnapshot first = a.submit(StoreJobs.job("first")).job();
      assertEquals(first.id(), a.claim(StoreJobs.WORKER).orElseThrow().id());
      JobSnapshot second = b.submit(StoreJobs.job("second")).job();
      // a kept nothing more, so it lists the folder again, without the clock moving.
      assertEquals(second.id(), a.claim(StoreJobs.WORKER).orElseThrow().id());
      assertTrue(a.claim(StoreJobs.WORKER).isEmpty());
      assertTrue(b.claim(StoreJobs.WORKER).isEmpty());
    }
  }

  @Test
  void aJobAnotherStoreRequeuedGetsItsPlaceBySequenceOnceTheListingIsOld() {
    try (JobStore a = JobStores.openFileStore(root, "test", clock);
        JobStore b = JobStores.openFileStore(root, "test", clock)) {
      JobSnapshot one = a.submit(StoreJobs.job("one")).job();
      a.submit(StoreJobs.job("two"));
      a.submit(StoreJobs.job("three"));
      a.submit(StoreJobs.job("four"));
      JobSnapshot runningOnB = b.claim(StoreJobs.WORKER).orElseThrow();
      assertEquals(one.id(), runningOnB.id());
      // a meets one RUNNING, drops it from what it keeps, and claims two.
      assertEquals("two", sourceName(a.claim(StoreJobs.WORKER).orElseThrow()));
      b.release(runningOnB.id(), runningOnB.runId());
      clock.advance(Duration.ofSeconds(1));
      // The listing is a second old: a lists again and finds one before three.
      assertEquals(one.id(), a.claim(StoreJobs.WORKER).orElseThrow().id());
      assertEquals("three", sourceName(a.claim(StoreJobs.WORKER).orElseThrow()));
    }
  }

  @Test
  void thousandsOfClaimsFromOneBacklogEachFindTheirJobInOrder() {
    try (JobStore store = JobStores.openFileStore(root, "test", clock)) {
      int jobs = 500;
      for (int i = 0; i < jobs; i++) {
        store.submit(StoreJobs.job("job-" + i));
      }
      long previous = -1;
      for (int i = 0; i < jobs; i++) {
        JobSnapshot claimed = store.claim(StoreJobs.WORKER).orElseThrow();
        assertTrue(claimed.sequence() > previous, "claims follow submit order");
        previous = claimed.sequence();
      }
      assertTrue(store.claim(StoreJobs.WORKER).isEmpty());
    }
  }

  private static String sourceName(JobSnapshot job) {
    return job.source().name().replaceFirst("\\.pdf$", "");
  }
}

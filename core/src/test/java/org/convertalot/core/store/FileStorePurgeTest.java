package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's purge: old ended jobs go with their artifacts and keys, in the states asked;
 * QUEUED and RUNNING jobs, and young ended ones, stay; the root recovers and verifies clean after.
 */
class FileStorePurgeTest {
  @TempDir Path dir;

  @Test
  void purgeRemovesOldEndedJobsInTheStatesAskedAndNothingElse() throws Exception {
    MutableClock clock = MutableClock.atEpochDay();
    try (JobStore store = JobStores.openFileStore(dir, "purge", clock)) {
      store.submit(TestJobs.job("succeeded"));
      JobSnapshot succeeded =
          TestJobs.completeWith(store, store.claim(TestJobs.WORKER).get(), "# ok");
      store.submit(TestJobs.job("failed"));
      JobSnapshot running = store.claim(TestJobs.WORKER).get();
      JobSnapshot failed =
          store.fail(
              running.id(),
              running.runId(),
              new ErrorInfo(ErrorCode.INVALID_INPUT, "bad", Map.of("reason", "corrupt"), false),
              null,
              null);
      assertEquals(JobState.FAILED, failed.state());
      JobSnapshot canceled = store.cancel(store.submit(TestJobs.job("canceled")).job().id());
      assertEquals(JobState.CANCELED, canceled.state());
      store.submit(TestJobs.job("running"));
      JobSnapshot stillRunning = store.claim(TestJobs.WORKER).get();
      JobSnapshot queued = store.submit(TestJobs.job("queued")).job();

      clock.advance(Duration.ofDays(2));
      assertEquals(0, store.purge(Duration.ofDays(3), EnumSet.allOf(JobState.class)), "too young");
      assertEquals(1, store.purge(Duration.ofDays(1), EnumSet.of(JobState.FAILED)));
      assertTrue(store.find(failed.id()).isEmpty());
      assertTrue(store.find(succeeded.id()).isPresent());
      assertEquals(2, store.purge(Duration.ofDays(1), EnumSet.allOf(JobState.class)));
      assertTrue(store.find(succeeded.id()).isEmpty());
      assertTrue(store.find(canceled.id()).isEmpty());
      assertEquals(JobState.RUNNING, store.find(stillRunning.id()).get().state());
      assertEquals(JobState.QUEUED, store.find(queued.id()).get().state());
      assertEquals(2, store.list(PageRequest.first()).jobs().size());

      // The purged SUCCEEDED job no longer holds its key: the same request is a new job.
      SubmitResult again = store.submit(TestJobs.job("succeeded"));
      assertTrue(again.created());
      assertFalse(again.job().id().equals(succeeded.id()));
    }
    try (Stream<Path> artifacts = Files.list(dir.resolve("artifacts"))) {
      assertEquals(0, artifacts.count(), "no artifact folder stays behind");
    }
    try (JobStore reopened = JobStores.openFileStore(dir, "purge", clock)) {
      assertTrue(reopened.verify().clean(), reopened.verify().toString());
      assertTrue(reopened.quarantined().isEmpty(), reopened.quarantined().toString());
      assertEquals(3, reopened.list(PageRequest.first()).jobs().size());
    }
  }

  @Test
  void aNegativeAgeIsRefused() {
    try (JobStore store = JobStores.openFileStore(dir, "purge", MutableClock.atEpochDay())) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class,
          () -> store.purge(Duration.ofSeconds(-1), EnumSet.of(JobState.FAILED)));
    }
  }
}

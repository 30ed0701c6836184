package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.DataRootConflictException;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.junit.jupiter.api.Test;

/** The file store: the conformance suite, plus what only a store on files can show. */
class FileJobStoreTest extends JobStoreContract {
  private Path dir;
  private Path root;

  /** The file store takes an injected clock; it only moves when a test moves it. */
  private final MutableClock clock = MutableClock.atEpochDay();

  @Override
  protected JobStore openStore(StoreScope scope) {
    dir = scope.tempDir();
    root = dir.resolve("root");
    return JobStores.openFileStore(root, "test", clock);
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }

  @Test
  void tamperedOrMissingArtifactsAreIntegrityViolations() throws Exception {
    JobSnapshot done = StoreJobs.completeWith(store, submitAndClaim("a"), "# original\n");
    Path artifact =
        root.resolve("artifacts").resolve(done.id().value()).resolve(done.runId() + ".artifact");
    assertTrue(Files.exists(artifact));
    Files.writeString(artifact, "# tampered\n");
    IntegrityViolationException e =
        assertThrows(IntegrityViolationException.class, () -> store.readArtifact(done.manifest()));
    assertEquals("integrity_violation", e.code());
    assertTrue(store.verify().violations().stream().anyMatch(v -> v.startsWith(done.id() + " S:")));
    Files.delete(artifact);
    assertThrows(IntegrityViolationException.class, () -> store.readArtifact(done.manifest()));
  }

  @Test
  void anotherNamespaceIsADataRootConflict() {
    DataRootConflictException e =
        assertThrows(
            DataRootConflictException.class, () -> JobStores.openFileStore(root, "prod", clock));
    assertEquals("data_root_conflict", e.code());
    assertEquals("prod", e.details().get("expected"));
    assertEquals("test", e.details().get("found"));
  }

  @Test
  void aForeignNonEmptyFolderIsNotTakenOver() throws Exception {
    Path foreign = dir.resolve("photos");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("holiday.jpg"), "x");
    assertThrows(
        DataRootConflictException.class, () -> JobStores.openFileStore(foreign, "test", clock));
    assertEquals(Set.of(foreign.resolve("holiday.jpg")), Set.copyOf(listFiles(foreign)));
  }

  private static List<Path> listFiles(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  @Test
  void reopenRepairsImpossibleStatesAndCountsThem() throws Exception {
    JobSnapshot running = submitAndClaim("a");
    JobSnapshot queued = store.submit(StoreJobs.job("b")).job();
    store.close();
    // Forge records that break Q and R, as a buggy or older writer might have left them.
    Path jobs = root.resolve("jobs");
    String runningJson = Files.readString(jobs.resolve(running.id() + ".json"));
    Files.writeString(
        jobs.resolve(running.id() + ".json"), runningJson.replaceAll("\"run_id\":\"[^\"]+\",", ""));
    String queuedJson = Files.readString(jobs.resolve(queued.id() + ".json"));
    Files.writeString(
        jobs.resolve(queued.id() + ".json"),
        queuedJson.replace("\"state\":\"QUEUED\"", "\"state\":\"QUEUED\",\"run_id\":\"stale\""));

    store = JobStores.openFileStore(root, "test", clock);
    assertEquals(2, store.impossibleStatesRepaired());
    for (JobId id : List.of(running.id(), queued.id())) {
      JobSnapshot repaired = store.get(id);
      assertEquals(JobState.QUEUED, repaired.state());
      assertConsistent(repaired);
    }
    assertTrue(store.verify().clean(), () -> store.verify().violations().toString());
    Set<JobId> claimable = new HashSet<>();
    store.claim(StoreJobs.WORKER).ifPresent(j -> claimable.add(j.id()));
    store.claim(StoreJobs.WORKER).ifPresent(j -> claimable.add(j.id()));
    assertEquals(Set.of(running.id(), queued.id()), claimable);
  }

  @Test
  void reopenRemovesStagedArtifactsOfRunsThatNeverCompleted() throws Exception {
    JobSnapshot running = submitAndClaim("a");
    store.stage(running.id(), running.runId(), "half".getBytes(StandardCharsets.UTF_8));
    clock.advance(Duration.ofMinutes(5));
    store.reap(Duration.ofSeconds(30));
    store.close();
    store = JobStores.openFileStore(root, "test", clock);
    try (Stream<Path> s = Files.walk(root.resolve("staging"))) {
      assertEquals(List.of(root.resolve("staging")), s.toList());
    }
  }

  @Test
  void anArtifactPublishedByARunThatDiedBeforeItsRecordIsRemoved() throws Exception {
    // A worker renamed its staged file into place, then died before writing SUCCEEDED.
    JobSnapshot dead = submitAndClaim("a");
    Path orphan =
        root.resolve("artifacts").resolve(dead.id().value()).resolve(dead.runId() + ".artifact");
    Files.createDirectories(orphan.getParent());
    Files.writeString(orphan, "published, never recorded");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, store.reap(Duration.ofSeconds(30)).size());
    assertFalse(Files.exists(orphan), "the reaper removes what the dead run published");

    // The same, found on open instead: the record is left RUNNING by a crash of the whole machine.
    JobSnapshot second = store.claim(StoreJobs.WORKER).orElseThrow();
    Path leftover =
        root.resolve("artifacts")
            .resolve(second.id().value())
            .resolve(UUID.randomUUID() + ".artifact");
    Files.writeString(leftover, "from a run no record names");
    Path live =
        root.resolve("artifacts")
            .resolve(second.id().value())
            .resolve(second.runId() + ".artifact");
    Files.writeString(live, "the live run may still record it");
    store.close();
    store = JobStores.openFileStore(root, "test", clock);
    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(live), "the artifact of a run that may still complete stays");
  }

  @Test
  void jobIdsNeverBecomePathsOutsideTheRoot() {
    for (String bad : List.of("../../etc/passwd", "", "ABCDEFGHJKMNPQRSTVWXYZ0123", "a/b")) {
      assertThrows(InvalidRequestException.class, () -> JobId.of(bad), bad);
    }
  }

  @Test
  void publishingLeavesNothingStaged() throws Exception {
    StoreJobs.completeWith(store, submitAndClaim("a"), "# Title\n");
    try (Stream<Path> staged = Files.walk(root.resolve("staging"))) {
      assertEquals(1, staged.count(), "staging holds nothing after publish");
    }
  }

  @Test
  void aReapedRunLeavesNoArtifact() {
    JobSnapshot running = submitAndClaim("a");
    clock.advance(Duration.ofMinutes(1));
    store.reap(Duration.ofSeconds(30));
    assertThrows(LeaseLostException.class, () -> StoreJobs.completeWith(store, running, "late\n"));
    assertFalse(Files.exists(root.resolve("artifacts").resolve(running.id().value())));
  }
}

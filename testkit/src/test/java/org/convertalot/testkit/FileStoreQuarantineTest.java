package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corrupt or unexplained file in a data root is isolated, reported and never allowed to stop the
 * other jobs or to be deleted (issue 15, items 1 and 7). Each case damages a real record file the
 * way a disk, an editor or a crash would.
 */
class FileStoreQuarantineTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private JobStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private JobStore open() {
    store = JobStores.openFileStore(dir, "test", clock);
    return store;
  }

  private Path record(JobId id) {
    return dir.resolve("jobs").resolve(id.value() + ".json");
  }

  record Damage(String name, UnaryOperator<String> edit, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Damage> damages() {
    return List.of(
        new Damage("truncated", s -> s.substring(0, s.length() / 2), "not JSON"),
        new Damage("empty", s -> "", "empty job record"),
        new Damage("not JSON", s -> "\u0000\u0001garbage", "not JSON"),
        new Damage("a JSON array", s -> "[1,2]", "not a JSON object"),
        new Damage(
            "an unknown state",
            s -> s.replace("\"state\":\"SUCCEEDED\"", "\"state\":\"EXPLODED\""),
            "unknown value EXPLODED"),
        new Damage(
            "a SUCCEEDED record without its manifest",
            s -> s.replaceAll(",\"manifest\":\\{.*\\}\\}", "}").replace(",\"manifest\":null", ""),
            "S: SUCCEEDED job has no manifest"),
        new Damage(
            "a run id that is not a UUID",
            s -> s.replaceFirst("\"run_id\":\"[^\"]+\"", "\"run_id\":\"../../etc\""),
            "run id is not a UUID"),
        new Damage("a missing field", s -> s.replaceFirst("\"source\":", "\"sauce\":"), "missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void aCorruptRecordIsQuarantinedOnOpenAndEveryOtherJobGoesOn(Damage damage) throws Exception {
    open();
    JobSnapshot done = StoreJobs.completeWith(store, submitAndClaim("done"), "# done\n");
    JobSnapshot queued = store.submit(StoreJobs.job("queued")).job();
    store.close();
    String before = Files.readString(record(done.id()));
    String after = damage.edit().apply(before);
    assertNotEquals(before, after, "the damage changed the record");
    Files.writeString(record(done.id()), after);

    open();
    assertFalse(Files.exists(record(done.id())), "the record left the jobs folder");
    // The record, and the artifacts it no longer explains: both kept, neither deleted.
    List<QuarantinedFile> q = store.quarantined();
    assertEquals(
        List.of("jobs/" + done.id() + ".json", "artifacts/" + done.id()),
        q.stream().map(QuarantinedFile::original).toList());
    assertTrue(q.get(0).reason().contains(damage.reason()), q.get(0).reason());
    assertUserWorthy(q.get(0).reason());
    assertEquals(after, Files.readString(dir.resolve(q.get(0).path())), "kept byte for byte");
    assertEquals(Optional.empty(), store.find(done.id()));

    // Every other job goes on.
    JobSnapshot claimed = store.claim(StoreJobs.WORKER).orElseThrow();
    assertEquals(queued.id(), claimed.id());
    StoreJobs.completeWith(store, claimed, "# ok\n");
    assertEquals(1, store.counts().get(JobState.SUCCEEDED));

    VerifyReport report = store.verify();
    assertFalse(report.clean(), "verify reports the quarantined record");
    assertTrue(
        report.violations().stream().anyMatch(v -> v.contains(q.get(0).path())),
        report.violations().toString());
    // The source can be submitted again: its old job is gone, a new one is made.
    assertTrue(store.submit(StoreJobs.job("done")).created());
  }

  @Test
  void aQueuedRecordGarbledWhileWorkersClaimIsSkippedAtOnceNotRetriedForever() throws Exception {
    open();
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(store.submit(StoreJobs.job("j" + i)).job().id());
    }
    Files.writeString(record(ids.get(0)), "{\"format\":1,\"id\":");
    Files.writeString(record(ids.get(2)), "");
    List<JobId> claimed = new ArrayList<>();
    Optional<JobSnapshot> next;
    while ((next = store.claim(StoreJobs.WORKER)).isPresent()) {
      claimed.add(next.get().id());
      StoreJobs.completeWith(store, next.get(), "# x\n");
    }
    assertEquals(List.of(ids.get(1), ids.get(3), ids.get(4)), claimed);
    assertEquals(2, store.quarantined().size());
    assertTrue(store.idle(), "no queue marker of a quarantined job is left to poll");
  }

  @Test
  void aDamagedSequenceIsRebuiltAboveEveryNumberInUse() throws Exception {
    open();
    long highest = 0;
    for (int i = 0; i < 3; i++) {
      highest = Math.max(highest, store.submit(StoreJobs.job("s" + i)).job().sequence());
    }
    Files.writeString(dir.resolve("sequence"), "12ab\n");
    JobSnapshot next = store.submit(StoreJobs.job("after")).job();
    assertEquals(highest + 1, next.sequence());
    assertEquals("sequence", store.quarantined().get(0).original());
    assertEquals(4, store.list(PageRequest.first(10)).jobs().size());
  }

  @Test
  void aDeletedRecordsArtifactsAreQuarantinedNotDeleted() throws Exception {
    open();
    JobSnapshot done = StoreJobs.completeWith(store, submitAndClaim("a"), "# keep me\n");
    store.close();
    Files.delete(record(done.id()));
    Path artifacts = dir.resolve("artifacts").resolve(done.id().value());
    assertTrue(Files.isDirectory(artifacts));

    open();
    assertFalse(Files.exists(artifacts));
    List<QuarantinedFile> q = store.quarantined();
    assertEquals(1, q.size());
    assertEquals("artifacts/" + done.id(), q.get(0).original());
    Path kept = dir.resolve(q.get(0).path()).resolve(done.manifest().runId() + ".artifact");
    assertEquals("# keep me\n", Files.readString(kept, StandardCharsets.UTF_8));
    assertFalse(store.verify().clean(), "verify does not call this root OK");
  }

  @Test
  void aRunThatLostItsOwnerOnItsLastAttemptEndsFailedInsteadOfWedgingClaims() throws Exception {
    open();
    JobSnapshot job = store.submit(StoreJobs.job("last")).job();
    JobSnapshot other = store.submit(StoreJobs.job("other")).job();
    for (int attempt = 1; attempt <= StoreJobs.MAX_ATTEMPTS; attempt++) {
      JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
      assertEquals(job.id(), running.id());
      if (attempt < StoreJobs.MAX_ATTEMPTS) {
        clock.advance(Duration.ofMinutes(1));
        store.reap(Duration.ofSeconds(30));
      }
    }
    store.close();
    // The last run's record loses its owner, as an older writer might have left it.
    String json = Files.readString(record(job.id()));
    Files.writeString(record(job.id()), json.replaceFirst("\"owner\":\\{[^}]*\\},", ""));

    open();
    JobSnapshot repaired = store.get(job.id());
    assertEquals(JobState.FAILED, repaired.state());
    assertEquals("stalled", repaired.error().code().code());
    assertEquals(other.id(), store.claim(StoreJobs.WORKER).orElseThrow().id());
    assertEquals(Optional.empty(), store.claim(StoreJobs.WORKER));
  }

  private JobSnapshot submitAndClaim(String name) {
    store.submit(StoreJobs.job(name));
    return store.claim(StoreJobs.WORKER).orElseThrow();
  }

  private static void assertUserWorthy(String reason) {
    for (String internal :
        Set.of("Exception", "com.fasterxml", "org.convertalot", "at [Source", "Cannot invoke")) {
      assertFalse(reason.contains(internal), "reason shows internals: " + reason);
    }
  }
}

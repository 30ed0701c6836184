package org.convertalot.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.JobTotals;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.store.spi.JobInvariants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of the {@link JobStore} SPI: every transition, the rejected ones included,
 * with the contract's invariants checked on the way, and a model-based property that runs random
 * operation sequences against a plain model. Every store passes it unchanged: extend it, open your
 * store in {@link #openStore(StoreScope)} and move its time in {@link #advanceTime(Duration)}.
 * Depend on {@code convertalot-testkit} at test scope; it brings JUnit 5 and jqwik.
 */
public abstract class JobStoreContract implements CompleteWithContract {
  /** The store under test, open for the current test or property try. */
  protected JobStore store;

  private StoreScope scope;

  /**
   * Opens the store under test. Each test and each property try gets a new scope, whose store must
   * start empty; when the suite reopens the store it passes the same scope, and the store must show
   * the same data.
   *
   * @param scope the current test's scope: map it to fresh storage (a folder, a schema)
   * @return an open store
   */
  protected abstract JobStore openStore(StoreScope scope);

  /**
   * Moves the store's clock forward. A store on an injected clock advances it; a store on a
   * database clock may shift its notion of now (for example an offset added to {@code now()} in
   * every statement).
   *
   * @param amount how far
   */
  protected abstract void advanceTime(Duration amount);

  @BeforeEach
  @BeforeTry
  void openContractStore() {
    scope = new StoreScope();
    store = openStore(scope);
  }

  @AfterEach
  @AfterTry
  void closeContractStore() {
    try {
      store.close();
    } finally {
      scope.close();
    }
  }

  @Override
  public JobStore storeUnderTest() {
    return store;
  }

  /** Closes the store and opens it again on the same scope, as a restarted process would. */
  protected void reopenStore() {
    store.close();
    store = openStore(scope);
  }

  @Provide
  Arbitrary<List<StoreModel.Op>> storeOperations() {
    return StoreModel.operations();
  }

  /**
   * Random sequences of submit, claim, heartbeat, complete, fail, cancel, release and stale writes,
   * with time passing, reaps and reopens: after every step the store agrees with a plain model and
   * every record satisfies the invariants, and at the end {@code verify()} is clean.
   */
  @Property(tries = 200)
  void storeFollowsTheModel(@ForAll("storeOperations") List<StoreModel.Op> ops) {
    StoreModel model = new StoreModel(this);
    for (StoreModel.Op op : ops) {
      model.step(op);
      model.check();
    }
    VerifyReport report = store.verify();
    assertTrue(report.clean(), report.violations().toString());
  }

  /**
   * Submits a job and claims it.
   *
   * @param name the job's name (distinct names give distinct jobs)
   * @return the running job
   */
  protected JobSnapshot submitAndClaim(String name) {
    JobSnapshot queued = store.submit(StoreJobs.job(name)).job();
    JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
    assertEquals(queued.id(), running.id());
    return running;
  }

  /**
   * Asserts a record satisfies every invariant.
   *
   * @param job the record
   */
  protected static void assertConsistent(JobSnapshot job) {
    assertEquals(List.of(), JobInvariants.violations(job), "invariants of " + job);
  }

  @Test
  void submitCreatesQueuedJobWithoutOwnerFields() {
    SubmitResult r = store.submit(StoreJobs.job("a"));
    assertTrue(r.created());
    JobSnapshot job = r.job();
    assertEquals(JobState.QUEUED, job.state());
    assertEquals(0, job.attempt());
    assertEquals(1, job.sequence());
    assertNull(job.runId());
    assertNull(job.owner());
    assertNull(job.startedAt());
    assertNull(job.heartbeatAt());
    assertConsistent(job);
    assertEquals(job, store.get(job.id()));
  }

  @Test
  void totalsAddUpEveryRecordAsTheTallyCountsThem() {
    JobTotals expected = StoreJobs.totalsScenario(store);
    assertEquals(expected, store.totals());
    JobTotals.Tally tally = new JobTotals.Tally();
    StoreJobs.listAll(store).forEach(tally::add);
    assertEquals(expected, tally.totals(), "the store counts as the tally does");
  }

  @Test
  void submitIsIdempotentOnSourceHashAndOptions() {
    JobSnapshot first = store.submit(StoreJobs.job("a")).job();
    SubmitResult again = store.submit(StoreJobs.job("a"));
    assertFalse(again.created());
    assertEquals(first.id(), again.job().id());

    SubmitResult otherOptions = store.submit(StoreJobs.job("a", Map.of("ocr", "off")));
    assertTrue(otherOptions.created());
    assertNotEquals(first.id(), otherOptions.job().id());

    // A finished job is still "the" job for those bytes.
    JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
    StoreJobs.completeWith(store, running, "# a\n");
    assertEquals(first.id(), store.submit(StoreJobs.job("a")).job().id());
  }

  @Test
  void findAllReadsManyJobsInTheOrderAsked() {
    JobSnapshot a = store.submit(StoreJobs.job("a")).job();
    JobSnapshot b = store.submit(StoreJobs.job("b")).job();
    JobSnapshot c = store.submit(StoreJobs.job("c")).job();
    JobId missing = JobId.of("01kdvdna0069t314j3afch8xq3");
    assertEquals(
        List.of(c.id(), a.id(), b.id()),
        store.findAll(List.of(c.id(), missing, a.id(), b.id())).stream()
            .map(JobSnapshot::id)
            .toList());
    assertEquals(List.of(), store.findAll(List.of()));
    JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
    assertEquals(List.of(running), store.findAll(List.of(running.id())));
  }

  @Test
  void submitAfterFailureCreatesANewJob() {
    JobSnapshot running = submitAndClaim("a");
    store.fail(
        running.id(),
        running.runId(),
        new ErrorInfo(ErrorCode.INVALID_INPUT, "bad", Map.of("reason", "corrupt"), false),
        Duration.ZERO,
        null);
    SubmitResult again = store.submit(StoreJobs.job("a"));
    assertTrue(again.created());
    assertNotEquals(running.id(), again.job().id());
  }

  @Test
  void claimSetsEveryOwnerFieldAndCountsTheAttempt() {
    JobSnapshot running = submitAndClaim("a");
    assertEquals(JobState.RUNNING, running.state());
    assertEquals(1, running.attempt());
    assertNotNull(running.runId());
    assertEquals(StoreJobs.WORKER, running.owner());
    assertEquals(store.now(), running.startedAt());
    assertEquals(store.now(), running.heartbeatAt());
    assertConsistent(running);
    assertEquals(Optional.empty(), store.claim(StoreJobs.OTHER_WORKER));
  }

  @Test
  void claimsFollowSubmitOrder() {
    List<JobId> submitted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      submitted.add(store.submit(StoreJobs.job("j" + i)).job().id());
    }
    for (JobId expected : submitted) {
      assertEquals(expected, store.claim(StoreJobs.WORKER).orElseThrow().id());
    }
  }

  @Test
  void heartbeatIsFencedByRunId() {
    JobSnapshot running = submitAndClaim("a");
    advanceTime(Duration.ofSeconds(5));
    Progress p = new Progress(2, 10, "layout", store.now());
    JobSnapshot after =
        store.heartbeat(running.id(), running.runId(), p, Map.of("parse", Duration.ofMillis(7)));
    assertEquals(store.now(), after.heartbeatAt());
    assertEquals(p, after.progress());
    assertEquals(Duration.ofMillis(7), after.phaseTimings().get("parse"));
    assertEquals(running.startedAt(), after.startedAt());

    LeaseLostException e =
        assertThrows(
            LeaseLostException.class,
            () ->
                store.heartbeat(running.id(), "00000000-0000-0000-0000-000000000000", null, null));
    assertEquals("lease_lost", e.code());
  }

  @Test
  void completePublishesTheArtifactAndSatisfiesS() throws Exception {
    JobSnapshot running = submitAndClaim("a");
    JobSnapshot done = StoreJobs.completeWith(store, running, "# Title\n\nbody\n");
    assertEquals(JobState.SUCCEEDED, done.state());
    assertConsistent(done);
    assertNotNull(done.finishedAt());
    byte[] bytes = store.readArtifact(done.manifest());
    assertEquals("# Title\n\nbody\n", new String(bytes, StandardCharsets.UTF_8));
    assertEquals(bytes.length, done.manifest().size());
    assertTrue(store.verify().clean(), () -> store.verify().violations().toString());
  }

  @Test
  void terminalJobsNeverChange() {
    JobSnapshot running = submitAndClaim("a");
    JobSnapshot done = StoreJobs.completeWith(store, running, "x\n");
    ErrorInfo err = new ErrorInfo(ErrorCode.BACKEND_FAILED, "late", Map.of(), true);
    List<Runnable> lateWrites =
        List.of(
            () -> store.heartbeat(done.id(), done.runId(), null, null),
            () -> store.fail(done.id(), done.runId(), err, Duration.ZERO, null),
            () -> store.release(done.id(), done.runId()),
            () -> store.markCanceled(done.id(), done.runId()),
            () -> StoreJobs.completeWith(store, running, "y\n"));
    for (Runnable write : lateWrites) {
      ConversionException e = assertThrows(ConversionException.class, write::run);
      assertEquals("terminal_state_conflict", e.code(), e.toString());
      assertFalse(e.retryable());
    }
    assertEquals(done, store.get(done.id()));
    assertEquals(done, store.cancel(done.id()), "cancel of an ended job changes nothing");
  }

  @Test
  void retryableFailureRequeuesWithBackoffAndClearedOwner() {
    JobSnapshot running = submitAndClaim("a");
    ErrorInfo err = new ErrorInfo(ErrorCode.BACKEND_FAILED, "crash", Map.of(), true);
    JobSnapshot queued =
        store.fail(running.id(), running.runId(), err, Duration.ofSeconds(10), null);
    assertEquals(JobState.QUEUED, queued.state());
    assertConsistent(queued);
    assertEquals(store.now().plusSeconds(10), queued.notBefore());
    assertEquals(err, queued.error());
    assertEquals(Optional.empty(), store.claim(StoreJobs.WORKER), "backoff not over yet");
    advanceTime(Duration.ofSeconds(10));
    JobSnapshot second = store.claim(StoreJobs.WORKER).orElseThrow();
    assertEquals(2, second.attempt());
    assertNotEquals(running.runId(), second.runId());
    assertThrows(
        LeaseLostException.class,
        () -> store.heartbeat(running.id(), running.runId(), null, null),
        "the first run's token is dead");
  }

  @Test
  void failureIsFinalWhenAttemptsAreUsedUpOrNotRetryable() {
    JobSnapshot running = submitAndClaim("a");
    ErrorInfo retryable = new ErrorInfo(ErrorCode.BACKEND_FAILED, "crash", Map.of(), true);
    for (int attempt = 1; attempt < 3; attempt++) {
      store.fail(running.id(), store.get(running.id()).runId(), retryable, Duration.ZERO, null);
      store.claim(StoreJobs.WORKER).orElseThrow();
    }
    JobSnapshot last = store.get(running.id());
    assertEquals(3, last.attempt());
    JobSnapshot failed = store.fail(last.id(), last.runId(), retryable, Duration.ZERO, null);
    assertEquals(JobState.FAILED, failed.state());

    JobSnapshot other = submitAndClaim("b");
    JobSnapshot invalid =
        store.fail(
            other.id(),
            other.runId(),
            new ErrorInfo(ErrorCode.INVALID_INPUT, "bad", Map.of("reason", "empty"), false),
            Duration.ZERO,
            null);
    assertEquals(JobState.FAILED, invalid.state());
    assertEquals(1, invalid.attempt());
  }

  @Test
  void cancelEndsQueuedJobsAtOnceAndFlagsRunningOnes() {
    JobSnapshot queued = store.submit(StoreJobs.job("q")).job();
    JobSnapshot canceled = store.cancel(queued.id());
    assertEquals(JobState.CANCELED, canceled.state());
    assertEquals(Optional.empty(), store.claim(StoreJobs.WORKER));

    JobSnapshot running = submitAndClaim("r");
    JobSnapshot flagged = store.cancel(running.id());
    assertEquals(JobState.RUNNING, flagged.state());
    assertTrue(flagged.cancelRequested());
    assertTrue(store.heartbeat(running.id(), running.runId(), null, null).cancelRequested());
    JobSnapshot ended = store.markCanceled(running.id(), running.runId());
    assertEquals(JobState.CANCELED, ended.state());
    assertEquals(ErrorCode.CANCELED, ended.error().code());
    assertNull(ended.manifest());
  }

  @Test
  void aCancelRequestedBeforeCompleteWinsAndNothingIsPublished() {
    JobSnapshot running = submitAndClaim("late-cancel");
    StagedArtifact staged =
        store.stage(running.id(), running.runId(), "# done\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(store.cancel(running.id()).cancelRequested());
    JobSnapshot ended =
        store.complete(
            running.id(),
            running.runId(),
            staged,
            StoreJobs.manifest(running, staged, store.now()),
            Map.of());
    assertEquals(JobState.CANCELED, ended.state());
    assertNull(ended.manifest());
    assertEquals(JobState.CANCELED, store.get(running.id()).state());
    assertConsistent(store.get(running.id()));
    assertTrue(store.verify().clean(), () -> store.verify().violations().toString());
  }

  /**
   * A user's cancel races the run's completion a thousand times: whenever the cancel was
   * acknowledged while the job was still running, the job ends CANCELED with nothing published;
   * otherwise the cancel found it ended and changed nothing.
   */
  @Test
  void anAcknowledgedCancelAlwaysWinsOverACompletionRacingIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int canceled = 0;
      int succeeded = 0;
      for (int i = 0; i < 1_000; i++) {
        JobSnapshot running = submitAndClaim("race-" + i);
        StagedArtifact staged =
            store.stage(running.id(), running.runId(), ("# " + i + "\n").getBytes(UTF_8));
        CountDownLatch go = new CountDownLatch(1);
        Future<JobSnapshot> cancel =
            pool.submit(
                () -> {
                  go.await();
                  return store.cancel(running.id());
                });
        Future<Optional<JobSnapshot>> complete =
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return Optional.of(
                        store.complete(
                            running.id(),
                            running.runId(),
                            staged,
                            StoreJobs.manifest(running, staged, store.now()),
                            Map.of()));
                  } catch (ConversionException e) {
                    return Optional.empty();
                  }
                });
        go.countDown();
        JobSnapshot acknowledged = cancel.get(30, TimeUnit.SECONDS);
        complete.get(30, TimeUnit.SECONDS);
        JobSnapshot end = store.get(running.id());
        if (acknowledged.state() == JobState.RUNNING) {
          assertTrue(acknowledged.cancelRequested());
          assertEquals(JobState.CANCELED, end.state(), "an acknowledged cancel lost: " + end);
          assertNull(end.manifest());
          canceled++;
        } else {
          assertEquals(JobState.SUCCEEDED, acknowledged.state());
          assertEquals(JobState.SUCCEEDED, end.state());
          succeeded++;
        }
        assertConsistent(end);
      }
      assertEquals(1_000, canceled + succeeded);
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      assertEquals(succeeded, report.artifactsChecked());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A reaper with a short threshold never takes back a run whose owner declared a longer one: the
   * owner heartbeats within its own promise, not the reaper's (issue 15, item 10).
   */
  @Test
  void aReaperNeverReapsSoonerThanTheOwnersDeclaredThreshold() {
    store.submit(StoreJobs.job("patient"));
    WorkerIdentity slow = new WorkerIdentity("host-a", 7, "slow", Duration.ofMinutes(10));
    JobSnapshot running = store.claim(slow).orElseThrow();
    assertEquals(Duration.ofMinutes(10), store.get(running.id()).owner().staleAfter());
    advanceTime(Duration.ofMinutes(5));
    assertEquals(List.of(), store.reap(Duration.ofSeconds(1)), "reaped within the owner's promise");
    assertEquals(JobState.RUNNING, store.get(running.id()).state());
    advanceTime(Duration.ofMinutes(6));
    assertEquals(1, store.reap(Duration.ofSeconds(1)).size(), "past the owner's own threshold");
    assertEquals(JobState.QUEUED, store.get(running.id()).state());
  }

  @Test
  void releaseRequeuesWithoutCountingTheAttempt() {
    JobSnapshot running = submitAndClaim("a");
    JobSnapshot released = store.release(running.id(), running.runId());
    assertEquals(JobState.QUEUED, released.state());
    assertEquals(0, released.attempt());
    assertConsistent(released);
    assertEquals(1, store.claim(StoreJobs.WORKER).orElseThrow().attempt());
  }

  @Test
  void reaperJudgesLivenessByHeartbeatNeverByStartTime() {
    JobSnapshot running = submitAndClaim("slow");
    // Years of running with fresh heartbeats: alive.
    for (int i = 0; i < 10; i++) {
      advanceTime(Duration.ofDays(365));
      store.heartbeat(running.id(), running.runId(), null, null);
      assertEquals(List.of(), store.reap(Duration.ofSeconds(30)));
    }
    assertEquals(JobState.RUNNING, store.get(running.id()).state());

    advanceTime(Duration.ofSeconds(31));
    List<JobSnapshot> reaped = store.reap(Duration.ofSeconds(30));
    assertEquals(1, reaped.size());
    JobSnapshot requeued = reaped.get(0);
    assertEquals(JobState.QUEUED, requeued.state());
    assertConsistent(requeued);
    assertEquals(ErrorCode.STALLED, requeued.error().code());

    // The stale worker comes back: it must not publish.
    assertThrows(LeaseLostException.class, () -> StoreJobs.completeWith(store, running, "late\n"));
    assertTrue(store.get(running.id()).manifest() == null, "a refused run publishes nothing");
    JobSnapshot rerun = store.claim(StoreJobs.WORKER).orElseThrow();
    assertEquals(2, rerun.attempt());
  }

  @Test
  void reaperFailsTheJobWhenAttemptsAreUsedUp() {
    JobSnapshot running = submitAndClaim("a");
    for (int attempt = 1; attempt <= 3; attempt++) {
      advanceTime(Duration.ofMinutes(1));
      List<JobSnapshot> reaped = store.reap(Duration.ofSeconds(30));
      assertEquals(1, reaped.size());
      if (attempt < 3) {
        store.claim(StoreJobs.WORKER).orElseThrow();
      } else {
        assertEquals(JobState.FAILED, reaped.get(0).state());
        assertEquals(ErrorCode.STALLED, reaped.get(0).error().code());
      }
    }
    assertEquals(JobState.FAILED, store.get(running.id()).state());
  }

  @Test
  void reaperNeverTouchesAJobThatCompleted() {
    JobSnapshot running = submitAndClaim("a");
    JobSnapshot done = StoreJobs.completeWith(store, running, "ok\n");
    advanceTime(Duration.ofHours(1));
    assertEquals(List.of(), store.reap(Duration.ofSeconds(30)));
    assertEquals(done, store.get(running.id()));
  }

  @Test
  void completeRefusesAManifestThatDoesNotMatchTheStagedBytes() {
    JobSnapshot running = submitAndClaim("a");
    StagedArtifact staged =
        store.stage(running.id(), running.runId(), "abc".getBytes(StandardCharsets.UTF_8));
    StagedArtifact lying =
        new StagedArtifact(staged.jobId(), staged.runId(), staged.sha256(), 99, staged.location());
    assertThrows(
        IntegrityViolationException.class,
        () ->
            store.complete(
                running.id(),
                running.runId(),
                lying,
                StoreJobs.manifest(running, lying, store.now()),
                Map.of()));
    assertEquals(JobState.RUNNING, store.get(running.id()).state());
  }

  @Test
  void unknownJobsAreJobNotFound() {
    JobId missing = JobId.generate(0, new java.security.SecureRandom());
    assertThrows(JobNotFoundException.class, () -> store.get(missing));
    assertThrows(JobNotFoundException.class, () -> store.cancel(missing));
    JobNotFoundException e =
        assertThrows(
            JobNotFoundException.class,
            () -> store.heartbeat(missing, "00000000-0000-0000-0000-000000000000", null, null));
    assertEquals("job_not_found", e.code());
  }

  @Test
  void listingPagesThroughEveryJobOnceInEitherOrderAndState() {
    List<JobId> ids = new ArrayList<>();
    List<JobId> canceled = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      ids.add(store.submit(StoreJobs.job("p" + i)).job().id());
      if (i % 3 == 0) {
        canceled.add(store.cancel(ids.get(i)).id());
      }
    }
    assertEquals(ids, StoreJobs.pageThrough(store, PageRequest.first(5), 5));
    assertEquals(
        canceled, StoreJobs.pageThrough(store, PageRequest.first(2).inState(JobState.CANCELED), 4));
    List<JobId> newest = new ArrayList<>(ids);
    java.util.Collections.reverse(newest);
    assertEquals(newest, StoreJobs.pageThrough(store, PageRequest.newest(5), 5));
    List<JobId> queued = new ArrayList<>(newest);
    queued.removeAll(canceled);
    assertEquals(
        queued, StoreJobs.pageThrough(store, PageRequest.newest(7).inState(JobState.QUEUED), 3));
    assertEquals(List.of(), store.list(PageRequest.after(23, 10)).jobs());
    assertEquals(List.of(), store.list(PageRequest.before(1, 10)).jobs());
    assertTrue(store.list(PageRequest.first(23)).nextCursor().isEmpty());
  }

  @Test
  void pageBoundsAreInvalidRequests() {
    assertThrows(InvalidRequestException.class, () -> new PageRequest(0, 0));
    assertThrows(
        InvalidRequestException.class, () -> new PageRequest(0, PageRequest.MAX_LIMIT + 1));
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> new PageRequest(-1, 10));
    assertEquals("invalid_request", e.code());
    new PageRequest(0, PageRequest.MAX_LIMIT);
  }

  @Test
  void invariantChecksRefuseInconsistentRecords() {
    JobSnapshot queued = store.submit(StoreJobs.job("a")).job();
    JobSnapshot queuedWithOwner = queued.toBuilder().owner(StoreJobs.WORKER).build();
    assertThrows(
        IllegalStateException.class, () -> JobInvariants.checkWrite(queued, queuedWithOwner));
    JobSnapshot runningWithoutRun = queued.toBuilder().state(JobState.RUNNING).build();
    assertThrows(
        IllegalStateException.class, () -> JobInvariants.checkWrite(queued, runningWithoutRun));
    JobSnapshot succeededWithoutManifest = queued.toBuilder().state(JobState.SUCCEEDED).build();
    assertThrows(
        IllegalStateException.class,
        () -> JobInvariants.checkWrite(queued, succeededWithoutManifest));
    JobSnapshot canceled = store.cancel(queued.id());
    assertThrows(IllegalStateException.class, () -> JobInvariants.checkWrite(canceled, queued));
  }

  @Test
  void lateWritesFromAStaleRunAreLeaseLost() {
    JobSnapshot first = submitAndClaim("a");
    store.release(first.id(), first.runId());
    JobSnapshot second = store.claim(StoreJobs.OTHER_WORKER).orElseThrow();
    ErrorInfo err = new ErrorInfo(ErrorCode.BACKEND_FAILED, "x", Map.of(), true);
    List<Runnable> stale =
        List.of(
            () -> store.heartbeat(first.id(), first.runId(), null, null),
            () -> store.fail(first.id(), first.runId(), err, Duration.ZERO, null),
            () -> store.release(first.id(), first.runId()),
            () -> store.markCanceled(first.id(), first.runId()),
            () -> store.stage(first.id(), first.runId(), new byte[] {1}));
    for (Runnable write : stale) {
      assertThrows(LeaseLostException.class, write::run);
    }
    assertEquals(second, store.get(first.id()));
  }

  private static final int RACE_THREADS = 8;
  private static final int RACE_JOBS = 200;

  /** Invariant O inside one JVM: 8 threads race for the same 200 jobs. */
  @Test
  void everyJobIsClaimedByExactlyOneRunUnderAThreadRace() throws Exception {
    Set<JobId> submitted = new HashSet<>();
    for (int i = 0; i < RACE_JOBS; i++) {
      submitted.add(store.submit(StoreJobs.job("race-" + i)).job().id());
    }
    Map<JobId, String> winners = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> doubleClaims = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(RACE_THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < RACE_THREADS; t++) {
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
                  StoreJobs.completeWith(store, job, "# " + job.id() + "\n");
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
    assertEquals(RACE_JOBS, total);
    assertEquals(submitted, winners.keySet());
    assertEquals(RACE_JOBS, store.counts().get(JobState.SUCCEEDED));
    for (JobId id : submitted) {
      JobSnapshot job = store.get(id);
      assertEquals(1, job.attempt());
      assertEquals(winners.get(id), job.manifest().runId());
    }
    VerifyReport report = store.verify();
    assertTrue(report.clean(), report.violations().toString());
    assertEquals(RACE_JOBS, report.artifactsChecked());
  }
}

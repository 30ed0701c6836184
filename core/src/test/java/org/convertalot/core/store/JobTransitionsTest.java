package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Progress;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.api.error.TerminalStateConflictException;
import org.convertalot.core.store.spi.JobInvariants;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestJobs;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle rules as pure functions: random operation sequences against a plain model with the
 * invariants checked after every step, and one example per rule. Time comes from a clock the test
 * moves; nothing waits.
 */
class JobTransitionsTest {
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);
  private static final Duration BACKOFF = Duration.ofSeconds(4);
  private static final JobId ID = JobId.of("01kdvdna0069t314j3afch8xq3");

  private final MutableClock clock = MutableClock.atEpochDay();

  private JobSnapshot queued() {
    return JobTransitions.submit(TestJobs.job("a"), ID, 1, clock.instant());
  }

  private JobSnapshot claimed(JobSnapshot job) {
    return JobTransitions.claim(job, clock.instant(), newRun(), TestJobs.WORKER);
  }

  private static String newRun() {
    return UUID.randomUUID().toString();
  }

  private static ErrorInfo error(boolean retryable) {
    return new ErrorInfo(ErrorCode.BACKEND_FAILED, "engine broke", Map.of(), retryable);
  }

  private static ArtifactManifest manifest(JobSnapshot running) {
    StagedArtifact staged =
        new StagedArtifact(running.id(), running.runId(), "ab".repeat(32), 3, "x");
    return TestJobs.manifest(running, staged, Instant.parse("2026-01-01T00:00:00Z"));
  }

  // ---------------------------------------------------------------- the model

  enum Kind {
    CLAIM,
    HEARTBEAT,
    STALE_WRITE,
    COMPLETE,
    FAIL_RETRYABLE,
    FAIL_FINAL,
    RELEASE,
    CANCEL,
    MARK_CANCELED,
    ADVANCE,
    REAP,
    REPAIR
  }

  record Op(Kind kind, int arg) {}

  /** What a careful reader of the contract expects of one job. */
  static final class Model {
    JobState state = JobState.QUEUED;
    int attempt;
    final int maxAttempts;
    String runId;
    boolean cancelRequested;
    Instant notBefore;
    Instant heartbeatAt;

    Model(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    void requeue() {
      state = JobState.QUEUED;
      runId = null;
      heartbeatAt = null;
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op =
        Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 99))
            .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 1000)
  void theFunctionsFollowTheModel(
      @ForAll("operations") List<Op> ops, @ForAll("maxAttempts") int maxAttempts) {
    NewJob request = TestJobs.job("a");
    JobSnapshot job =
        JobTransitions.submit(
            new NewJob(
                request.source(), request.policy(), null, Map.of(), request.limits(), maxAttempts),
            ID,
            1,
            clock.instant());
    Model model = new Model(maxAttempts);
    for (Op op : ops) {
      JobSnapshot before = job;
      job = step(job, op, model);
      assertEquals(List.of(), JobInvariants.violations(job), op + " gave " + job);
      if (before.state().isTerminal()) {
        assertEquals(before, job, "T: " + op + " changed an ended job");
      }
      assertEquals(model.state, job.state(), "state after " + op);
      assertEquals(model.attempt, job.attempt(), "attempt after " + op);
      assertEquals(model.runId, job.state() == JobState.QUEUED ? null : job.runId());
      assertEquals(model.cancelRequested, job.cancelRequested(), "cancel flag after " + op);
      if (job.state() == JobState.QUEUED) {
        assertEquals(model.notBefore, job.notBefore(), "not-before after " + op);
      }
      if (job.state() == JobState.RUNNING) {
        assertEquals(model.heartbeatAt, job.heartbeatAt(), "heartbeat after " + op);
      }
    }
  }

  @Provide
  Arbitrary<Integer> maxAttempts() {
    return Arbitraries.integers().between(1, 4);
  }

  private JobSnapshot step(JobSnapshot job, Op op, Model m) {
    Instant now = clock.instant();
    // Most writes carry the owner's run id; every fifth one a dead run's.
    String writer = m.runId != null && op.arg() % 5 != 0 ? m.runId : newRun();
    switch (op.kind()) {
      case CLAIM:
        {
          boolean claimable =
              m.state == JobState.QUEUED && (m.notBefore == null || !m.notBefore.isAfter(now));
          assertEquals(claimable, JobTransitions.isClaimable(job, now));
          // Only the sanitizer's repair (attempt kept) leaves a QUEUED job with its attempts used
          // up; a claim of it would break the attempt bound and is refused.
          if (!claimable || m.attempt >= m.maxAttempts) {
            JobSnapshot current = job;
            assertThrows(
                IllegalStateException.class,
                () -> JobTransitions.claim(current, now, newRun(), TestJobs.WORKER));
            return job;
          }
          JobSnapshot next = JobTransitions.claim(job, now, newRun(), TestJobs.WORKER);
          m.state = JobState.RUNNING;
          m.attempt++;
          m.runId = next.runId();
          m.heartbeatAt = now;
          m.notBefore = null;
          assertEquals(now, next.startedAt());
          assertNull(next.notBefore());
          assertNull(next.progress());
          return next;
        }
      case HEARTBEAT:
      case STALE_WRITE:
        {
          String run = op.kind() == Kind.STALE_WRITE ? newRun() : writer;
          Progress progress = new Progress(op.arg(), 100, "extract", now);
          JobSnapshot current = job;
          return fenced(
              current,
              m,
              run,
              () -> JobTransitions.heartbeat(current, now, run, progress, null),
              next -> {
                m.heartbeatAt = now;
                assertEquals(progress, next.progress());
              });
        }
      case COMPLETE:
        {
          JobSnapshot current = job;
          JobSnapshot asWriter =
              job.toBuilder().runId(writer).attempt(Math.max(1, m.attempt)).build();
          return fenced(
              current,
              m,
              writer,
              () -> JobTransitions.complete(current, now, writer, manifest(asWriter), null),
              // A requested cancel wins over a completion: nothing is published.
              next -> m.state = m.cancelRequested ? JobState.CANCELED : JobState.SUCCEEDED);
        }
      case FAIL_RETRYABLE:
      case FAIL_FINAL:
        {
          boolean retryable = op.kind() == Kind.FAIL_RETRYABLE;
          JobSnapshot current = job;
          return fenced(
              current,
              m,
              writer,
              () -> JobTransitions.fail(current, now, writer, error(retryable), BACKOFF, null),
              next -> {
                boolean retry = retryable && m.attempt < m.maxAttempts;
                if (retry && m.cancelRequested) {
                  m.state = JobState.CANCELED;
                } else if (retry) {
                  m.requeue();
                  m.notBefore = now.plus(BACKOFF);
                } else {
                  m.state = JobState.FAILED;
                }
              });
        }
      case RELEASE:
        {
          JobSnapshot current = job;
          return fenced(
              current,
              m,
              writer,
              () -> JobTransitions.release(current, now, writer),
              next -> {
                if (m.cancelRequested) {
                  m.state = JobState.CANCELED;
                } else {
                  m.requeue();
                  m.attempt--;
                }
              });
        }
      case MARK_CANCELED:
        {
          JobSnapshot current = job;
          return fenced(
              current,
              m,
              writer,
              () -> JobTransitions.markCanceled(current, now, writer),
              next -> m.state = JobState.CANCELED);
        }
      case CANCEL:
        {
          Optional<JobSnapshot> next = JobTransitions.cancel(job, now);
          if (m.state == JobState.QUEUED) {
            m.state = JobState.CANCELED;
          } else if (m.state == JobState.RUNNING && !m.cancelRequested) {
            m.cancelRequested = true;
          } else {
            assertTrue(next.isEmpty(), "cancel of " + m.state + " must write nothing");
            return job;
          }
          return next.orElseThrow();
        }
      case ADVANCE:
        clock.advance(Duration.ofSeconds(op.arg() % 20));
        return job;
      case REAP:
        {
          boolean stale =
              m.state == JobState.RUNNING && m.heartbeatAt.plus(STALE_AFTER).isBefore(now);
          assertEquals(stale, JobTransitions.isStale(job, now, STALE_AFTER));
          Optional<JobSnapshot> next = JobTransitions.reap(job, now, STALE_AFTER);
          if (!stale) {
            assertTrue(next.isEmpty(), "reaped a live or ended job");
            return job;
          }
          if (m.cancelRequested) {
            m.state = JobState.CANCELED;
          } else if (m.attempt < m.maxAttempts) {
            m.requeue();
            m.notBefore = null;
          } else {
            m.state = JobState.FAILED;
          }
          if (m.state != JobState.CANCELED) {
            assertEquals(ErrorCode.STALLED, next.orElseThrow().error().code());
          }
          return next.orElseThrow();
        }
      case REPAIR:
        {
          assertTrue(JobTransitions.repair(job, now).isEmpty(), "a consistent record was repaired");
          if (job.state() != JobState.QUEUED && job.state() != JobState.RUNNING) {
            return job;
          }
          // Forge what a buggy writer might leave: a QUEUED job with an owner, a RUNNING one
          // without its run id. The repair follows the reaper: canceled when cancel was
          // requested, a clean QUEUED job (attempt kept) while attempts are left, else FAILED.
          JobSnapshot forged =
              job.state() == JobState.QUEUED
                  ? job.toBuilder().owner(TestJobs.OTHER_WORKER).runId(newRun()).build()
                  : job.toBuilder().runId(null).build();
          assertFalse(JobInvariants.violations(forged).isEmpty());
          JobSnapshot repaired = JobTransitions.repair(forged, now).orElseThrow();
          if (m.cancelRequested) {
            m.state = JobState.CANCELED;
            m.runId = null;
          } else if (m.attempt < m.maxAttempts) {
            m.requeue();
          } else {
            // The forged record's run id names no real run: the repair clears it.
            m.state = JobState.FAILED;
            m.runId = null;
          }
          return repaired;
        }
      default:
        throw new AssertionError(op);
    }
  }

  private interface Write {
    JobSnapshot run();
  }

  private interface Accepted {
    void update(JobSnapshot next);
  }

  /**
   * Runs a fenced write: accepted exactly when the job is RUNNING under the writer's run id, else
   * refused with T before F.
   */
  private static JobSnapshot fenced(
      JobSnapshot current, Model m, String run, Write write, Accepted accepted) {
    boolean owner = m.state == JobState.RUNNING && run.equals(m.runId);
    if (!owner) {
      ConversionException e = assertThrows(ConversionException.class, write::run);
      assertEquals(m.state.isTerminal() ? "terminal_state_conflict" : "lease_lost", e.code());
      return current;
    }
    JobSnapshot next = write.run();
    accepted.update(next);
    return next;
  }

  // ---------------------------------------------------------------- examples, one per rule

  @Test
  void aClaimCountsTheAttemptAndClearsWhatAnEarlierRunLeft() {
    JobSnapshot first = claimed(queued());
    first =
        JobTransitions.heartbeat(
            first,
            clock.instant(),
            first.runId(),
            new Progress(1, 2, "extract", clock.instant()),
            Map.of("open", Duration.ofMillis(5)));
    JobSnapshot failed =
        JobTransitions.fail(first, clock.instant(), first.runId(), error(true), BACKOFF, null);
    assertFalse(JobTransitions.isClaimable(failed, clock.instant()), "backoff not passed");
    clock.advance(BACKOFF);
    assertTrue(JobTransitions.isClaimable(failed, clock.instant()), "not-before is inclusive");
    String run = newRun();
    JobSnapshot second = JobTransitions.claim(failed, clock.instant(), run, TestJobs.OTHER_WORKER);
    assertEquals(JobState.RUNNING, second.state());
    assertEquals(2, second.attempt());
    assertEquals(run, second.runId());
    assertEquals(TestJobs.OTHER_WORKER, second.owner());
    assertEquals(clock.instant(), second.startedAt());
    assertEquals(clock.instant(), second.heartbeatAt());
    assertNull(second.notBefore());
    assertNull(second.progress());
    assertEquals(Map.of(), second.phaseTimings());
  }

  @Test
  void aRetryableFailureRequeuesWithBackoffUntilAttemptsAreUsedUp() {
    JobSnapshot job = queued();
    for (int attempt = 1; attempt <= 3; attempt++) {
      JobSnapshot running = claimed(job);
      job =
          JobTransitions.fail(
              running, clock.instant(), running.runId(), error(true), BACKOFF, null);
      if (attempt < 3) {
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(clock.instant().plus(BACKOFF), job.notBefore());
        assertNull(job.runId());
        clock.advance(BACKOFF);
      }
    }
    assertEquals(JobState.FAILED, job.state());
    assertEquals(clock.instant(), job.finishedAt());
    assertEquals(3, job.attempt());
  }

  @Test
  void cancelWinsOverRetry() {
    JobSnapshot running = claimed(queued());
    JobSnapshot requested = JobTransitions.cancel(running, clock.instant()).orElseThrow();
    assertTrue(requested.cancelRequested());
    assertEquals(JobState.RUNNING, requested.state());
    JobSnapshot after =
        JobTransitions.fail(
            requested, clock.instant(), requested.runId(), error(true), BACKOFF, null);
    assertEquals(JobState.CANCELED, after.state());
    assertEquals(ErrorCode.CANCELED, after.error().code());
    assertEquals("canceled while running; its run failed: engine broke", after.error().message());
    // A final failure is a failure all the same.
    JobSnapshot last =
        JobTransitions.fail(
            requested, clock.instant(), requested.runId(), error(false), BACKOFF, null);
    assertEquals(JobState.FAILED, last.state());
  }

  @Test
  void cancelWinsOverTheReaper() {
    JobSnapshot running = claimed(queued());
    JobSnapshot requested = JobTransitions.cancel(running, clock.instant()).orElseThrow();
    clock.advance(STALE_AFTER.plusSeconds(1));
    JobSnapshot reaped = JobTransitions.reap(requested, clock.instant(), STALE_AFTER).orElseThrow();
    assertEquals(JobState.CANCELED, reaped.state());
    assertEquals(
        "canceled while running; its worker stopped heartbeating", reaped.error().message());
  }

  @Test
  void cancelIsImmediateWhenQueuedRequestedWhenRunningAndNothingWhenEnded() {
    JobSnapshot canceled = JobTransitions.cancel(queued(), clock.instant()).orElseThrow();
    assertEquals(JobState.CANCELED, canceled.state());
    assertEquals("canceled while queued", canceled.error().message());
    assertEquals(Optional.empty(), JobTransitions.cancel(canceled, clock.instant()));

    JobSnapshot requested = JobTransitions.cancel(claimed(queued()), clock.instant()).orElseThrow();
    assertEquals(Optional.empty(), JobTransitions.cancel(requested, clock.instant()), "once");
    JobSnapshot stopped =
        JobTransitions.markCanceled(requested, clock.instant(), requested.runId());
    assertEquals(JobState.CANCELED, stopped.state());
    assertEquals("canceled while running", stopped.error().message());
  }

  @Test
  void releaseDoesNotCountTheAttempt() {
    JobSnapshot running = claimed(queued());
    assertEquals(1, running.attempt());
    JobSnapshot released = JobTransitions.release(running, clock.instant(), running.runId());
    assertEquals(JobState.QUEUED, released.state());
    assertEquals(0, released.attempt());
    assertNull(released.runId());
    assertNull(released.owner());
    assertNull(released.startedAt());
    assertNull(released.heartbeatAt());
    // A released job whose cancel was requested is canceled, not requeued.
    JobSnapshot again = claimed(released);
    JobSnapshot requested = JobTransitions.cancel(again, clock.instant()).orElseThrow();
    JobSnapshot ended = JobTransitions.release(requested, clock.instant(), requested.runId());
    assertEquals(JobState.CANCELED, ended.state());
    assertEquals("canceled while running; its run was released", ended.error().message());
  }

  @Test
  void theReaperJudgesByHeartbeatNeverByStartTime() {
    JobSnapshot running = claimed(queued());
    // A run that started an hour ago but heartbeats is alive.
    for (int i = 0; i < 120; i++) {
      clock.advance(Duration.ofSeconds(30));
      running = JobTransitions.heartbeat(running, clock.instant(), running.runId(), null, null);
    }
    clock.advance(STALE_AFTER);
    assertTrue(running.startedAt().plus(Duration.ofHours(1)).isBefore(clock.instant()));
    assertFalse(JobTransitions.isStale(running, clock.instant(), STALE_AFTER), "at the threshold");
    assertEquals(Optional.empty(), JobTransitions.reap(running, clock.instant(), STALE_AFTER));
    clock.advance(Duration.ofMillis(1));
    assertTrue(JobTransitions.isStale(running, clock.instant(), STALE_AFTER));
    JobSnapshot reaped = JobTransitions.reap(running, clock.instant(), STALE_AFTER).orElseThrow();
    assertEquals(JobState.QUEUED, reaped.state());
    assertEquals(1, reaped.attempt(), "a reaped attempt is counted");
    assertEquals(ErrorCode.STALLED, reaped.error().code());
    assertEquals(
        Map.of("run_id", running.runId(), "owner", String.valueOf(TestJobs.WORKER)),
        reaped.error().details());
    // Only RUNNING jobs are ever stale.
    assertFalse(JobTransitions.isStale(reaped, clock.instant(), STALE_AFTER));
  }

  @Test
  void aReapedJobWithoutAttemptsLeftFailsStalled() {
    JobSnapshot job = queued();
    for (int attempt = 1; attempt <= 3; attempt++) {
      JobSnapshot running = claimed(job);
      clock.advance(STALE_AFTER.plusSeconds(1));
      job = JobTransitions.reap(running, clock.instant(), STALE_AFTER).orElseThrow();
    }
    assertEquals(JobState.FAILED, job.state());
    assertEquals(ErrorCode.STALLED, job.error().code());
    assertTrue(job.error().retryable());
  }

  @Test
  void theFenceChecksTBeforeF() {
    JobSnapshot running = claimed(queued());
    JobSnapshot done =
        JobTransitions.complete(running, clock.instant(), running.runId(), manifest(running), null);
    // A stale run writing to an ended job hears that it ended, not that it lost its lease.
    TerminalStateConflictException t =
        assertThrows(
            TerminalStateConflictException.class, () -> JobTransitions.checkFence(done, "stale"));
    assertEquals("terminal_state_conflict", t.code());
    assertEquals("job " + ID + " already ended SUCCEEDED", t.getMessage());
    assertEquals(Map.of("state", "SUCCEEDED", "run_id", "stale"), t.details());
    assertEquals(Optional.of(ID.value()), t.jobId());
    assertFalse(t.retryable());

    LeaseLostException f =
        assertThrows(
            LeaseLostException.class, () -> JobTransitions.checkFence(running, "stale-run"));
    assertEquals("lease_lost", f.code());
    assertEquals("run stale-run no longer owns job " + ID, f.getMessage());
    assertEquals(
        Map.of("state", "RUNNING", "run_id", "stale-run", "current_run_id", running.runId()),
        f.details());

    LeaseLostException queued =
        assertThrows(LeaseLostException.class, () -> JobTransitions.checkFence(queued(), null));
    assertEquals(
        Map.of("state", "QUEUED", "run_id", "null", "current_run_id", "null"), queued.details());
    JobTransitions.checkFence(running, running.runId());
  }

  @Test
  void everyRunWriteIsFenced() {
    JobSnapshot running = claimed(queued());
    Instant now = clock.instant();
    String other = newRun();
    List<Write> writes =
        List.of(
            () -> JobTransitions.heartbeat(running, now, other, null, null),
            () -> JobTransitions.complete(running, now, other, manifest(running), null),
            () -> JobTransitions.fail(running, now, other, error(true), BACKOFF, null),
            () -> JobTransitions.release(running, now, other),
            () -> JobTransitions.markCanceled(running, now, other));
    for (Write w : writes) {
      assertThrows(LeaseLostException.class, w::run);
    }
  }

  @Test
  void aManifestMustDescribeTheStagedArtifact() {
    JobSnapshot running = claimed(queued());
    StagedArtifact staged =
        new StagedArtifact(running.id(), running.runId(), "ab".repeat(32), 3, "x");
    ArtifactManifest ok = TestJobs.manifest(running, staged, clock.instant());
    JobTransitions.checkManifest(running.id(), running.runId(), staged, ok);
    StagedArtifact other =
        new StagedArtifact(running.id(), running.runId(), "cd".repeat(32), 3, "x");
    IntegrityViolationException e =
        assertThrows(
            IntegrityViolationException.class,
            () -> JobTransitions.checkManifest(running.id(), running.runId(), other, ok));
    assertEquals(
        Map.of("staged_sha256", "cd".repeat(32), "manifest_sha256", "ab".repeat(32)), e.details());
  }

  @Test
  void theRepairOfImpossibleStatesKeepsTheAttempt() {
    JobSnapshot running = claimed(queued());
    JobSnapshot ownerless = running.toBuilder().owner(null).build();
    JobSnapshot repaired = JobTransitions.repair(ownerless, clock.instant()).orElseThrow();
    assertEquals(JobState.QUEUED, repaired.state());
    assertEquals(1, repaired.attempt());
    assertEquals(List.of(), JobInvariants.violations(repaired));
    assertEquals(Optional.empty(), JobTransitions.repair(running, clock.instant()));
  }

  @Test
  void aRunThatLostItsOwnerOnItsLastAttemptIsRepairedToFailedNotToAnUnclaimableQueued() {
    JobSnapshot job = queued();
    for (int attempt = 1; attempt < 3; attempt++) {
      JobSnapshot running = claimed(job);
      job = JobTransitions.fail(running, clock.instant(), running.runId(), error(true), null, null);
    }
    JobSnapshot last = claimed(job);
    JobSnapshot repaired =
        JobTransitions.repair(last.toBuilder().owner(null).build(), clock.instant()).orElseThrow();
    assertEquals(JobState.FAILED, repaired.state());
    assertEquals(ErrorCode.STALLED, repaired.error().code());
    assertEquals(List.of(), JobInvariants.violations(repaired));
    // A QUEUED record with no attempt left breaks Q, and is repaired the same way.
    JobSnapshot spent = job.toBuilder().attempt(3).build();
    assertEquals(List.of("Q: QUEUED job has no attempt left"), JobInvariants.violations(spent));
    assertEquals(
        JobState.FAILED, JobTransitions.repair(spent, clock.instant()).orElseThrow().state());
    // A cancel requested before the record broke still wins.
    JobSnapshot canceled =
        JobTransitions.repair(
                last.toBuilder().owner(null).cancelRequested(true).build(), clock.instant())
            .orElseThrow();
    assertEquals(JobState.CANCELED, canceled.state());
  }

  @Test
  void noFunctionReturnsARecordThatBreaksAnInvariant() {
    JobSnapshot running = claimed(queued());
    // A manifest for a SUCCEEDED job is required (S): completing without one is refused.
    assertThrows(
        IllegalStateException.class,
        () -> JobTransitions.complete(running, clock.instant(), running.runId(), null, null));
    assertThrows(
        NullPointerException.class,
        () -> JobTransitions.claim(queued(), clock.instant(), null, TestJobs.WORKER));
    assertThrows(
        IllegalStateException.class,
        () -> JobTransitions.claim(running, clock.instant(), newRun(), TestJobs.WORKER));
  }

  @Test
  void aSubmitReusesEveryJobButAFailedOrCanceledOne() {
    JobSnapshot q = queued();
    JobSnapshot running = claimed(q);
    JobSnapshot done =
        JobTransitions.complete(running, clock.instant(), running.runId(), manifest(running), null);
    JobSnapshot failed =
        JobTransitions.fail(running, clock.instant(), running.runId(), error(false), null, null);
    JobSnapshot canceled = JobTransitions.cancel(q, clock.instant()).orElseThrow();
    assertTrue(JobTransitions.isReusable(q));
    assertTrue(JobTransitions.isReusable(running));
    assertTrue(JobTransitions.isReusable(done));
    assertFalse(JobTransitions.isReusable(failed));
    assertFalse(JobTransitions.isReusable(canceled));
    assertEquals(TestJobs.job("a"), NewJob.from(q));
  }

  @Test
  void theRetryBackoffDoublesUpToItsMaximum() {
    Duration first = Duration.ofSeconds(2);
    Duration max = Duration.ofSeconds(10);
    assertEquals(Duration.ofSeconds(2), JobTransitions.retryBackoff(1, first, max));
    assertEquals(Duration.ofSeconds(4), JobTransitions.retryBackoff(2, first, max));
    assertEquals(Duration.ofSeconds(8), JobTransitions.retryBackoff(3, first, max));
    assertEquals(max, JobTransitions.retryBackoff(4, first, max));
    assertEquals(max, JobTransitions.retryBackoff(1_000, first, max));
    assertEquals(Duration.ZERO, JobTransitions.retryBackoff(5, Duration.ZERO, max));
    assertNotEquals(first, JobTransitions.retryBackoff(2, first, max));
  }
}

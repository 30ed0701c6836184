package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.spi.JobInvariants;

/**
 * The plain model behind the suite's property: what each job's state, attempt, run id and cancel
 * flag must be after a sequence of submit, claim, heartbeat, complete, fail, cancel, release, stale
 * writes, time passing with a reap, and store reopens.
 */
final class StoreModel {
  /** The operations a random sequence is made of. */
  enum Kind {
    SUBMIT,
    CLAIM,
    HEARTBEAT,
    COMPLETE,
    FAIL_RETRYABLE,
    FAIL_FINAL,
    CANCEL,
    RELEASE,
    STALE_WRITE,
    ADVANCE_AND_REAP,
    REOPEN
  }

  /** One operation; {@code arg} picks the job or the name it acts on. */
  record Op(Kind kind, int arg) {}

  private static final Duration STALE_AFTER = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = StoreJobs.MAX_ATTEMPTS;

  /** What the model expects of one job. */
  private static final class Expected {
    final JobId id;
    final String name;
    JobState state = JobState.QUEUED;
    int attempt;
    String runId;
    boolean cancelRequested;

    Expected(JobId id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private final JobStoreContract contract;
  private final Map<JobId, Expected> model = new LinkedHashMap<>();
  private final Map<String, JobId> byName = new HashMap<>();

  StoreModel(JobStoreContract contract) {
    this.contract = contract;
  }

  static Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op =
        Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 99))
            .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(40);
  }

  /** Applies one operation to the store and the model, checking what the store answered. */
  void step(Op op) {
    JobStore store = contract.store;
    List<Expected> jobs = new ArrayList<>(model.values());
    Expected target = jobs.isEmpty() ? null : jobs.get(op.arg() % jobs.size());
    switch (op.kind()) {
      case SUBMIT:
        {
          String name = "n" + (op.arg() % 6);
          JobId existing = byName.get(name);
          SubmitResult r = store.submit(StoreJobs.job(name));
          boolean reusable =
              existing != null
                  && model.get(existing).state != JobState.FAILED
                  && model.get(existing).state != JobState.CANCELED;
          if (reusable) {
            assertEquals(existing, r.job().id());
            assertEquals(false, r.created());
          } else {
            assertTrue(r.created());
            model.put(r.job().id(), new Expected(r.job().id(), name));
            byName.put(name, r.job().id());
          }
          return;
        }
      case CLAIM:
        {
          Optional<Expected> oldest =
              jobs.stream().filter(e -> e.state == JobState.QUEUED).findFirst();
          Optional<JobSnapshot> claimed = store.claim(StoreJobs.WORKER);
          assertEquals(oldest.map(e -> e.id), claimed.map(JobSnapshot::id));
          claimed.ifPresent(
              c -> {
                Expected e = model.get(c.id());
                e.state = JobState.RUNNING;
                e.attempt++;
                e.runId = c.runId();
                e.cancelRequested = false;
              });
          return;
        }
      case HEARTBEAT:
        if (target != null) {
          fenced(target, () -> store.heartbeat(target.id, writerRun(target), null, null));
        }
        return;
      case COMPLETE:
        if (target != null) {
          boolean ok =
              fenced(
                  target,
                  () ->
                      StoreJobs.completeWith(
                          store,
                          store.get(target.id).toBuilder().runId(writerRun(target)).build(),
                          "x\n"));
          if (ok) {
            // A requested cancel wins over a completion: nothing is published.
            target.state = target.cancelRequested ? JobState.CANCELED : JobState.SUCCEEDED;
          }
        }
        return;
      case FAIL_RETRYABLE:
      case FAIL_FINAL:
        if (target != null) {
          boolean retryable = op.kind() == Kind.FAIL_RETRYABLE;
          ErrorInfo err = new ErrorInfo(ErrorCode.BACKEND_FAILED, "x", Map.of(), retryable);
          boolean ok =
              fenced(
                  target, () -> store.fail(target.id, writerRun(target), err, Duration.ZERO, null));
          if (ok) {
            // A requested cancel wins over a retry.
            boolean requeue = retryable && target.attempt < MAX_ATTEMPTS;
            target.state =
                requeue && target.cancelRequested
                    ? JobState.CANCELED
                    : requeue ? JobState.QUEUED : JobState.FAILED;
            if (target.state == JobState.QUEUED) {
              target.runId = null;
            }
          }
        }
        return;
      case CANCEL:
        if (target != null) {
          JobSnapshot before = store.get(target.id);
          JobSnapshot after = store.cancel(target.id);
          if (target.state == JobState.QUEUED) {
            target.state = JobState.CANCELED;
          } else if (target.state == JobState.RUNNING) {
            target.cancelRequested = true;
            assertTrue(after.cancelRequested());
          } else {
            assertEquals(before, after, "cancel must not change an ended job");
          }
        }
        return;
      case RELEASE:
        if (target != null) {
          boolean ok = fenced(target, () -> store.release(target.id, writerRun(target)));
          if (ok && target.cancelRequested) {
            target.state = JobState.CANCELED;
          } else if (ok) {
            target.state = JobState.QUEUED;
            target.attempt--;
            target.runId = null;
          }
        }
        return;
      case STALE_WRITE:
        if (target != null && !target.state.isTerminal()) {
          String stale = UUID.randomUUID().toString();
          try {
            store.heartbeat(target.id, stale, null, null);
            throw new AssertionError("a stale run id was accepted");
          } catch (ConversionException e) {
            assertEquals("lease_lost", e.code());
          }
        }
        return;
      case ADVANCE_AND_REAP:
        contract.advanceTime(STALE_AFTER.plusSeconds(1));
        List<JobSnapshot> reaped = store.reap(STALE_AFTER);
        long running = jobs.stream().filter(e -> e.state == JobState.RUNNING).count();
        assertEquals(running, reaped.size());
        for (Expected e : jobs) {
          if (e.state == JobState.RUNNING) {
            e.state =
                e.cancelRequested
                    ? JobState.CANCELED
                    : e.attempt < MAX_ATTEMPTS ? JobState.QUEUED : JobState.FAILED;
          }
        }
        return;
      case REOPEN:
        contract.reopenStore();
        return;
      default:
        throw new AssertionError(op);
    }
  }

  /** The run id a worker of this job would write with: its own while RUNNING, else a dead one. */
  private static String writerRun(Expected e) {
    return e.runId != null ? e.runId : UUID.randomUUID().toString();
  }

  /** Runs a fenced write; checks it is refused exactly when the model says so. */
  private static boolean fenced(Expected target, Runnable write) {
    try {
      write.run();
    } catch (ConversionException e) {
      String expected = target.state.isTerminal() ? "terminal_state_conflict" : "lease_lost";
      assertTrue(target.state != JobState.RUNNING, "a fenced write of the owner was refused: " + e);
      assertEquals(expected, e.code());
      return false;
    }
    assertEquals(JobState.RUNNING, target.state, "a fenced write was accepted for " + target.state);
    return true;
  }

  /** Checks the store agrees with the model and every record satisfies the invariants. */
  void check() {
    JobStore store = contract.store;
    for (Expected e : model.values()) {
      JobSnapshot actual = store.get(e.id);
      assertEquals(e.state, actual.state(), "state of " + e.name);
      assertEquals(e.attempt, actual.attempt(), "attempt of " + e.name);
      if (e.state == JobState.RUNNING) {
        assertEquals(e.runId, actual.runId());
        assertEquals(e.cancelRequested, actual.cancelRequested());
      }
      assertEquals(List.of(), JobInvariants.violations(actual), "invariants of " + actual);
    }
    long total = store.counts().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(model.size(), total);
  }
}

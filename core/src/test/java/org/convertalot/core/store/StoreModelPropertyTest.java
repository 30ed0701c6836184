package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.core.store.spi.JobInvariants;
import org.convertalot.core.testing.MutableClock;
import org.convertalot.core.testing.TestJobs;

/**
 * Random sequences of submit, claim, heartbeat, complete, fail, cancel, release, reap with clock
 * advances and store reopens, run against the file store and a plain in-memory model. After every
 * step the store agrees with the model and every record satisfies the invariants.
 */
class StoreModelPropertyTest {

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

  record Op(Kind kind, int arg) {}

  /** What the model expects of one job. */
  static final class Expected {
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

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op =
        Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 99))
            .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 200)
  void storeFollowsTheModel(@ForAll("operations") List<Op> ops) throws IOException {
    Path dir = Files.createTempDirectory("convertalot-model-");
    MutableClock clock = MutableClock.atEpochDay();
    JobStore store = JobStores.openFileStore(dir, "model", clock);
    Map<JobId, Expected> model = new LinkedHashMap<>();
    Map<String, JobId> byName = new HashMap<>();
    try {
      for (Op op : ops) {
        store = step(store, op, model, byName, clock, dir);
        check(store, model);
      }
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
    } finally {
      store.close();
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static JobStore step(
      JobStore store,
      Op op,
      Map<JobId, Expected> model,
      Map<String, JobId> byName,
      MutableClock clock,
      Path dir) {
    List<Expected> jobs = new ArrayList<>(model.values());
    Expected target = jobs.isEmpty() ? null : jobs.get(op.arg() % jobs.size());
    switch (op.kind()) {
      case SUBMIT:
        {
          String name = "n" + (op.arg() % 6);
          JobId existing = byName.get(name);
          SubmitResult r = store.submit(TestJobs.job(name));
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
          return store;
        }
      case CLAIM:
        {
          Optional<Expected> oldest =
              jobs.stream().filter(e -> e.state == JobState.QUEUED).findFirst();
          Optional<JobSnapshot> claimed = store.claim(TestJobs.WORKER);
          assertEquals(oldest.map(e -> e.id), claimed.map(JobSnapshot::id));
          claimed.ifPresent(
              c -> {
                Expected e = model.get(c.id());
                e.state = JobState.RUNNING;
                e.attempt++;
                e.runId = c.runId();
                e.cancelRequested = false;
              });
          return store;
        }
      case HEARTBEAT:
        if (target != null) {
          fenced(target, () -> store.heartbeat(target.id, writerRun(target), null, null));
        }
        return store;
      case COMPLETE:
        if (target != null) {
          boolean ok =
              fenced(
                  target,
                  () ->
                      TestJobs.completeWith(
                          store,
                          store.get(target.id).toBuilder().runId(writerRun(target)).build(),
                          "x\n"));
          if (ok) {
            target.state = JobState.SUCCEEDED;
          }
        }
        return store;
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
            boolean requeue = retryable && target.attempt < 3;
            target.state =
                requeue && target.cancelRequested
                    ? JobState.CANCELED
                    : requeue ? JobState.QUEUED : JobState.FAILED;
            if (target.state == JobState.QUEUED) {
              target.runId = null;
            }
          }
        }
        return store;
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
        return store;
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
        return store;
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
        return store;
      case ADVANCE_AND_REAP:
        clock.advance(Duration.ofSeconds(31));
        List<JobSnapshot> reaped = store.reap(Duration.ofSeconds(30));
        long running = jobs.stream().filter(e -> e.state == JobState.RUNNING).count();
        assertEquals(running, reaped.size());
        for (Expected e : jobs) {
          if (e.state == JobState.RUNNING) {
            e.state =
                e.cancelRequested
                    ? JobState.CANCELED
                    : e.attempt < 3 ? JobState.QUEUED : JobState.FAILED;
          }
        }
        return store;
      case REOPEN:
        store.close();
        return JobStores.openFileStore(dir, "model", clock);
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

  private static void check(JobStore store, Map<JobId, Expected> model) {
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

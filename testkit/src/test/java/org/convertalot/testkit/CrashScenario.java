package org.convertalot.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.StagedArtifact;

/**
 * The child JVM of {@link CrashAtEveryDurableWriteTest}: submit, claim, stage, complete, fail
 * (retried and final), an idempotent resubmit and a canceled completion on a file store, printing
 * an {@code ACK} line after each call returned. With the crash hook set it halts part way.
 */
public final class CrashScenario {
  private CrashScenario() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    try (JobStore store = JobStores.openFileStore(root, "crash", Clock.systemUTC())) {
      JobSnapshot a = store.submit(StoreJobs.job("a")).job();
      ack("submit a " + a.id());
      JobSnapshot b = store.submit(StoreJobs.job("b")).job();
      ack("submit b " + b.id());

      JobSnapshot runA = store.claim(StoreJobs.WORKER).orElseThrow();
      ack("claim " + runA.id());
      StagedArtifact staged =
          store.stage(runA.id(), runA.runId(), "# a\n".getBytes(StandardCharsets.UTF_8));
      ack("stage " + runA.id());
      store.complete(
          runA.id(), runA.runId(), staged, StoreJobs.manifest(runA, staged, store.now()), Map.of());
      ack("end " + runA.id() + " SUCCEEDED");

      JobSnapshot runB = store.claim(StoreJobs.WORKER).orElseThrow();
      ack("claim " + runB.id());
      store.fail(runB.id(), runB.runId(), error(true), Duration.ZERO, Map.of());
      ack("end " + runB.id() + " QUEUED");
      JobSnapshot runB2 = store.claim(StoreJobs.WORKER).orElseThrow();
      ack("claim " + runB2.id());
      store.fail(runB2.id(), runB2.runId(), error(false), Duration.ZERO, Map.of());
      ack("end " + runB2.id() + " FAILED");

      JobSnapshot again = store.submit(StoreJobs.job("a")).job();
      ack("submit a " + again.id());

      JobSnapshot c = store.submit(StoreJobs.job("c")).job();
      ack("submit c " + c.id());
      JobSnapshot runC = store.claim(StoreJobs.WORKER).orElseThrow();
      ack("claim " + runC.id());
      StagedArtifact stagedC =
          store.stage(runC.id(), runC.runId(), "# c\n".getBytes(StandardCharsets.UTF_8));
      store.cancel(runC.id());
      ack("cancel " + runC.id());
      store.complete(
          runC.id(),
          runC.runId(),
          stagedC,
          StoreJobs.manifest(runC, stagedC, store.now()),
          Map.of());
      ack("end " + runC.id() + " CANCELED");
    }
    System.out.println("DONE");
  }

  private static ErrorInfo error(boolean retryable) {
    return new ErrorInfo(ErrorCode.BACKEND_FAILED, "test failure", Map.of(), retryable);
  }

  private static void ack(String line) {
    System.out.println("ACK " + line);
    System.out.flush();
  }
}

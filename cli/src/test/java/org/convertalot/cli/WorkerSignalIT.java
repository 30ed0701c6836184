package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.testkit.StoreJobs;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worker} from the real jar says when it starts and when it is idle, and a SIGTERM or SIGINT
 * mid-job ends it with exit 0 after handing the job back, as its help says.
 */
class WorkerSignalIT {
  @TempDir Path dir;

  @Test
  void aWorkerSaysItStartedAndIsIdleAndAStopHandsItsJobBackWithExitZero() throws Exception {
    Path data = dir.resolve("data");
    Path logs = dir.resolve("logs");
    submit(logs, data, TestPdf.write(dir.resolve("quick.pdf"), "Quick"), "noop");
    Processes.Started worker = Processes.cli(logs, "worker", "--data-root", data, "--workers", "1");
    awaitErr(worker, err -> err.contains("worker: idle, no job queued or running"));
    assertTrue(worker.err().contains("worker: 1 thread on "), worker.err());

    submit(logs, data, TestPdf.write(dir.resolve("slow.pdf"), "Slow"), SlowBackendProvider.ID);
    awaitErr(worker, err -> hasRunning(data));
    worker.process().destroy(); // SIGTERM

    assertEquals(0, worker.await(2), worker.err());
    assertTrue(
        worker.err().contains("worker: stopped; running jobs were handed back"), worker.err());
    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      var jobs = StoreJobs.listAll(store);
      assertEquals(JobState.SUCCEEDED, jobs.get(0).state(), jobs.toString());
      assertEquals(JobState.QUEUED, jobs.get(1).state(), jobs.toString());
    }
  }

  @Test
  void aWorkerOpensEncryptedPdfsWithThePasswordsItWasGiven() throws Exception {
    Path data = dir.resolve("data");
    Path logs = dir.resolve("logs");
    Path locked = InvalidInputJobsTest.encrypted(dir.resolve("locked.pdf"));
    submit(logs, data, locked, "pdfbox");
    Path passwords = java.nio.file.Files.writeString(dir.resolve("pw.txt"), "user-secret\n");

    Processes.Started worker =
        Processes.cli(
            logs, "worker", "--data-root", data, "--until-idle", "--password-file", passwords);

    assertEquals(0, worker.await(2), worker.err());
    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      assertEquals(JobState.SUCCEEDED, StoreJobs.listAll(store).get(0).state());
    }
  }

  private static boolean hasRunning(Path data) {
    try (var markers = java.nio.file.Files.list(data.resolve("running"))) {
      return markers.findAny().isPresent();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void submit(Path logs, Path data, Path pdf, String engine) throws Exception {
    Processes.Started submit =
        Processes.cli(
            logs, "submit", pdf, "--data-root", data, "--policy", "cpu_only", "--engine", engine);
    assertEquals(0, submit.await(2), submit.err());
  }

  /** Waits (bounded) until the worker's output, or the data root, shows what is expected. */
  private static void awaitErr(Processes.Started worker, Predicate<String> seen) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (seen.test(worker.err())) {
        return;
      }
      assertTrue(worker.process().isAlive(), worker.err());
      Thread.sleep(20);
    }
    throw new AssertionError("not seen in time:\n" + worker.err());
  }
}

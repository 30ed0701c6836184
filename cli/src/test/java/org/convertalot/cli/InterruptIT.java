package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.testkit.StoreJobs;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the real jar mid-batch: the run hands its running job back, says how far it got and how
 * to resume, and exits as the signal says; the data root holds no job left RUNNING. The test sends
 * SIGTERM, which runs the same shutdown as Ctrl-C's SIGINT (exit 130): a process started in the
 * background by a non-interactive shell (a CI script) inherits SIGINT ignored.
 */
class InterruptIT {
  @TempDir Path dir;

  @Test
  void ctrlCPrintsHowFarItGotAndHowToResume() throws Exception {
    Path docs = dir.resolve("docs");
    for (int i = 0; i < 3; i++) {
      TestPdf.write(docs.resolve("doc-" + i + ".pdf"), "Document " + i);
    }
    Path root = dir.resolve("root");
    Processes.Started run =
        Processes.cli(
            dir.resolve("logs"),
            "convert",
            docs,
            "--out",
            dir.resolve("out"),
            "--data-root",
            root,
            "--policy",
            "cpu_only",
            "--engine",
            SlowBackendProvider.ID,
            "--workers",
            "1");
    awaitRunningJob(root.resolve("running"), run);

    new ProcessBuilder("kill", "-TERM", Long.toString(run.process().pid())).start().waitFor();

    assertEquals(143, run.await(2), run.err());
    String err = run.err();
    assertTrue(err.contains("interrupted: 0 of 3 files ended (0 failed)"), err);
    assertTrue(err.contains("Run the same command again to resume"), err);
    try (JobStore store =
        JobStores.openFileStore(root, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      var jobs = StoreJobs.listAll(store);
      assertEquals(3, jobs.size(), jobs.toString());
      assertTrue(jobs.stream().allMatch(j -> j.state() == JobState.QUEUED), jobs.toString());
    }
  }

  /** Waits (bounded) until the run has claimed a job: its marker is in the running folder. */
  private static void awaitRunningJob(Path running, Processes.Started run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(running)) {
        try (Stream<Path> markers = Files.list(running)) {
          if (markers.findAny().isPresent()) {
            return;
          }
        }
      }
      assertTrue(run.process().isAlive(), run.err());
      Thread.sleep(20);
    }
    throw new AssertionError("no job started running:\n" + run.err());
  }
}

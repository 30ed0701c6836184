package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.convertalot.api.JobId;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue commands as separate processes, as an operator runs them: {@code submit} enqueues, a
 * {@code worker} process converts, {@code cancel} stops a job running in that other process, {@code
 * export} writes the results, and {@code status} counts them.
 */
class QueueCommandsIT {
  @TempDir Path dir;

  @Test
  void submitWorkCancelAndExportAcrossProcesses() throws Exception {
    Path data = dir.resolve("data");
    Path logs = dir.resolve("logs");
    Path quick = dir.resolve("quick");
    for (int i = 0; i < 3; i++) {
      TestPdf.write(quick.resolve("q" + i + ".pdf"), "quick " + i);
    }
    Path slowPdf = TestPdf.write(dir.resolve("slow.pdf"), "takes its time");

    Processes.Started submitQuick =
        Processes.cli(
            logs,
            "submit",
            quick,
            "--data-root",
            data,
            "--policy",
            "cpu_only",
            "--engine",
            "noop",
            "--json");
    assertEquals(0, submitQuick.await(2), submitQuick.err());
    JsonNode quickJobs = new ObjectMapper().readTree(Files.readString(submitQuick.stdout()));
    assertEquals(3, quickJobs.get("created").asInt());

    Processes.Started submitSlow =
        Processes.cli(
            logs,
            "submit",
            slowPdf,
            "--data-root",
            data,
            "--policy",
            "cpu_only",
            "--engine",
            "slow",
            "--json");
    assertEquals(0, submitSlow.await(2), submitSlow.err());
    JobId slow =
        JobId.of(
            new ObjectMapper()
                .readTree(Files.readString(submitSlow.stdout()))
                .get("jobs")
                .get(0)
                .get("job_id")
                .asText());

    Processes.Started worker =
        Processes.cli(
            logs,
            "worker",
            "--data-root",
            data,
            "--workers",
            2,
            "--heartbeat-ms",
            100,
            "--stale-after-ms",
            1_000);
    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      awaitState(store, slow, JobState.RUNNING);
      Processes.Started cancel = Processes.cli(logs, "cancel", slow, "--data-root", data);
      assertEquals(0, cancel.await(2), cancel.err());
      assertTrue(Files.readString(cancel.stdout()).contains("cancel requested"));
      awaitState(store, slow, JobState.CANCELED);
      assertFalse(
          Files.exists(data.resolve("artifacts").resolve(slow.value())), "nothing published");
      for (JsonNode j : quickJobs.get("jobs")) {
        awaitState(store, JobId.of(j.get("job_id").asText()), JobState.SUCCEEDED);
      }
    } finally {
      worker.process().destroy(); // SIGTERM: the shutdown hook hands running jobs back
      worker.process().waitFor(60, TimeUnit.SECONDS);
    }

    Path out = dir.resolve("out");
    Processes.Started export = Processes.cli(logs, "export", "--data-root", data, "--out", out);
    assertEquals(0, export.await(2), export.err());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(3, files.count());
    }
    assertEquals("# noop q1.pdf\n", Files.readString(out.resolve("q1.md")));

    Processes.Started status = Processes.cli(logs, "status", "--data-root", data, "--json");
    assertEquals(0, status.await(2), status.err());
    JsonNode counts = new ObjectMapper().readTree(Files.readString(status.stdout())).get("counts");
    assertEquals(3, counts.get("succeeded").asInt());
    assertEquals(1, counts.get("canceled").asInt());

    assertEquals(2, Processes.cli(logs, "cancel", "not-a-job-id", "--data-root", data).await(2));
    assertEquals(1, Processes.cli(logs, "cancel", "0".repeat(26), "--data-root", data).await(2));
    assertEquals(2, Processes.cli(logs, "worker", "--data-root", dir.resolve("missing")).await(2));
    assertFalse(Files.exists(dir.resolve("missing")), "a worker never creates a data root");
  }

  @Test
  void anotherNamespaceIsRefused() throws Exception {
    Path data = dir.resolve("data");
    Path pdf = TestPdf.write(dir.resolve("a.pdf"), "a");
    Path logs = dir.resolve("logs");
    assertEquals(
        0, Processes.cli(logs, "submit", pdf, "--data-root", data, "--namespace", "eval").await(2));
    Processes.Started wrong =
        Processes.cli(logs, "worker", "--data-root", data, "--namespace", "prod", "--until-idle");
    assertEquals(1, wrong.await(2));
    assertTrue(wrong.err().contains("data_root_conflict"), wrong.err());
  }

  private static void awaitState(JobStore store, JobId id, JobState state) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (store.get(id).state() != state) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " never reached " + state + ": " + store.get(id));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}

package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency of the file store (issue 15, item 4): a child JVM runs {@link CrashScenario}
 * and halts, as kill -9 would, right after its 1st, 2nd, ... durable write, until it no longer
 * reaches the crash point. After each crash the root is reopened: the invariants hold, verify is
 * clean, no request has two jobs, and every call the child saw return is still there.
 */
class CrashAtEveryDurableWriteTest {
  private static final String CRASH_PROPERTY = "convertalot.internal.test.crashAfterDurableWrites";

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aCrashAfterAnyDurableWriteLosesNothingAndDuplicatesNothing() throws Exception {
    int crashes = 0;
    for (int k = 1; ; k++) {
      Path root = dir.resolve("root-" + k);
      Run run = runScenario(root, k);
      if (run.exit == 0) {
        assertTrue(run.out.contains("DONE"), run.err);
        assertTrue(k > 10, "the scenario makes more than ten durable writes: " + k);
        break;
      }
      assertEquals(137, run.exit, "crash point " + k + ": " + run.err);
      crashes++;
      assertRecovered(root, run.acks, k);
    }
    System.out.printf("crash consistency: %d crash points, each recovered cleanly%n", crashes);
  }

  private void assertRecovered(Path root, List<String> acks, int k) {
    String at = "after a crash at durable write " + k + " (acks " + acks + ")";
    try (JobStore store = JobStores.openFileStore(root, "crash", Clock.systemUTC())) {
      VerifyReport report = store.verify();
      assertTrue(report.clean(), at + ": " + report.violations());
      assertEquals(List.of(), store.quarantined(), at);
      Map<String, List<JobSnapshot>> byName = byName(store);
      byName.forEach((name, jobs) -> assertEquals(1, jobs.size(), at + ": two jobs for " + name));

      // Every acknowledged call is still there.
      Map<JobId, JobState> ended = new HashMap<>();
      Map<String, JobId> submitted = new LinkedHashMap<>();
      for (String ack : acks) {
        String[] f = ack.split(" ");
        if (f[0].equals("submit")) {
          JobId previous = submitted.putIfAbsent(f[1], JobId.of(f[2]));
          assertTrue(previous == null || previous.value().equals(f[2]), at + ": resubmit " + ack);
        } else if (f[0].equals("end")) {
          ended.put(JobId.of(f[1]), JobState.valueOf(f[2]));
        }
      }
      submitted.forEach(
          (name, id) -> assertTrue(store.find(id).isPresent(), at + ": lost job " + name));
      for (Map.Entry<JobId, JobState> e : ended.entrySet()) {
        JobSnapshot job = store.get(e.getKey());
        JobState expected = e.getValue();
        if (expected == JobState.QUEUED) {
          // A later claim may have taken it; it must not have gone back before the ack.
          assertTrue(job.attempt() >= 1, at + ": " + job);
        } else {
          assertEquals(expected, job.state(), at + ": " + job);
        }
        if (job.state() == JobState.SUCCEEDED) {
          assertEquals(
              "# a\n", new String(store.readArtifact(job.manifest()), StandardCharsets.UTF_8));
        }
      }

      // Submitting every request again after the crash still makes no second job.
      for (String name : List.of("a", "b", "c")) {
        store.submit(StoreJobs.job(name));
      }
      byName(store)
          .forEach(
              (name, jobs) -> {
                long live =
                    jobs.stream()
                        .filter(j -> j.state() != JobState.FAILED && j.state() != JobState.CANCELED)
                        .count();
                assertTrue(live <= 1, at + ": two live jobs for " + name + ": " + jobs);
              });
    }
  }

  private static Map<String, List<JobSnapshot>> byName(JobStore store) {
    Map<String, List<JobSnapshot>> out = new LinkedHashMap<>();
    for (JobSnapshot job : StoreJobs.listAll(store)) {
      out.computeIfAbsent(job.source().name(), n -> new ArrayList<>()).add(job);
    }
    return out;
  }

  private record Run(int exit, String out, String err, List<String> acks) {}

  private static Run runScenario(Path root, int crashAfter)
      throws IOException, InterruptedException {
    List<String> command =
        ChildJvm.command(
            List.of(
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-D" + CRASH_PROPERTY + "=" + crashAfter),
            CrashScenario.class,
            JobStore.class);
    command.add(root.toString());
    Path out = Files.createTempFile("crash-out", ".txt");
    Path err = Files.createTempFile("crash-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("scenario did not end: " + Files.readString(err));
      }
      String stdout = Files.readString(out);
      List<String> acks = new ArrayList<>();
      for (String line : stdout.split("\n")) {
        if (line.startsWith("ACK ")) {
          acks.add(line.substring(4));
        }
      }
      return new Run(p.exitValue(), stdout, Files.readString(err), acks);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}

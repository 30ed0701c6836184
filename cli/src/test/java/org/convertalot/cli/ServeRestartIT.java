package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.server.ConversionClient;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server mid-batch: started again on the same data root, every job it had accepted
 * (answered 202) completes, once, with a verified result; nothing is listed twice.
 */
class ServeRestartIT {
  private static final String KEY = "restart-key-0123456789abcdef";
  private static final int JOBS = 120;

  @TempDir Path work;

  @Test
  void everyAcceptedJobCompletesOnceAfterAKillNine() throws Exception {
    Path pdfs = Files.createDirectories(work.resolve("pdfs"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      files.add(TestPdf.write(pdfs.resolve("p" + i + ".pdf"), "Restart page " + i));
    }
    String[] args = {
      "--data-root", work.resolve("data").toString(), "--port", "0", "--workers", "1"
    };
    Set<JobId> accepted = ConcurrentHashMap.newKeySet();
    ServeProcess first = ServeProcess.start(KEY, args);
    ConversionClient before = ConversionClient.builder(first.uri()).apiKey(KEY).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (Path file : files) {
      pool.submit(
          () -> {
            try {
              accepted.add(
                  before.submit(file, Policy.CPU_ONLY, Map.of(), Duration.ZERO).join().id());
            } catch (RuntimeException e) {
              // Refused or cut off by the kill: never accepted, so nothing is owed.
            }
          });
    }
    // Kill while submits are still arriving and jobs are running.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (accepted.size() < JOBS / 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    first.kill();
    pool.shutdownNow();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    Set<JobId> owed = new HashSet<>(accepted);
    assertTrue(owed.size() >= JOBS / 2, "accepted before the kill: " + owed.size());

    try (ServeProcess second = ServeProcess.start(KEY, args)) {
      ConversionClient after = ConversionClient.builder(second.uri()).apiKey(KEY).build();
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      Set<JobId> open = new HashSet<>(owed);
      while (!open.isEmpty() && System.nanoTime() < end) {
        for (JobId id : new ArrayList<>(open)) {
          JobSnapshot job = after.job(id).join();
          if (job.state().isTerminal()) {
            assertEquals(JobState.SUCCEEDED, job.state(), job.toString());
            open.remove(id);
          }
        }
        Thread.sleep(200);
      }
      assertTrue(open.isEmpty(), open.size() + " accepted jobs never completed");
      for (JobId id : owed) {
        assertTrue(after.result(id).join().markdown().contains("Restart page"), id.value());
      }
      Set<JobId> listed = new HashSet<>();
      for (JobSnapshot job : ServeLoadIT.allJobs(after)) {
        assertTrue(listed.add(job.id()), "listed twice: " + job.id());
      }
      assertTrue(listed.containsAll(owed));
      System.out.printf(
          "serve kill -9: %d of %d submits accepted before the kill, all completed once after"
              + " the restart (%d jobs listed)%n",
          owed.size(), JOBS, listed.size());
    }
  }
}

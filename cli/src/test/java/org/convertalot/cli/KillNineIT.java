package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs converting real PDFs are killed with SIGKILL at random moments and restarted. At the
 * end every job is SUCCEEDED exactly once with one published artifact, {@code verify} is clean, and
 * no temp, staged or run file is left behind. {@code -Dconvertalot.kills=N} raises the count (the
 * {@code stress} profile runs 100).
 */
class KillNineIT {
  private static final int KILLS = Integer.getInteger("convertalot.kills", 24);
  private static final int DOCUMENTS = 40;
  private static final int PAGES = 12;

  @TempDir Path dir;

  @Test
  void killedWorkersLoseNoJobAndPublishNothingTwice() throws Exception {
    Path data = dir.resolve("data");
    List<JobHandle> jobs = new ArrayList<>();
    try (ConversionRuntime submitter =
        ConvertALot.builder()
            .dataRoot(data)
            .workers(0)
            .maxAttempts(100)
            .backend(new LargeOutputBackendProvider().create())
            .build()) {
      for (int d = 0; d < DOCUMENTS; d++) {
        String[] pages = new String[PAGES];
        for (int p = 0; p < PAGES; p++) {
          pages[p] = "Document " + d + " page " + (p + 1) + " has some words on it.";
        }
        Path pdf = TestPdf.write(dir.resolve("in").resolve("doc-" + d + ".pdf"), pages);
        // A quarter of the jobs publish ~3 MB, so kills also land while an artifact is being
        // normalized, staged and published.
        String engine = d % 4 == 0 ? LargeOutputBackendProvider.ID : "pdfbox";
        jobs.add(
            submitter.submit(
                ConversionRequest.builder(pdf).policy(Policy.CPU_ONLY).engine(engine).build()));
      }
    }

    Random random = new Random(Long.getLong("convertalot.kill.seed", System.nanoTime()));
    int kills = 0;
    int killsWhileRunning = 0;
    int killsWhilePublishing = 0;
    int cycles = 0;
    while (kills < KILLS) {
      cycles++;
      List<Processes.Started> workers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        workers.add(worker(data, false));
      }
      boolean publishing;
      if (cycles % 2 == 1) {
        // A random moment: from JVM start-up through claims and engine runs.
        TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(2_200));
        publishing = staged(data) || publishingPhase(data);
      } else {
        // A targeted moment: as soon as a result is being normalized, staged or published.
        publishing = false;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (!publishing && System.nanoTime() < until) {
          publishing = staged(data) || publishingPhase(data);
        }
      }
      boolean running = countFiles(data.resolve("running")) > 0;
      for (Processes.Started w : workers) {
        w.kill();
        kills++;
      }
      killsWhileRunning += running ? 1 : 0;
      killsWhilePublishing += publishing ? 1 : 0;
    }

    Processes.Started last = worker(data, true);
    assertEquals(0, last.await(10), last.err());

    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      int reruns = 0;
      for (JobHandle h : jobs) {
        JobSnapshot job = store.get(h.id());
        assertEquals(JobState.SUCCEEDED, job.state(), job.toString());
        boolean large = job.engineHint().equals(LargeOutputBackendProvider.ID);
        assertEquals(large ? 1 : PAGES, job.manifest().pages());
        try (Stream<Path> files = Files.list(data.resolve("artifacts").resolve(h.id().value()))) {
          assertEquals(1, files.count(), "one published artifact for " + h.id());
        }
        String markdown =
            new String(store.readArtifact(job.manifest()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(
            large
                ? markdown.contains("Paragraph 39999 of " + job.source().sha256())
                : markdown.contains("page " + PAGES + " has some words"),
            job.id().value());
        reruns += job.attempt() - 1;
      }
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      assertEquals(DOCUMENTS, report.artifactsChecked());
      assertEquals(0, countFiles(data.resolve("staging")), "staged files left");
      assertEquals(0, countFiles(data.resolve("tmp")), "temp files left");
      assertEquals(0, countFiles(data.resolve("work")), "run temp files left");
      System.out.printf(
          "kill -9: %d kills in %d cycles (%d while jobs were RUNNING, %d while a result was being"
              + " normalized, staged or published); %d runs were lost and redone; %d jobs SUCCEEDED"
              + " once each, verify clean%n",
          kills, cycles, killsWhileRunning, killsWhilePublishing, reruns, DOCUMENTS);
    }
  }

  private Processes.Started worker(Path data, boolean untilIdle) throws IOException {
    List<Object> args =
        new ArrayList<>(
            List.of(
                "worker",
                "--data-root",
                data,
                "--workers",
                2,
                "--quiet",
                "--heartbeat-ms",
                20,
                "--stale-after-ms",
                500,
                "--reaper-interval-ms",
                100));
    if (untilIdle) {
      args.add("--until-idle");
    }
    return Processes.cli(dir.resolve("logs"), args.toArray());
  }

  private static boolean staged(Path data) throws IOException {
    return countFiles(data.resolve("staging")) > 0;
  }

  /** Whether a running job last reported a phase after its engine finished. */
  private static boolean publishingPhase(Path data) throws IOException {
    try (Stream<Path> markers = Files.list(data.resolve("running"))) {
      for (Path marker : (Iterable<Path>) markers::iterator) {
        Path record = data.resolve("jobs").resolve(marker.getFileName() + ".json");
        try {
          String json = Files.readString(record);
          if (json.contains("\"phase\":\"normalize\"") || json.contains("\"phase\":\"publish\"")) {
            return true;
          }
        } catch (IOException gone) {
          // Replaced or removed meanwhile.
        }
      }
    }
    return false;
  }

  /**
   * The regular files below a folder that live workers are changing: an entry that vanishes while
   * it is walked (a run's staging folder removed after its publish) is simply not counted.
   */
  private static long countFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    long[] count = {0};
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              count[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return count[0];
  }
}

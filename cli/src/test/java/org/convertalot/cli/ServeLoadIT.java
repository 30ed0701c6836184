package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.server.ConversionClient;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on a real server process: many concurrent clients submit distinct PDFs over loopback; every
 * accepted job is fetched and verified, none lost, none duplicated; status reads are timed. The
 * figures are printed for docs/benchmarks/http.md. {@code -Dserve.load.jobs} sets the count
 * (default 1,000), {@code -Dserve.load.clients} the clients (default 32).
 */
class ServeLoadIT {
  private static final String KEY = "load-key-0123456789abcdef";

  @TempDir Path work;

  @Test
  void everySubmittedJobIsFetchedOnceAndVerified() throws Exception {
    int jobs = Integer.getInteger("serve.load.jobs", 1000);
    int clients = Integer.getInteger("serve.load.clients", 32);
    Path pdfs = Files.createDirectories(work.resolve("pdfs"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      files.add(TestPdf.write(pdfs.resolve("p" + i + ".pdf"), "Load page " + i));
    }
    try (ServeProcess server =
        ServeProcess.start(
            KEY, "--data-root", work.resolve("data").toString(), "--port", "0", "--workers", "2")) {
      ConversionClient client =
          ConversionClient.builder(server.uri())
              .apiKey(KEY)
              .timeout(Duration.ofSeconds(60))
              .build();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      Set<JobId> ids = ConcurrentHashMap.newKeySet();
      long submitStart = System.nanoTime();
      List<Future<JobId>> submitted = new ArrayList<>();
      for (Path file : files) {
        submitted.add(
            pool.submit(
                () -> client.submit(file, Policy.CPU_ONLY, Map.of(), Duration.ZERO).join().id()));
      }
      for (Future<JobId> f : submitted) {
        assertTrue(ids.add(f.get(5, TimeUnit.MINUTES)), "a job id came back twice");
      }
      double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
      assertEquals(jobs, ids.size());

      // Status reads, timed, until every job has ended.
      List<Long> reads = Collections.synchronizedList(new ArrayList<>());
      Set<JobId> open = ConcurrentHashMap.newKeySet();
      open.addAll(ids);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        List<Future<?>> round = new ArrayList<>();
        for (JobId id : new ArrayList<>(open)) {
          round.add(
              pool.submit(
                  () -> {
                    long t0 = System.nanoTime();
                    JobSnapshot job = client.job(id).join();
                    reads.add(System.nanoTime() - t0);
                    if (job.state().isTerminal()) {
                      assertEquals(JobState.SUCCEEDED, job.state(), job.toString());
                      open.remove(id);
                    }
                  }));
        }
        for (Future<?> f : round) {
          f.get(5, TimeUnit.MINUTES);
        }
        Thread.sleep(200);
      }
      assertTrue(open.isEmpty(), open.size() + " jobs did not end in time");

      // Every result fetched and verified against its manifest, once each.
      Set<String> hashes = ConcurrentHashMap.newKeySet();
      List<Future<?>> fetches = new ArrayList<>();
      for (JobId id : ids) {
        fetches.add(
            pool.submit(
                () -> {
                  ConversionResult result = client.result(id).join();
                  assertTrue(hashes.add(result.manifest().sha256()), "two jobs, one result");
                }));
      }
      for (Future<?> f : fetches) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertEquals(jobs, hashes.size());
      Set<JobId> listed = new HashSet<>();
      for (JobSnapshot job : allJobs(client)) {
        assertTrue(listed.add(job.id()), "listed twice: " + job.id());
      }
      assertEquals(ids, listed);

      List<Long> sorted = new ArrayList<>(reads);
      Collections.sort(sorted);
      System.out.printf(
          "serve load: %d jobs from %d clients, submitted in %.1f s (%.0f/s); %d status reads:"
              + " p50 %.2f ms, p99 %.2f ms%n",
          jobs,
          clients,
          submitSeconds,
          jobs / submitSeconds,
          sorted.size(),
          sorted.get(sorted.size() / 2) / 1e6,
          sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
  }

  /** Every job the server lists, page by page. */
  static List<JobSnapshot> allJobs(ConversionClient client) {
    List<JobSnapshot> all = new ArrayList<>();
    JobPage page = client.list(PageRequest.first(PageRequest.MAX_LIMIT)).join();
    all.addAll(page.jobs());
    while (page.nextCursor().isPresent()) {
      page =
          client
              .list(PageRequest.after(page.nextCursor().getAsLong(), PageRequest.MAX_LIMIT))
              .join();
      all.addAll(page.jobs());
    }
    return all;
  }
}

package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.testkit.ChildJvm;
import org.convertalot.testkit.StoreJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources kept in the database (a worker that cannot see the submitter's files converts the job; a
 * source far larger than the heap streams through) and the purge of ended jobs.
 */
class PostgresSourcesTest {
  private static EmbeddedPg server;
  private static HikariDataSource pool;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPg.start();
    pool = server.pool(12);
  }

  @AfterAll
  static void stopServer() {
    pool.close();
    server.close();
  }

  private static String freshSchema() {
    return "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void aWorkerThatCannotSeeTheSubmittersFilesConvertsTheJobFromTheStore() throws Exception {
    String schema = freshSchema();
    Map<String, JobId> ids;
    try (PostgresJobStore submitter = PostgresJobStore.builder(pool).schema(schema).open()) {
      ids = PgJobs.submit(submitter, dir.resolve("submitter-only"), 5);
    }
    // The worker's machine has no such folder.
    try (var files = Files.list(dir.resolve("submitter-only"))) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir.resolve("submitter-only"));

    try (HikariDataSource workerPool = server.pool(6);
        PostgresJobStore store = PostgresJobStore.builder(workerPool).schema(schema).open();
        ConversionRuntime worker =
            ConvertALot.builder()
                .store(store)
                .workers(2)
                .serviceLoader(false)
                .backend(new NoopEngine(2, 0, name -> {}))
                .tempRoot(dir.resolve("worker-tmp"))
                .build()) {
      for (Map.Entry<String, JobId> e : ids.entrySet()) {
        ConversionResult result = worker.handle(e.getValue()).result().get(60, TimeUnit.SECONDS);
        JobSnapshot job = worker.job(e.getValue());
        assertEquals(JobState.SUCCEEDED, job.state());
        assertEquals(1, job.attempt(), "converted on the first attempt");
        assertTrue(
            result.markdown().contains("sha256 " + job.source().sha256()),
            "the engine got the submitted bytes: " + result.markdown());
      }
      assertTrue(store.verify().clean(), store.verify().violations()::toString);
    }
  }

  /** A runtime on {@code store} with only the no-op engine. */
  private ConversionRuntime noopRuntime(PostgresJobStore store, int workers, String temp) {
    return ConvertALot.builder()
        .store(store)
        .workers(workers)
        .serviceLoader(false)
        .backend(new NoopEngine(2, 0, name -> {}))
        .tempRoot(dir.resolve(temp))
        .build();
  }

  @Test
  void aRetryFromAMachineWithoutTheSubmittersFileUsesTheStoresCopy() throws Exception {
    String schema = freshSchema();
    Path pdf = Files.createDirectories(dir.resolve("submitter-only")).resolve("kept.pdf");
    Files.writeString(pdf, "%PDF-1.4 the bytes the store keeps");
    JobId canceled;
    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(schema).open();
        ConversionRuntime submitter = noopRuntime(store, 0, "submitter-tmp")) {
      canceled = submitter.submit(ConversionRequest.builder(pdf).build()).id();
      submitter.cancel(canceled);
    }
    Files.delete(pdf);

    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(schema).open();
        ConversionRuntime worker = noopRuntime(store, 1, "worker-tmp")) {
      JobHandle again = worker.retry(canceled);
      ConversionResult result = again.result().get(60, TimeUnit.SECONDS);

      JobSnapshot old = worker.job(canceled);
      assertEquals(JobState.CANCELED, old.state());
      assertEquals(old.source().sha256(), result.manifest().source().sha256());
      assertEquals("kept.pdf", worker.job(again.id()).source().name());
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSourceOfTwoHundredMegabytesGoesThroughAJvmWithSixtyFourMegabytesOfHeap() throws Exception {
    String schema = freshSchema();
    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      // Created here, so that the child only opens it.
    }
    int mebibytes = 200;
    List<String> command =
        ChildJvm.command(
            List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), BigSourceJvm.class);
    command.add(server.jdbcUrl() + "&currentSchema=" + schema);
    command.add(Integer.toString(mebibytes));
    command.add(dir.toString());
    Path log = dir.resolve("big-source.log");
    Process child =
        new ProcessBuilder(command)
            .redirectError(log.toFile())
            .directory(new File(System.getProperty("user.dir")))
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ended");
    assertEquals(0, child.exitValue(), () -> lines + "\n" + readQuietly(log));
    String sha256 =
        lines.stream()
            .filter(l -> l.startsWith(BigSourceJvm.SUBMITTED))
            .findFirst()
            .orElseThrow()
            .substring(BigSourceJvm.SUBMITTED.length() + 1);
    assertTrue(lines.contains("sha256 " + sha256), () -> lines + "\n" + readQuietly(log));
    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      long stored =
          PgJobs.count(pool, "SELECT sum(octet_length(bytes)) FROM " + schema + ".source_chunks");
      assertEquals(mebibytes * (1L << 20) + "%PDF-1.7\n".length(), stored);
      assertTrue(store.verify().clean(), store.verify().violations()::toString);
    }
  }

  @Test
  void purgeRemovesEndedJobsOlderThanTheAgeWithTheirArtifactsAndUnreferencedSources()
      throws Exception {
    AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    String schema = freshSchema();
    try (PostgresJobStore store =
        PostgresJobStore.builder(pool).schema(schema).clockOffset(offset::get).open()) {
      // More ended jobs than one batch holds, canceled while queued.
      int old = PostgresJobStore.PURGE_BATCH_SIZE * 2 + 37;
      for (int i = 0; i < old; i++) {
        JobSnapshot queued = store.submit(StoreJobs.job("old-" + i)).job();
        store.cancel(queued.id());
      }
      JobSnapshot oldSucceeded = succeed(store, StoreJobs.job("old-succeeded"));
      NewJob onlyOld = storedJob("only-old.pdf", "%PDF-1.4 referenced by an old job only");
      store.cancel(store.submit(onlyOld).job().id());
      NewJob shared = storedJob("shared.pdf", "%PDF-1.4 referenced by old and live jobs");
      store.cancel(store.submit(shared).job().id());
      store.submit(StoreJobs.job("old-running"));
      JobSnapshot oldRunning = store.claim(StoreJobs.WORKER).orElseThrow();

      offset.set(Duration.ofDays(2));
      JobSnapshot recent = succeed(store, StoreJobs.job("recent-succeeded"));
      JobSnapshot liveShared = store.submit(shared).job();
      assertEquals(
          2, PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".artifacts"), "artifacts");

      long purged = store.purge(Duration.ofDays(1));

      assertEquals(old + 3, purged, "the old ended jobs, and only those");
      assertEquals(3, PgJobs.all(store).size(), "the running, queued and recent jobs stay");
      assertEquals(JobState.RUNNING, store.get(oldRunning.id()).state());
      assertEquals(JobState.QUEUED, store.get(liveShared.id()).state());
      assertEquals(JobState.SUCCEEDED, store.get(recent.id()).state());
      assertTrue(store.find(oldSucceeded.id()).isEmpty());
      assertEquals(
          1,
          PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".artifacts"),
          "the recent job's artifact is the only one left");
      assertEquals(
          List.of(shared.source().sha256()),
          PgJobs.strings(pool, "SELECT sha256 FROM " + schema + ".sources"),
          "the source only the old job referenced is gone; the shared one stays");
      try (InputStream in = store.openSource(liveShared)) {
        assertArrayEquals(Files.readAllBytes(Path.of(shared.source().path())), in.readAllBytes());
      }
      assertTrue(store.verify().clean(), store.verify().violations()::toString);

      // A purged SUCCEEDED job no longer holds its key.
      JobSnapshot again = store.submit(StoreJobs.job("old-succeeded")).job();
      assertNotEquals(oldSucceeded.id(), again.id());
      assertEquals(JobState.QUEUED, again.state());

      assertEquals(0, store.purge(Duration.ofDays(1)), "nothing more is old enough");
      assertEquals(1, store.purge(Duration.ZERO), "age zero takes every ended job");
      assertThrows(IllegalArgumentException.class, () -> store.purge(Duration.ofSeconds(-1)));
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void purgesRacingSubmitsOfTheSameBytesNeverFailASubmitNorTakeALiveJobsSource() throws Exception {
    String schema = freshSchema();
    NewJob job = storedJob("raced.pdf", "%PDF-1.4 submitted and purged at once");
    String sha256 = job.source().sha256();
    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> submitters = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          // One key per thread: each job stays live until its own thread cancels it.
          NewJob mine =
              new NewJob(
                  job.source(),
                  Policy.CPU_ONLY,
                  null,
                  Map.of("thread", "t" + t),
                  Limits.DEFAULTS,
                  3);
          submitters.add(
              threads.submit(
                  () -> {
                    for (int i = 0; i < 150; i++) {
                      JobSnapshot submitted = store.submit(mine).job();
                      assertEquals(
                          List.of(sha256),
                          PgJobs.strings(
                              pool,
                              "SELECT k.sha256 FROM "
                                  + schema
                                  + ".jobs j JOIN "
                                  + schema
                                  + ".source_chunks k ON k.sha256 = j.stored_source WHERE j.id"
                                  + " = '"
                                  + submitted.id()
                                  + "'"),
                          "a live job's stored source is there");
                      store.cancel(submitted.id());
                    }
                    return null;
                  }));
        }
        Future<Long> purger =
            threads.submit(
                () -> {
                  long purged = 0;
                  while (!done.get()) {
                    purged += store.purge(Duration.ZERO);
                  }
                  return purged;
                });
        for (Future<?> f : submitters) {
          f.get();
        }
        done.set(true);
        assertTrue(purger.get() > 0, "the purges ran between the submits");
      } finally {
        threads.shutdownNow();
      }
      store.purge(Duration.ZERO);
      assertEquals(0, PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".jobs"));
      assertEquals(0, PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".sources"));
      assertEquals(0, PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".source_chunks"));
      assertTrue(store.verify().clean(), store.verify().violations()::toString);
    }
  }

  /** Submits, claims and completes a job. */
  private static JobSnapshot succeed(PostgresJobStore store, NewJob job) {
    store.submit(job);
    JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
    return StoreJobs.completeWith(store, running, "# done " + running.id() + "\n");
  }

  /** A job whose source is a real file here, so that the store keeps its bytes. */
  private NewJob storedJob(String name, String content) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content);
    byte[] bytes = Files.readAllBytes(file);
    SourceRef source = new SourceRef(file.toString(), name, Hashing.sha256Hex(bytes), bytes.length);
    return new NewJob(source, Policy.CPU_ONLY, null, Map.of(), Limits.DEFAULTS, 3);
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }
}

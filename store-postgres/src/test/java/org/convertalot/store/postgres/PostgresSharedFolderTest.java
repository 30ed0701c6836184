package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.testkit.StoreJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources and artifacts kept as files in a shared folder: the database holds only rows, workers
 * convert from the folder, reads are verified against the rows, and a purge removes the files no
 * row names once they are old enough.
 */
class PostgresSharedFolderTest {
  private static EmbeddedPg server;
  private static HikariDataSource pool;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPg.start();
    pool = server.pool(10);
  }

  @AfterAll
  static void stopServer() {
    pool.close();
    server.close();
  }

  @Test
  void workersConvertFromTheSharedFolderAndTheDatabaseHoldsOnlyRows() throws Exception {
    String schema = "shared_rows";
    Path shared = dir.resolve("shared");
    Map<String, JobId> ids;
    try (PostgresJobStore submitter =
        PostgresJobStore.builder(pool).schema(schema).sharedFolder(shared).open()) {
      ids = PgJobs.submit(submitter, dir.resolve("local"), 4);
    }
    deleteTree(dir.resolve("local")); // the workers never see the submitter's files

    try (PostgresJobStore store =
            PostgresJobStore.builder(pool).schema(schema).sharedFolder(shared).open();
        ConversionRuntime worker =
            ConvertALot.builder()
                .store(store)
                .workers(2)
                .serviceLoader(false)
                .backend(new NoopEngine(2, 0, name -> {}))
                .tempRoot(dir.resolve("tmp"))
                .build()) {
      JobId first = null;
      for (JobId id : ids.values()) {
        ConversionResult result = worker.handle(id).result().get(60, TimeUnit.SECONDS);
        assertTrue(result.markdown().contains("sha256 " + worker.job(id).source().sha256()));
        first = id;
      }
      assertEquals(0, PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".source_chunks"));
      assertEquals(
          0,
          PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".sources WHERE location IS NULL"));
      assertEquals(
          0,
          PgJobs.count(
              pool, "SELECT count(*) FROM " + schema + ".artifacts WHERE bytes IS NOT NULL"));
      assertEquals(4, files(shared.resolve("sources")).size());
      assertEquals(4, files(shared.resolve("artifacts")).size());
      PgJobs.assertOneArtifactEach(store, pool, schema, 4);

      // Another file in its place: the read checks it against the row and refuses it.
      JobSnapshot tampered = store.get(first);
      Path file =
          shared.resolve(
              PgJobs.strings(
                      pool,
                      "SELECT location FROM "
                          + schema
                          + ".artifacts WHERE run_id = '"
                          + tampered.manifest().runId()
                          + "'")
                  .get(0));
      Files.writeString(file, "# not what was converted\n", StandardCharsets.UTF_8);
      IntegrityViolationException e =
          assertThrows(
              IntegrityViolationException.class, () -> store.readArtifact(tampered.manifest()));
      assertEquals("integrity_violation", e.code());
      VerifyReport report = store.verify();
      assertFalse(report.clean());
      assertTrue(
          report.violations().toString().contains(first.value()), report.violations()::toString);
    }

    try (PostgresJobStore withoutFolder = PostgresJobStore.builder(pool).schema(schema).open()) {
      JobSnapshot job = withoutFolder.get(ids.values().iterator().next());
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> withoutFolder.openSource(job));
      assertEquals("configuration_error", e.code());
      assertTrue(e.getMessage().contains("sharedFolder"), e.getMessage());
    }
  }

  @Test
  void purgeRemovesTheFilesNoRowNamesOnceTheyAreAnHourOld() throws Exception {
    String schema = "shared_purge";
    Path shared = dir.resolve("shared");
    try (PostgresJobStore store =
        PostgresJobStore.builder(pool).schema(schema).sharedFolder(shared).open()) {
      Map<String, JobId> ids = PgJobs.submit(store, dir.resolve("in"), 3);
      List<JobId> jobs = List.copyOf(ids.values());
      store.cancel(jobs.get(0));
      JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
      StoreJobs.completeWith(store, running, "# done\n");
      JobId live =
          jobs.stream().filter(id -> !store.get(id).state().isTerminal()).findFirst().get();
      assertEquals(3, files(shared.resolve("sources")).size());
      assertEquals(1, files(shared.resolve("artifacts")).size());

      assertEquals(2, store.purge(Duration.ZERO), "the canceled and the succeeded job");
      assertEquals(3, files(shared.resolve("sources")).size(), "too young to sweep");
      assertEquals(1, files(shared.resolve("artifacts")).size(), "too young to sweep");

      Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
      for (Path file : files(shared)) {
        Files.setLastModifiedTime(file, FileTime.from(twoHoursAgo));
      }
      Path unfinished = shared.resolve("sources").resolve(".tmp-crashed-write.pdf");
      Files.writeString(unfinished, "partial");
      Files.setLastModifiedTime(unfinished, FileTime.from(twoHoursAgo));
      store.purge(Duration.ZERO);

      assertEquals(1, files(shared.resolve("sources")).size(), "the live job's source stays");
      assertEquals(0, files(shared.resolve("artifacts")).size());
      try (InputStream in = store.openSource(store.get(live))) {
        assertTrue(in.readAllBytes().length > 0);
      }
      assertTrue(store.verify().clean(), store.verify().violations()::toString);
    }
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static void deleteTree(Path folder) throws Exception {
    for (Path file : files(folder)) {
      Files.delete(file);
    }
    Files.delete(folder);
  }
}

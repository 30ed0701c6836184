package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.JobTotals;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.error.DataRootConflictException;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.testkit.StoreJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What only the PostgreSQL store has: its schema, its database clock, its sources and errors. */
class PostgresStoreTest {
  private static EmbeddedPg server;
  private static HikariDataSource pool;

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
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void theDatabaseClockWithAnOffsetDrivesClaimsBackoffAndTheReaper() {
    AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    try (JobStore store =
        PostgresJobStore.builder(pool).schema(freshSchema()).clockOffset(offset::get).open()) {
      Instant before = Instant.now();
      Instant now = store.now();
      assertTrue(
          Duration.between(before, now).abs().compareTo(Duration.ofSeconds(5)) < 0,
          "the database's clock: " + now + " vs " + before);
      store.submit(StoreJobs.job("clocked"));
      JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
      assertEquals(List.of(), store.reap(Duration.ofSeconds(30)));
      offset.set(Duration.ofMinutes(1));
      assertTrue(store.now().isAfter(running.heartbeatAt().plusSeconds(59)));
      List<JobSnapshot> reaped = store.reap(Duration.ofSeconds(30));
      assertEquals(1, reaped.size());
      assertEquals(JobState.QUEUED, reaped.get(0).state());
      assertEquals(2, store.claim(StoreJobs.WORKER).orElseThrow().attempt());
    }
  }

  @Test
  void manyJvmsOpeningOneSchemaAtOnceMigrateItOnce() throws Exception {
    String schema = freshSchema();
    int openers = 8;
    ExecutorService threads = Executors.newFixedThreadPool(openers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> opened = new ArrayList<>();
      for (int i = 0; i < openers; i++) {
        opened.add(
            threads.submit(
                () -> {
                  go.await();
                  try (JobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
                    return store.describe();
                  }
                }));
      }
      go.countDown();
      for (Future<String> f : opened) {
        assertEquals("postgres:" + schema, f.get(1, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(
        List.of("1", "2"),
        query("SELECT version FROM " + schema + ".schema_version ORDER BY version"));
  }

  @Test
  void aVersionOneSchemaGetsTheTotalsColumnsFilledFromTheRecordsItHolds() throws Exception {
    String schema = freshSchema();
    JobTotals expected;
    try (JobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      expected = StoreJobs.totalsScenario(store);
    }
    // The schema as version 1 left it, jobs included.
    execute(
        "ALTER TABLE "
            + schema
            + ".jobs DROP COLUMN result_pages, DROP COLUMN result_warned,"
            + " DROP COLUMN result_fell_back, DROP COLUMN error_code");
    execute("DELETE FROM " + schema + ".schema_version WHERE version = 2");

    try (JobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      assertEquals(expected, store.totals());
    }
    assertEquals(
        List.of("1", "2"),
        query("SELECT version FROM " + schema + ".schema_version ORDER BY version"));
  }

  @Test
  void aSchemaOfAnotherNamespaceOrANewerVersionIsRefused() throws Exception {
    String schema = freshSchema();
    PostgresJobStore.builder(pool).schema(schema).namespace("alpha").open().close();
    DataRootConflictException other =
        assertThrows(
            DataRootConflictException.class,
            () -> PostgresJobStore.builder(pool).schema(schema).namespace("beta").open());
    assertEquals("alpha", other.details().get("namespace"));
    execute("INSERT INTO " + schema + ".schema_version (version) VALUES (99)");
    DataRootConflictException newer =
        assertThrows(
            DataRootConflictException.class,
            () -> PostgresJobStore.builder(pool).schema(schema).namespace("alpha").open());
    assertEquals("99", newer.details().get("version"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PostgresJobStore.builder(pool).schema("Robert'); DROP TABLE jobs;--").open());
  }

  @Test
  void theSchemaRefusesRowsThatBreakTheInvariants() throws Exception {
    String schema = freshSchema();
    try (JobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      JobSnapshot queued = store.submit(StoreJobs.job("q")).job();
      SQLException q =
          assertThrows(
              SQLException.class,
              () ->
                  execute(
                      "UPDATE "
                          + schema
                          + ".jobs SET run_id = 'x' WHERE id = '"
                          + queued.id().value()
                          + "'"));
      assertEquals("23514", q.getSQLState(), q.getMessage());
      SQLException r =
          assertThrows(
              SQLException.class,
              () -> execute("UPDATE " + schema + ".jobs SET state = 'RUNNING'"));
      assertEquals("23514", r.getSQLState(), r.getMessage());
      SQLException s =
          assertThrows(
              SQLException.class,
              () -> execute("UPDATE " + schema + ".jobs SET state = 'SUCCEEDED'"));
      assertEquals("23514", s.getSQLState(), s.getMessage());
      SQLException key =
          assertThrows(
              SQLException.class,
              () ->
                  execute(
                      "INSERT INTO "
                          + schema
                          + ".jobs SELECT 'other', 99, state, idem_key, not_before, run_id,"
                          + " owner, started_at, heartbeat_at, stale_after_ms, attempt,"
                          + " max_attempts, cancel_requested, manifest_sha256, source_sha256,"
                          + " updated_at, record FROM "
                          + schema
                          + ".jobs"));
      assertEquals("23505", key.getSQLState(), key.getMessage());
      assertTrue(store.verify().clean());
    }
  }

  @Test
  void submitKeepsTheSourceBytesSoThatAnotherMachineCanConvertTheJob(@TempDir Path dir)
      throws Exception {
    byte[] pdf = "%PDF-1.4 not really\n".getBytes(StandardCharsets.US_ASCII);
    Path file = Files.write(dir.resolve("in.pdf"), pdf);
    SourceRef source = new SourceRef(file.toString(), "in.pdf", Hashing.sha256Hex(pdf), pdf.length);
    NewJob job = new NewJob(source, Policy.CPU_ONLY, null, Map.of(), Limits.DEFAULTS, 3);
    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(freshSchema()).open()) {
      JobSnapshot submitted = store.submit(job).job();
      Files.delete(file);
      try (InputStream in = store.openSource(submitted)) {
        assertArrayEquals(pdf, in.readAllBytes());
      }
      // A path this process cannot read is left to the file system: workers read it there.
      JobSnapshot elsewhere = store.submit(StoreJobs.job("not-on-this-machine")).job();
      UncheckedIOException gone =
          assertThrows(UncheckedIOException.class, () -> store.openSource(elsewhere));
      assertTrue(gone.getCause() instanceof NoSuchFileException, gone.toString());

      byte[] other = "%PDF-1.4 other bytes\n".getBytes(StandardCharsets.US_ASCII);
      Path changed = Files.write(dir.resolve("changed.pdf"), other);
      // Hashed before the file changed: the stored hash no longer matches its bytes.
      String stale =
          Hashing.sha256Hex("%PDF-1.4 before it changed".getBytes(StandardCharsets.US_ASCII));
      SourceRef lying = new SourceRef(changed.toString(), "changed.pdf", stale, other.length);
      NewJob lie = new NewJob(lying, Policy.CPU_ONLY, "x", Map.of(), Limits.DEFAULTS, 3);
      IntegrityViolationException e =
          assertThrows(IntegrityViolationException.class, () -> store.submit(lie));
      assertEquals("integrity_violation", e.code());
      assertEquals(2, store.counts().get(JobState.QUEUED), "the refused submit left nothing");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theTimeReadWithARowLockIsNeverBeforeTheWriteItWaitedFor() throws Exception {
    try (PostgresJobStore store = PostgresJobStore.builder(pool).schema(freshSchema()).open()) {
      store.submit(StoreJobs.job("locked"));
      JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try (Connection holder = pool.getConnection()) {
        holder.setAutoCommit(false);
        // Another transaction writes the row and keeps it locked.
        try (PreparedStatement ps =
            holder.prepareStatement(
                "UPDATE " + store.schema() + ".jobs SET updated_at = updated_at WHERE id = ?")) {
          ps.setString(1, running.id().value());
          assertEquals(1, ps.executeUpdate());
        }
        Future<JobSnapshot> heartbeat =
            thread.submit(() -> store.heartbeat(running.id(), running.runId(), null, null));
        // The heartbeat's locking read waits for the holder (polled, not slept for).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (query(
                "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE"
                    + " '%clock_timestamp() AS at%FOR UPDATE'")
            .isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "the heartbeat never waited for the lock");
          Thread.onSpinWait();
        }
        Instant released;
        try (Statement st = holder.createStatement();
            ResultSet rs = st.executeQuery("SELECT clock_timestamp()")) {
          rs.next();
          released = rs.getObject(1, OffsetDateTime.class).toInstant();
        }
        holder.commit();
        JobSnapshot after = heartbeat.get(30, TimeUnit.SECONDS);
        assertTrue(
            after.heartbeatAt().isAfter(released),
            "heartbeat at " + after.heartbeatAt() + ", the lock was released after " + released);
      } finally {
        thread.shutdownNow();
      }
    }
  }

  @Test
  void anUnreachableDatabaseIsStoreUnavailableWithAReason() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2");
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(500);
    try (HikariDataSource nowhere = new HikariDataSource(config)) {
      StoreUnavailableException atOpen =
          assertThrows(
              StoreUnavailableException.class,
              () -> PostgresJobStore.builder(nowhere).schema(freshSchema()).open());
      assertEquals("store_unavailable", atOpen.code());
      assertEquals("connection_lost", atOpen.details().get("reason"), atOpen.details().toString());
      assertEquals("08001", atOpen.details().get("sql_state"));
    }

    HikariDataSource closing = server.pool(1);
    PostgresJobStore store = PostgresJobStore.builder(closing).schema(freshSchema()).open();
    closing.close();
    StoreUnavailableException later =
        assertThrows(StoreUnavailableException.class, () -> store.submit(StoreJobs.job("x")));
    assertTrue(later.retryable());
    assertEquals(store.schema(), later.details().get("schema"));
    assertTrue(later.details().containsKey("reason"), later.details().toString());
  }

  private static void execute(String sqlText) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sqlText);
    }
  }

  private static List<String> query(String sqlText) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sqlText)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}

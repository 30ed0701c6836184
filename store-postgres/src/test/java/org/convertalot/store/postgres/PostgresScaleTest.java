package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.store.postgres.internal.PgJobStore;
import org.convertalot.testkit.StoreJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The claim at a million queued jobs: the planner takes the partial index {@code jobs_queued} and
 * the claim touches a handful of pages, as at ten jobs, so its cost does not grow with the queue.
 * Counted in buffers read, not in time, so that a busy machine cannot make it pass or fail.
 */
class PostgresScaleTest {
  private static final int QUEUED = 1_000_000;

  /** Pages an index descent and one heap fetch touch, with room for a few dead entries. */
  private static final int MAX_BLOCKS = 40;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aClaimAtAMillionQueuedJobsTouchesAFewPagesThroughThePartialIndex() throws Exception {
    String schema = "scale";
    try (EmbeddedPg server = EmbeddedPg.start();
        HikariDataSource pool = server.pool(4);
        PostgresJobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      JobSnapshot head = store.submit(StoreJobs.job("head")).job();
      String plan = claimPlan(pool, schema);
      // A million rows behind the head: nine in ten queued, the rest ended.
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO "
                + schema
                + ".jobs (id, seq, state, idem_key, attempt, max_attempts, cancel_requested,"
                + " source_sha256, updated_at, record, not_before) SELECT 'bulk-' || g, 1000 + g,"
                + " CASE WHEN g % 10 = 0 THEN 'FAILED' ELSE 'QUEUED' END, 'bulk-' || g, 0, 3,"
                + " false, 'x', now(), '', NULL FROM generate_series(1, "
                + QUEUED
                + ") g");
        st.execute("ANALYZE " + schema + ".jobs");
      }
      assertEquals(
          QUEUED * 9 / 10 + 1,
          PgJobs.count(pool, "SELECT count(*) FROM " + schema + ".jobs WHERE state = 'QUEUED'"));

      String bigPlan = claimPlan(pool, schema);
      assertTrue(bigPlan.contains("\"Index Name\": \"jobs_queued\""), bigPlan);
      assertFalse(bigPlan.contains("Seq Scan"), bigPlan);
      assertFalse(bigPlan.contains("\"Node Type\": \"Sort\""), bigPlan);
      int small = blocks(plan);
      int big = blocks(bigPlan);
      System.out.printf(
          "postgres claim plan: %d blocks at 1 queued job, %d at %,d%n", small, big, QUEUED);
      assertTrue(big <= MAX_BLOCKS, "blocks at a million: " + big + " (at one job: " + small + ")");

      JobSnapshot claimed = store.claim(StoreJobs.WORKER).orElseThrow();
      assertEquals(head.id(), claimed.id(), "the first submitted job is claimed first");
      assertEquals(JobState.RUNNING, store.get(head.id()).state());
    }
  }

  /** The claim query's executed plan (in a transaction rolled back, so nothing stays locked). */
  private static String claimPlan(HikariDataSource pool, String schema) throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + PgJobStore.claimQuery(schema))) {
        ps.setObject(1, null, Types.TIMESTAMP_WITH_TIMEZONE); // the database's clock
        ps.setLong(2, 0); // no offset
        try (ResultSet rs = ps.executeQuery()) {
          StringBuilder out = new StringBuilder();
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
          return out.toString();
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** The plan's top node's shared blocks, hit and read: every page the claim touched. */
  private static int blocks(String plan) {
    return first(plan, "Shared Hit Blocks") + first(plan, "Shared Read Blocks");
  }

  private static int first(String plan, String field) {
    Matcher m = Pattern.compile("\"" + field + "\": (\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    return Integer.parseInt(m.group(1));
  }
}

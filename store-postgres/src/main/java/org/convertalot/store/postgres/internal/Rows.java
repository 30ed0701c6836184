package org.convertalot.store.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.spi.JobCodec;

/**
 * The {@code jobs} table: a row is the record as {@link JobCodec} JSON plus the columns that the
 * queries and constraints need, all derived from the record in the same write.
 *
 * <p>Guarantees: every write puts the whole record and every derived column in one statement, so a
 * row never disagrees with itself; every update carries a guard (the state, and for a run's writes
 * the run id) and reports whether it changed the row, so that a caller holding the row lock can
 * tell a lost fence from a success. Reads decode with {@link JobCodec}; a record it cannot read is
 * {@code store_unavailable} with reason {@code unreadable_record}.
 */
final class Rows {
  /** The columns a reader selects to decode a job. */
  static final String RECORD = "id, record";

  private static final String SET =
      "state = ?, not_before = ?, run_id = ?, owner = ?, started_at = ?, heartbeat_at = ?,"
          + " stale_after_ms = ?, attempt = ?, cancel_requested = ?, manifest_sha256 = ?,"
          + " result_pages = ?, result_warned = ?, result_fell_back = ?, error_code = ?,"
          + " updated_at = ?, record = ?";

  private final Sql sql;
  private final JobCodec codec = new JobCodec();

  Rows(Sql sql) {
    this.sql = sql;
  }

  /** Inserts a submitted job; false when a live job already holds its idempotency key. */
  boolean insert(Connection c, JobSnapshot job, String key, boolean sourceStored)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertSql())) {
      bindInsert(ps, 1, job, key, sourceStored);
      return ps.executeUpdate() == 1;
    }
  }

  /** The job row's {@code INSERT}, doing nothing when a live job holds the key. */
  String insertSql() {
    return "INSERT INTO "
        + sql.table("jobs")
        + " (id, seq, idem_key, source_sha256, max_attempts, state, not_before, run_id,"
        + " owner, started_at, heartbeat_at, stale_after_ms, attempt, cancel_requested,"
        + " manifest_sha256, result_pages, result_warned, result_fell_back, error_code,"
        + " updated_at, record, stored_source)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (idem_key) WHERE state NOT IN ('FAILED', 'CANCELED') DO NOTHING";
  }

  /**
   * Binds {@link #insertSql()}'s parameters from {@code first} on.
   *
   * @return the index after the last one bound
   */
  int bindInsert(PreparedStatement ps, int first, JobSnapshot job, String key, boolean stored)
      throws SQLException {
    ps.setString(first, job.id().value());
    ps.setLong(first + 1, job.sequence());
    ps.setString(first + 2, key);
    ps.setString(first + 3, job.source().sha256());
    ps.setInt(first + 4, job.maxAttempts());
    int next = bind(ps, first + 5, job);
    ps.setString(next, stored ? job.source().sha256() : null);
    return next + 1;
  }

  /**
   * Writes {@code next} over the row when it is still in {@code state} (and, for a run's write,
   * held by {@code runId}).
   *
   * @return whether the row changed
   */
  boolean update(Connection c, JobSnapshot next, String state, String runId) throws SQLException {
    String guard = runId == null ? "" : " AND run_id = ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + sql.table("jobs")
                + " SET "
                + SET
                + " WHERE id = ? AND state = ?"
                + guard)) {
      int i = bind(ps, 1, next);
      ps.setString(i++, next.id().value());
      ps.setString(i++, state);
      if (runId != null) {
        ps.setString(i, runId);
      }
      return ps.executeUpdate() == 1;
    }
  }

  /** Binds the derived columns and the record from {@code first}; returns the next index. */
  private int bind(PreparedStatement ps, int first, JobSnapshot job) throws SQLException {
    int i = first;
    ps.setString(i++, job.state().name());
    ps.setObject(i++, Sql.ts(job.notBefore()));
    ps.setString(i++, job.runId());
    ps.setString(i++, job.owner() == null ? null : job.owner().toString());
    ps.setObject(i++, Sql.ts(job.startedAt()));
    ps.setObject(i++, Sql.ts(job.heartbeatAt()));
    if (job.owner() == null || job.owner().staleAfter() == null) {
      ps.setNull(i++, Types.BIGINT);
    } else {
      ps.setLong(i++, job.owner().staleAfter().toMillis());
    }
    ps.setInt(i++, job.attempt());
    ps.setBoolean(i++, job.cancelRequested());
    ps.setString(i++, job.manifest() == null ? null : job.manifest().sha256());
    // What the totals add up (JobTotals.Tally's rule), so that they are a scan of columns.
    boolean succeeded = job.state() == JobState.SUCCEEDED && job.manifest() != null;
    ps.setObject(i++, succeeded ? job.manifest().pages() : null, Types.INTEGER);
    ps.setObject(i++, succeeded ? !job.warnings().isEmpty() : null, Types.BOOLEAN);
    ps.setObject(i++, succeeded ? job.manifest().fallbackReason() != null : null, Types.BOOLEAN);
    ps.setString(
        i++,
        job.state() == JobState.FAILED && job.error() != null ? job.error().code().code() : null);
    ps.setObject(i++, Sql.ts(job.updatedAt()));
    ps.setString(i++, codec.writeString(job));
    return i;
  }

  /** A row locked for update, with the store's time read in the same statement. */
  record Locked(JobSnapshot job, Instant now) {}

  /**
   * The job locked for update, and the store's time, in one round trip. The time is read after the
   * lock: when the row was changed by the transaction this one waited for, PostgreSQL evaluates the
   * row's output again on the new version, so the time is never before the last write of the row.
   */
  Optional<Locked> lockTimed(Connection c, JobId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + RECORD
                + ", clock_timestamp() AS at FROM "
                + sql.table("jobs")
                + " WHERE id = ? FOR UPDATE")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Locked(decode(rs), sql.at(rs.getObject("at", OffsetDateTime.class))));
      }
    }
  }

  /** The job, locked against updates (not against other readers) in this transaction. */
  Optional<JobSnapshot> share(Connection c, JobId id) throws SQLException {
    return read(c, id, " FOR SHARE");
  }

  /** The job as of now, without a lock. */
  Optional<JobSnapshot> read(Connection c, JobId id) throws SQLException {
    return read(c, id, "");
  }

  private Optional<JobSnapshot> read(Connection c, JobId id, String lock) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + RECORD + " FROM " + sql.table("jobs") + " WHERE id = ?" + lock)) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
      }
    }
  }

  /** The live job holding an idempotency key, when there is one. */
  Optional<JobSnapshot> liveWithKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + RECORD
                + " FROM "
                + sql.table("jobs")
                + " WHERE idem_key = ? AND state NOT IN ('FAILED', 'CANCELED')")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        JobSnapshot job = decode(rs);
        // The index admits only live jobs; the check keeps the rule in JobTransitions.
        return JobTransitions.isReusable(job) ? Optional.of(job) : Optional.empty();
      }
    }
  }

  /** Decodes the row under the cursor (columns {@link #RECORD}). */
  JobSnapshot decode(ResultSet rs) throws SQLException {
    String record = rs.getString("record");
    try {
      return codec.readString(record);
    } catch (IOException e) {
      String id = rs.getString("id");
      throw new StoreUnavailableException(
          "job " + id + " in postgres schema " + sql.schema() + " is unreadable: " + e.getMessage(),
          Map.of("schema", sql.schema(), "reason", "unreadable_record", "job_id", id),
          e);
    }
  }
}

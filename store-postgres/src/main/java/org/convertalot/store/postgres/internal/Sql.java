package org.convertalot.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.convertalot.api.error.StoreUnavailableException;

/**
 * Connections, transactions, the store's clock and the mapping of SQL errors for one schema.
 *
 * <p>Guarantees: every body of {@link #tx} runs in its own transaction (READ COMMITTED) that
 * commits only when the body returns, and rolls back on any exception; a body of {@link #read} runs
 * each statement on its own; a serialization failure or deadlock is retried a few times; every
 * other {@link SQLException} reaches the caller as {@code store_unavailable} naming the schema,
 * with the SQL state and a reason. Every time the store writes comes from {@link #now(Connection)}:
 * the database's {@code clock_timestamp()} (or an injected clock) plus the offset, truncated to the
 * microseconds PostgreSQL keeps.
 */
final class Sql {
  private static final int RETRIES = 5;

  private final DataSource dataSource;
  private final String schema;
  private final Clock clock;
  private final Supplier<Duration> offset;

  Sql(DataSource dataSource, String schema, Clock clock, Supplier<Duration> offset) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.clock = clock;
    this.offset = offset;
  }

  /** A transaction's body. */
  interface Body<T> {
    T run(Connection c) throws Exception;
  }

  String schema() {
    return schema;
  }

  /** A table's name qualified by the schema. */
  String table(String name) {
    return schema + "." + name;
  }

  /** Runs {@code body} in one transaction, retried on serialization failures and deadlocks. */
  <T> T tx(String what, Body<T> body) {
    return run(what, body, false, false);
  }

  /**
   * Runs a body whose each statement commits on its own (autocommit), for a write that is one
   * statement: no BEGIN or COMMIT round trip. Not retried when the connection is lost, since the
   * statement may have committed.
   */
  <T> T single(String what, Body<T> body) {
    return run(what, body, true, false);
  }

  /**
   * Runs a body that only reads, retried also when the connection was lost: nothing it did can have
   * changed the database, so trying again on another connection is safe. After a restart of the
   * database a pool hands out connections the server closed, and a read should not fail for that.
   */
  <T> T read(String what, Body<T> body) {
    return run(what, body, true, true);
  }

  private <T> T run(String what, Body<T> body, boolean autocommit, boolean readOnly) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        if (autocommit) {
          // Each statement its own snapshot, without BEGIN and COMMIT round trips.
          c.setAutoCommit(true);
          return body.run(c);
        }
        c.setAutoCommit(false);
        try {
          T result = body.run(c);
          c.commit();
          return result;
        } catch (Exception | Error e) {
          rollbackQuietly(c, e);
          throw e;
        }
      } catch (SQLException e) {
        if ((retryable(e) || readOnly && connectionLost(e)) && attempt < RETRIES) {
          continue;
        }
        throw unavailable(what, e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new StoreUnavailableException(
            "cannot " + what + " in postgres schema " + schema + ": " + e,
            Map.of("schema", schema, "reason", "io"),
            e);
      }
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static boolean connectionLost(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    // 08: connection exceptions; 57P01-03: the server shut down or is starting.
    return state.startsWith("08") || state.startsWith("57P");
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** {@code store_unavailable} for a failed statement, with a reason a user can act on. */
  StoreUnavailableException unavailable(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("schema", schema);
    details.put("reason", reason(state));
    if (!state.isEmpty()) {
      details.put("sql_state", state);
    }
    return new StoreUnavailableException(
        "cannot " + what + " in postgres schema " + schema + ": " + e.getMessage(), details, e);
  }

  private static String reason(String state) {
    if (state.startsWith("08")) {
      return "connection_lost";
    }
    if (state.startsWith("28")) {
      return "authentication_failed";
    }
    if (state.startsWith("53")) {
      return "insufficient_resources";
    }
    if (state.startsWith("57")) {
      return "server_shutting_down";
    }
    if (state.startsWith("42")) {
      return "schema_mismatch";
    }
    if (state.startsWith("23")) {
      return "constraint_violated";
    }
    if (state.startsWith("40")) {
      return "transaction_conflict";
    }
    return state.isEmpty() ? "no_connection" : "sql_error";
  }

  /** The store's time within a transaction: after the row locks it took, so it never runs back. */
  Instant now(Connection c) throws SQLException {
    if (clock != null) {
      return at(null);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return at(rs.getObject(1, OffsetDateTime.class));
    }
  }

  /**
   * The store's time as SQL, for a statement that filters by it without a round trip of its own: an
   * injected clock's time when there is one, else the database's clock plus the offset. Its two
   * parameters are bound by {@link #bindTime}.
   */
  static final String TIME =
      "coalesce(?::timestamptz, clock_timestamp() + ? * interval '1 microsecond')";

  /** Binds the two parameters of {@link #TIME} from {@code first} on. */
  void bindTime(PreparedStatement ps, int first) throws SQLException {
    ps.setObject(
        first,
        clock == null
            ? null
            : ts(clock.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS)),
        Types.TIMESTAMP_WITH_TIMEZONE);
    ps.setLong(first + 1, TimeUnit.NANOSECONDS.toMicros(offset.get().toNanos()));
  }

  /**
   * The store's time from a {@code clock_timestamp()} a statement returned (ignored when a clock
   * was injected), so that a statement that reads the time for other reasons saves a round trip.
   */
  Instant at(OffsetDateTime databaseTime) {
    Instant base = clock != null ? clock.instant() : databaseTime.toInstant();
    return base.plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
  }

  /** The store's time outside any transaction. */
  Instant now() {
    if (clock != null) {
      return clock.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }
    return read("read the clock", this::now);
  }

  static OffsetDateTime ts(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}

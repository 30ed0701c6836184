package org.convertalot.store.postgres.internal;

import static org.convertalot.store.postgres.PostgresJobStore.PURGE_BATCH_SIZE;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.convertalot.api.JobState;
import org.convertalot.api.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purge of ended jobs: in batches of {@link
 * org.convertalot.store.postgres.PostgresJobStore#PURGE_BATCH_SIZE} rows per transaction, ended
 * rows taken with {@code FOR UPDATE SKIP LOCKED}, artifacts before jobs, then the sources no job
 * references (a foreign key keeps a live job's), then the shared folder's files no row names.
 */
final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final Sql sql;
  private final Sources sources;
  private final SharedFolder folder;

  Retention(Sql sql, Sources sources, SharedFolder folder) {
    this.sql = sql;
    this.sources = sources;
    this.folder = folder;
  }

  /**
   * Removes ended jobs older than the age, their artifacts, the sources no job references and (with
   * a shared folder) the files no row names; see {@link PostgresJobStore#purge}.
   *
   * @param olderThan the age, zero or more
   * @param states the ended states to remove; QUEUED and RUNNING are never removed
   * @param store the store's description, for the log
   * @return how many jobs were removed
   */
  long purge(Duration olderThan, Set<JobState> states, String store) {
    if (olderThan == null || olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must be zero or positive: " + olderThan);
    }
    long jobs = 0;
    int batch;
    do {
      batch = sql.tx("purge ended jobs", c -> purgeBatch(c, olderThan, states));
      jobs += batch;
    } while (batch == PURGE_BATCH_SIZE);
    int deleted;
    do {
      deleted =
          sql.tx(
              "purge unreferenced sources", c -> sources.deleteUnreferenced(c, PURGE_BATCH_SIZE));
    } while (deleted == PURGE_BATCH_SIZE);
    if (folder != null) {
      sweepFolder();
    }
    if (jobs > 0) {
      LOG.info("purged {} ended jobs older than {} from {}", jobs, olderThan, store);
    }
    return jobs;
  }

  /** Removes the shared folder's files that no row names any more. */
  private void sweepFolder() {
    int removed;
    try {
      removed = folder.sweep(this::unreferenced, sql.now());
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot sweep the shared folder " + folder.root() + ": " + e,
          Map.of("schema", sql.schema(), "reason", "io"),
          e);
    }
    if (removed > 0) {
      LOG.info("removed {} unreferenced files from {}", removed, folder.root());
    }
  }

  private List<String> unreferenced(List<String> locations) {
    return sql.read(
        "check shared files",
        c -> {
          List<String> out = new ArrayList<>();
          Array array = c.createArrayOf("text", locations.toArray());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT l FROM unnest(?::text[]) l WHERE NOT EXISTS (SELECT 1 FROM "
                      + sql.table("sources")
                      + " WHERE location = l) AND NOT EXISTS (SELECT 1 FROM "
                      + sql.table("artifacts")
                      + " WHERE location = l)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  /** One batch of a purge: ended jobs last updated before the cutoff, and their artifacts. */
  private int purgeBatch(Connection c, Duration olderThan, Set<JobState> states)
      throws SQLException {
    Instant cutoff = sql.now(c).minus(olderThan);
    String ended =
        states.stream()
            .filter(JobState::isTerminal)
            .map(s -> "'" + s.name() + "'")
            .sorted()
            .collect(Collectors.joining(", "));
    if (ended.isEmpty()) {
      return 0;
    }
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM "
                + sql.table("jobs")
                + " WHERE state IN ("
                + ended
                + ") AND updated_at < ?"
                + " ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
      ps.setObject(1, Sql.ts(cutoff));
      ps.setInt(2, PURGE_BATCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    Array array = c.createArrayOf("text", ids.toArray());
    for (String table : List.of("artifacts", "jobs")) {
      String column = table.equals("jobs") ? "id" : "job_id";
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM " + sql.table(table) + " WHERE " + column + " = ANY (?)")) {
        ps.setArray(1, array);
        ps.executeUpdate();
      }
    }
    return ids.size();
  }
}

package org.convertalot.store.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.JobTotals;
import org.convertalot.api.PageRequest;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.store.spi.JobInvariants;

/**
 * The store's reads over many jobs: batched finds, listing, counts, running jobs and {@code
 * verify}.
 *
 * <p>Guarantees: no row lock is taken and nothing is written; each statement reads one consistent
 * snapshot of the rows it reads. Listing pages by the submit sequence, so a cursor stays valid
 * whatever happens to the jobs it passed.
 */
final class Reads {
  private final Sql sql;
  private final Rows rows;
  private final Artifacts artifacts;

  Reads(Sql sql, Rows rows, Artifacts artifacts) {
    this.sql = sql;
    this.rows = rows;
    this.artifacts = artifacts;
  }

  List<JobSnapshot> findAll(Collection<JobId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return sql.read(
        "read jobs",
        c -> {
          Map<JobId, JobSnapshot> found = new HashMap<>();
          Array array = c.createArrayOf("text", ids.stream().map(JobId::value).toArray());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + Rows.RECORD + " FROM " + sql.table("jobs") + " WHERE id = ANY (?)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                JobSnapshot job = rows.decode(rs);
                found.put(job.id(), job);
              }
            }
          } finally {
            array.free();
          }
          List<JobSnapshot> out = new ArrayList<>(found.size());
          for (JobId id : ids) {
            JobSnapshot job = found.get(id);
            if (job != null) {
              out.add(job);
            }
          }
          return out;
        });
  }

  JobPage list(PageRequest page) {
    return sql.read(
        "list jobs",
        c -> {
          List<JobSnapshot> out = new ArrayList<>(page.limit());
          boolean more = false;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + Rows.RECORD
                      + " FROM "
                      + sql.table("jobs")
                      + (page.newestFirst() ? " WHERE seq < ?" : " WHERE seq > ?")
                      + (page.state() == null ? "" : " AND state = ?")
                      + (page.newestFirst() ? " ORDER BY seq DESC" : " ORDER BY seq")
                      + " LIMIT ?")) {
            int i = 1;
            // Newest first from the start is below every sequence there is.
            boolean fromNewest = page.newestFirst() && page.afterSequence() == 0;
            ps.setLong(i++, fromNewest ? Long.MAX_VALUE : page.afterSequence());
            if (page.state() != null) {
              ps.setString(i++, page.state().name());
            }
            ps.setInt(i, page.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (out.size() == page.limit()) {
                  more = true;
                  break;
                }
                out.add(rows.decode(rs));
              }
            }
          }
          return new JobPage(
              out,
              more ? OptionalLong.of(out.get(out.size() - 1).sequence()) : OptionalLong.empty());
        });
  }

  Map<JobState, Long> counts() {
    return sql.read(
        "count jobs",
        c -> {
          Map<JobState, Long> counts = new EnumMap<>(JobState.class);
          for (JobState s : JobState.values()) {
            counts.put(s, 0L);
          }
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT state, count(*) FROM " + sql.table("jobs") + " GROUP BY state")) {
            while (rs.next()) {
              counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
            }
          }
          return counts;
        });
  }

  /**
   * The store's totals in one statement (one snapshot): what {@link JobTotals.Tally} counts, from
   * the columns written beside each record (schema version 2), so no record is parsed or crosses
   * the wire.
   */
  JobTotals totals() {
    String jobs = sql.table("jobs");
    String query =
        "SELECT NULL, count(*), count(*) FILTER (WHERE attempt > 1),"
            + " coalesce(sum(result_pages), 0), count(*) FILTER (WHERE result_warned),"
            + " count(*) FILTER (WHERE result_fell_back) FROM "
            + jobs
            + " UNION ALL SELECT error_code, count(*), 0, 0, 0, 0 FROM "
            + jobs
            + " WHERE error_code IS NOT NULL GROUP BY error_code";
    return sql.read(
        "add up the jobs",
        c -> {
          long[] all = new long[5];
          Map<String, Long> failures = new HashMap<>();
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
              if (rs.getString(1) != null) {
                failures.put(rs.getString(1), rs.getLong(2));
              } else {
                for (int i = 0; i < all.length; i++) {
                  all[i] = rs.getLong(i + 2);
                }
              }
            }
          }
          return new JobTotals(all[0], all[1], all[2], all[3], all[4], failures);
        });
  }

  List<JobSnapshot> runningJobs() {
    return sql.read(
        "list running jobs",
        c -> {
          List<JobSnapshot> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT "
                          + Rows.RECORD
                          + " FROM "
                          + sql.table("jobs")
                          + " WHERE state = 'RUNNING' ORDER BY seq")) {
            while (rs.next()) {
              out.add(rows.decode(rs));
            }
          }
          return out;
        });
  }

  boolean idle() {
    return sql.read(
        "check idle",
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT NOT EXISTS (SELECT 1 FROM "
                          + sql.table("jobs")
                          + " WHERE state IN ('QUEUED', 'RUNNING'))")) {
            rs.next();
            return rs.getBoolean(1);
          }
        });
  }

  /**
   * Every record against the invariants and against its own columns, every published artifact
   * re-hashed. Reads the rows in pages of {@code PAGE} so that a large store is not held in memory.
   */
  VerifyReport verify() {
    List<String> violations = new ArrayList<>();
    // Rows read, artifacts checked, the last sequence read.
    long[] counted = new long[3];
    while (true) {
      long from = counted[2];
      List<JobSnapshot> page = new ArrayList<>();
      sql.read(
          "verify jobs",
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT id, record, state, seq FROM "
                        + sql.table("jobs")
                        + " WHERE seq > ? ORDER BY seq LIMIT 500")) {
              ps.setLong(1, from);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  try {
                    JobSnapshot job = rows.decode(rs);
                    page.add(job);
                    if (!job.state().name().equals(rs.getString("state"))
                        || job.sequence() != rs.getLong("seq")) {
                      violations.add(job.id() + " row: columns disagree with the record");
                    }
                  } catch (StoreUnavailableException e) {
                    violations.add(rs.getString("id") + " unreadable: " + e.getMessage());
                  }
                  counted[0]++;
                  counted[2] = rs.getLong("seq");
                }
              }
            }
            for (JobSnapshot job : page) {
              JobInvariants.violations(job).forEach(v -> violations.add(job.id() + " " + v));
              if (job.state() == JobState.SUCCEEDED && job.manifest() != null) {
                counted[1]++;
                try {
                  artifacts.readVerified(c, job.manifest());
                } catch (IntegrityViolationException e) {
                  violations.add(job.id() + " S: " + e.getMessage());
                }
              }
            }
            return null;
          });
      if (counted[2] == from) {
        break;
      }
    }
    sql.read(
        "verify artifacts and sources",
        c -> {
          strays(c, violations);
          return null;
        });
    Collections.sort(violations);
    return new VerifyReport(counted[0], counted[1], violations);
  }

  /**
   * Rows that no job check above reaches: a published artifact of a job that is not SUCCEEDED (or a
   * second one), and a stored source whose chunks do not add up to its recorded size.
   */
  private void strays(Connection c, List<String> violations) throws SQLException {
    String artifactsTable = sql.table("artifacts");
    String jobsTable = sql.table("jobs");
    String[] queries = {
      "SELECT a.job_id, 'S: published artifact of run ' || a.run_id || ' but the job is '"
          + " || j.state FROM "
          + artifactsTable
          + " a JOIN "
          + jobsTable
          + " j ON j.id = a.job_id WHERE a.published AND j.state <> 'SUCCEEDED'",
      "SELECT job_id, 'S: ' || count(*) || ' published artifacts' FROM "
          + artifactsTable
          + " WHERE published GROUP BY job_id HAVING count(*) > 1",
      "SELECT 'source ' || s.sha256, 'stored in ' || count(k.n) || ' chunks of '"
          + " || coalesce(sum(octet_length(k.bytes)), 0) || ' bytes, recorded as ' || s.chunks"
          + " || ' chunks of ' || s.size FROM "
          + sql.table("sources")
          + " s LEFT JOIN "
          + sql.table("source_chunks")
          + " k ON k.sha256 = s.sha256 WHERE s.location IS NULL GROUP BY s.sha256, s.size, s.chunks"
          + " HAVING count(k.n) <> s.chunks OR coalesce(sum(octet_length(k.bytes)), 0) <> s.size"
    };
    for (String query : queries) {
      try (PreparedStatement ps = c.prepareStatement(query);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          violations.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
    }
  }
}

package org.convertalot.store.postgres.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
  private final Blobs blobs;

  Reads(Sql sql, Rows rows, Blobs blobs) {
    this.sql = sql;
    this.rows = rows;
    this.blobs = blobs;
  }

  List<JobSnapshot> findAll(Collection<JobId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return sql.tx(
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
    return sql.tx(
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
                      + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, page.afterSequence());
            ps.setInt(2, page.limit() + 1);
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
    return sql.tx(
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

  List<JobSnapshot> runningJobs() {
    return sql.tx(
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
    return sql.tx(
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
      sql.tx(
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
                  blobs.readVerified(c, job.manifest());
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
    Collections.sort(violations);
    return new VerifyReport(counted[0], counted[1], violations);
  }
}

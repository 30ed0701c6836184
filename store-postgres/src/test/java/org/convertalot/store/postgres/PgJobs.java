package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.VerifyReport;

/** Submitting jobs of small sources and checking what a run left behind, for the runtime tests. */
final class PgJobs {
  private PgJobs() {}

  /**
   * Writes {@code count} small sources and submits a job for each through a runtime with no workers
   * and no reaper.
   *
   * @return the job ids by source name
   */
  static Map<String, JobId> submit(JobStore store, Path inputs, int count) throws Exception {
    Files.createDirectories(inputs);
    Map<String, JobId> ids = new HashMap<>();
    try (ConversionRuntime submitter =
        ConvertALot.builder()
            .store(store)
            .workers(0)
            .reaperInterval(Duration.ZERO)
            .serviceLoader(false)
            .backend(new NoopEngine(1, 0, name -> {}))
            .build()) {
      for (int i = 0; i < count; i++) {
        Path source = inputs.resolve("job-" + i + ".pdf");
        Files.writeString(source, "%PDF-1.4 job " + i + " of " + inputs.getFileName());
        JobId id =
            submitter
                .submit(
                    ConversionRequest.builder(source)
                        .policy(Policy.CPU_ONLY)
                        .engine(NoopEngine.ID)
                        .build())
                .id();
        ids.put(source.getFileName().toString(), id);
      }
    }
    return ids;
  }

  /** Every job of the store, in submission order. */
  static List<JobSnapshot> all(JobStore store) {
    List<JobSnapshot> out = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      JobPage jobs = store.list(page);
      out.addAll(jobs.jobs());
      OptionalLong next = jobs.nextCursor();
      if (next.isEmpty()) {
        return out;
      }
      page = PageRequest.after(next.getAsLong(), PageRequest.MAX_LIMIT);
    }
  }

  /**
   * Asserts {@code verify()} is clean and checked one artifact per job, and that the schema holds
   * exactly one published artifact per job and no staged one.
   */
  static void assertOneArtifactEach(JobStore store, DataSource db, String schema, int jobs)
      throws SQLException {
    VerifyReport report = store.verify();
    assertTrue(report.clean(), report.violations()::toString);
    assertEquals(jobs, report.jobsChecked(), "jobs checked");
    assertEquals(jobs, report.artifactsChecked(), "artifacts checked");
    assertEquals(jobs, count(db, "SELECT count(*) FROM " + schema + ".artifacts WHERE published"));
    assertEquals(0, count(db, "SELECT count(*) FROM " + schema + ".artifacts WHERE NOT published"));
  }

  static long count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first column of every row of a query, as text. */
  static List<String> strings(DataSource db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}

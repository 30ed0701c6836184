package org.convertalot.jmh;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What a job costs the database, per system: the lifecycle of {@link PostgresLifecycleBenchmark}
 * run once outside JMH on a server with {@code pg_stat_statements}, printing the statements each
 * job sent (calls per job, mean server time, text), the transactions per job, the server's time per
 * job against the wall time per job, and how long the submitting loop took.
 *
 * <pre>{@code
 * java -cp jmh/target/benchmarks.jar org.convertalot.jmh.StatementCount [workers] [jobs] [pollMillis] [systems]
 * }</pre>
 *
 * <p>Defaults: 8 workers, 2000 jobs, 50 ms, {@code convertalot,dbscheduler} (also {@code pgstore}).
 * Two batches of the same size run first, unmeasured, so that the JIT, the pools and the server's
 * caches are warm.
 */
public final class StatementCount {
  private StatementCount() {}

  /**
   * Runs the count for {@code convertalot} and {@code dbscheduler}.
   *
   * @param args workers, jobs, poll interval in milliseconds and the systems (comma-separated), all
   *     optional
   * @throws Exception when a system fails
   */
  public static void main(String[] args) throws Exception {
    int workers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Duration poll = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 50);
    String systems = args.length > 3 ? args[3] : "convertalot,dbscheduler";
    for (String system : systems.split(",")) {
      count(system, workers, jobs, poll);
    }
  }

  private static void count(String system, int workers, int jobs, Duration poll) throws Exception {
    Path dir = Files.createTempDirectory("convertalot-jmh-count-");
    try (BenchPostgres pg =
        BenchPostgres.start(
            Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.track_utility", "on"))) {
      try (Connection monitor = DriverManager.getConnection(pg.jdbcUrl());
          Statement st = monitor.createStatement()) {
        st.execute("CREATE EXTENSION pg_stat_statements");
        try (LifecycleSystem s =
            switch (system) {
              case "convertalot" -> RuntimeSystem.onPostgres(pg, workers, poll, dir);
              case "pgstore" -> StoreSystem.onPostgres(pg, workers, poll, dir);
              case "dbscheduler" -> DbSchedulerSystem.onPostgres(pg, workers, poll);
              default -> throw new IllegalArgumentException("unknown system " + system);
            }) {
          for (int warm = 0; warm < 2; warm++) {
            s.prepare(jobs);
            s.runBatch();
          }
          s.prepare(jobs);
          st.execute("SELECT pg_stat_statements_reset()");
          long xid0 = xid(st);
          long serverCpu0 = pg.serverCpuMillis();
          long jvmCpu0 = jvmCpuMillis();
          long start = System.nanoTime();
          s.runBatch();
          long end = System.nanoTime();
          long writes = xid(st) - xid0 - 1; // less the monitor's own xid
          double jvmCpu = (jvmCpuMillis() - jvmCpu0) / (double) jobs;
          double serverCpu = (pg.serverCpuMillis() - serverCpu0) / (double) jobs;
          report(
              st,
              system,
              workers,
              jobs,
              poll,
              start,
              s.submittedAtNanos(),
              end,
              writes,
              jvmCpu,
              serverCpu);
        }
      }
    } finally {
      BenchPostgres.deleteTree(dir);
    }
  }

  private static long jvmCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  /** The next transaction id: how many transactions that wrote were started so far. */
  private static long xid(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT txid_current()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void report(
      Statement st,
      String system,
      int workers,
      int jobs,
      Duration poll,
      long start,
      long submitted,
      long end,
      long writes,
      double jvmCpu,
      double serverCpu)
      throws SQLException {
    double wall = (end - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%n== %s: %d workers, %d jobs, poll %d ms: %.2f s, %.0f jobs/s; the submitting loop"
            + " took %.2f s (%.0f submits/s)%n",
        system,
        workers,
        jobs,
        poll.toMillis(),
        wall,
        jobs / wall,
        (submitted - start) / 1e9,
        jobs / ((submitted - start) / 1e9));
    double calls = 0;
    double serverMs = 0;
    StringBuilder lines = new StringBuilder();
    try (ResultSet rs =
        st.executeQuery(
            "SELECT calls, total_exec_time, rows, query FROM pg_stat_statements"
                + " WHERE query NOT LIKE '%pg_stat%' AND query NOT LIKE '%txid_current%'"
                + " ORDER BY calls DESC, query")) {
      while (rs.next()) {
        long n = rs.getLong(1);
        double ms = rs.getDouble(2);
        calls += n;
        serverMs += ms;
        lines.append(
            String.format(
                Locale.ROOT,
                "  %8.3f %9.4f %8.2f  %s%n",
                n / (double) jobs,
                ms / Math.max(1, n),
                rs.getLong(3) / (double) jobs,
                rs.getString(4).replaceAll("\\s+", " ")));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "statements per job %.2f (BEGIN included; COMMIT is not listed), transactions that wrote"
            + " per job %.2f, server execution time per job %.3f ms, wall time per job %.3f ms;"
            + " CPU per job: this JVM %.3f ms, the server's processes %.3f ms%n",
        calls / jobs,
        writes / (double) jobs,
        serverMs / jobs,
        wall * 1000 / jobs,
        jvmCpu,
        serverCpu);
    System.out.printf(Locale.ROOT, "  calls/job   mean ms rows/job  statement%n");
    System.out.print(lines);
  }
}

package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtimes in separate JVMs ({@link PgWorkerJvm}) sharing one schema of an embedded server: a
 * cluster run, a kill -9 of a worker JVM that holds RUNNING jobs, and worker JVMs whose own clocks
 * are hours off while the store judges staleness on the database's clock.
 */
class PostgresClusterTest {
  /** The system property that sets the cluster run's number of jobs. */
  static final String JOBS_PROPERTY = "convertalot.cluster.jobs";

  private static EmbeddedPg server;

  @TempDir Path dir;

  private String schema;
  private String url;
  private HikariDataSource pool;
  private JobStore store;
  private PgCluster cluster;

  @BeforeAll
  static void startServer() {
    server = EmbeddedPg.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openSchema() {
    schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    url = server.jdbcUrl() + "&currentSchema=" + schema;
    pool = EmbeddedPg.pool(url, 4);
    store = PostgresJobStore.builder(pool).schema(schema).open();
    cluster = new PgCluster(dir.resolve("logs"));
  }

  @AfterEach
  void closeAll() {
    cluster.close();
    store.close();
    pool.close();
  }

  /**
   * db-scheduler's ClusterTests, three times its size: 3 runtimes in 3 JVMs with 8 workers each
   * drain 10,000 no-op jobs; every job SUCCEEDED once, by one run, and more than one JVM took jobs.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void threeRuntimesInThreeJvmsRunEveryJobExactlyOnce() throws Exception {
    int jobs = Integer.getInteger(JOBS_PROPERTY, 10_000);
    long submitStart = System.nanoTime();
    Map<String, JobId> submitted = PgJobs.submit(store, dir.resolve("in"), jobs);
    double submitSeconds = PgJobs.seconds(submitStart, System.nanoTime());

    PgCluster.Options options = new PgCluster.Options(8, 1_000, 10_000, 1_000, 0, 0);
    List<PgCluster.Worker> workers = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      workers.add(cluster.startPaused("runtime-" + p, url, options));
    }
    long start = System.nanoTime();
    for (PgCluster.Worker w : workers) {
      w.go();
    }
    PgCluster.await(
        jobs + " jobs SUCCEEDED",
        Duration.ofMinutes(8),
        () -> store.counts().getOrDefault(JobState.SUCCEEDED, 0L) == jobs);
    double runSeconds = PgJobs.seconds(start, System.nanoTime());
    for (PgCluster.Worker w : workers) {
      w.stop(Duration.ofSeconds(30));
    }

    Map<String, Integer> conversions = new HashMap<>();
    List<Integer> perJvm = new ArrayList<>();
    for (PgCluster.Worker w : workers) {
      perJvm.add(w.converted.size());
      for (String name : w.converted) {
        conversions.merge(name, 1, Integer::sum);
      }
    }
    assertEquals(submitted.keySet(), conversions.keySet(), "every job converted");
    assertTrue(
        conversions.values().stream().allMatch(n -> n == 1),
        () -> "converted more than once: " + more(conversions, 1));
    assertTrue(perJvm.stream().filter(n -> n > 0).count() > 1, "one JVM took every job: " + perJvm);

    List<JobSnapshot> all = PgJobs.all(store);
    assertEquals(jobs, all.size());
    Set<String> runIds = new HashSet<>();
    Set<Long> owners = new HashSet<>();
    for (JobSnapshot job : all) {
      assertEquals(JobState.SUCCEEDED, job.state(), job::toString);
      assertEquals(1, job.attempt(), job::toString);
      assertNotNull(job.runId(), job::toString);
      assertTrue(runIds.add(job.runId()), () -> "run id twice: " + job);
      owners.add(job.owner().pid());
    }
    Set<Long> pids = workers.stream().map(PgCluster.Worker::pid).collect(Collectors.toSet());
    assertTrue(pids.containsAll(owners), () -> "owners " + owners + " not among " + pids);
    PgJobs.assertOneArtifactEach(store, pool, schema, jobs);
    System.out.printf(
        "postgres cluster: %d jobs, 3 JVMs x 8 workers, jobs per JVM %s; submitted in %.1f s,"
            + " ran in %.1f s, %.0f jobs/s%n",
        jobs, perJvm, submitSeconds, runSeconds, jobs / runSeconds);
  }

  /**
   * kill -9 of one of two worker JVMs while it holds RUNNING jobs: the other reaps them once their
   * heartbeats are 2 s old on the database's clock and runs them again; every job ends SUCCEEDED
   * once, with one artifact.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void jobsOfAKilledWorkerJvmFinishElsewhereExactlyOnce() throws Exception {
    int jobs = 60;
    Map<String, JobId> submitted = PgJobs.submit(store, dir.resolve("in"), jobs);
    PgCluster.Options options = new PgCluster.Options(4, 200, 2_000, 200, 200, 0);
    PgCluster.Worker victim = cluster.start("victim", url, options);
    PgCluster.Worker survivor = cluster.start("survivor", url, options);
    PgCluster.await(
        "the victim to hold RUNNING jobs after converting some",
        Duration.ofSeconds(60),
        () -> victim.converted.size() >= 8 && !runningOf(victim).isEmpty());
    victim.kill();
    long killed = System.nanoTime();
    Set<JobId> orphaned = runningOf(victim);
    assertFalse(orphaned.isEmpty(), "the victim died holding no RUNNING job");

    PgCluster.await(
        "every job SUCCEEDED",
        Duration.ofSeconds(60),
        () -> store.counts().getOrDefault(JobState.SUCCEEDED, 0L) == jobs);
    double recovered = PgJobs.seconds(killed, System.nanoTime());
    survivor.stop(Duration.ofSeconds(30));

    assertEveryJobOnceAfterAKill(submitted, orphaned, victim, survivor);
    PgJobs.assertOneArtifactEach(store, pool, schema, jobs);
    System.out.printf(
        "postgres kill -9: %d jobs; the victim converted %d and died holding %d RUNNING, the"
            + " survivor converted %d; all SUCCEEDED %.1f s after the kill%n",
        jobs, victim.converted.size(), orphaned.size(), survivor.converted.size(), recovered);
  }

  /**
   * Two worker JVMs whose own clocks are 3 hours ahead and 3 hours behind: while both live the one
   * ahead reaps none of the other's jobs, and once it is killed the one behind reaps its jobs
   * within seconds, since the store judges heartbeats on the database's clock.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void workersWithSkewedClocksReapOnTheDatabaseClock() throws Exception {
    // 6 workers at 300 ms a job take about 6 s for 120 jobs: enough left after the first 3 s.
    int jobs = 120;
    Map<String, JobId> submitted = PgJobs.submit(store, dir.resolve("in"), jobs);
    PgCluster.Worker ahead =
        cluster.start("ahead", url, new PgCluster.Options(3, 200, 2_000, 100, 300, 180));
    PgCluster.Worker behind =
        cluster.start("behind", url, new PgCluster.Options(3, 200, 2_000, 100, 300, -180));
    // Both run until each has converted some and more than staleAfter has passed on any clock.
    long both = System.nanoTime();
    PgCluster.await(
        "both to convert and 3 s to pass",
        Duration.ofSeconds(60),
        () ->
            ahead.converted.size() >= 5
                && behind.converted.size() >= 5
                && System.nanoTime() - both > 3_000_000_000L);
    // The stores of both JVMs write the database's time, not their runtime's.
    long skew =
        PgJobs.count(
            pool,
            "SELECT coalesce(max(abs(extract(epoch FROM clock_timestamp() - heartbeat_at))), 0)"
                + " FROM "
                + schema
                + ".jobs WHERE state = 'RUNNING'");
    assertTrue(skew < 60, "a heartbeat " + skew + " s off the database's clock");
    List<JobSnapshot> sofar = PgJobs.all(store);
    assertTrue(
        sofar.stream().allMatch(j -> j.attempt() <= 1),
        () -> "a live job was reaped: " + sofar.stream().filter(j -> j.attempt() > 1).toList());
    PgCluster.await(
        "the worker ahead to hold RUNNING jobs",
        Duration.ofSeconds(30),
        () -> !runningOf(ahead).isEmpty());
    ahead.kill();
    long killed = System.nanoTime();
    Set<JobId> orphaned = runningOf(ahead);
    assertFalse(orphaned.isEmpty(), "the worker ahead died holding no RUNNING job");

    PgCluster.await(
        "every job SUCCEEDED",
        Duration.ofSeconds(60),
        () -> store.counts().getOrDefault(JobState.SUCCEEDED, 0L) == jobs);
    double recovered = PgJobs.seconds(killed, System.nanoTime());
    behind.stop(Duration.ofSeconds(30));

    assertEveryJobOnceAfterAKill(submitted, orphaned, ahead, behind);
    PgJobs.assertOneArtifactEach(store, pool, schema, jobs);
    System.out.printf(
        "postgres clock skew: %d jobs; the JVM 3 h ahead converted %d and died holding %d"
            + " RUNNING, the JVM 3 h behind converted %d and reaped them; all SUCCEEDED %.1f s"
            + " after the kill%n",
        jobs, ahead.converted.size(), orphaned.size(), behind.converted.size(), recovered);
  }

  /**
   * The jobs the dead JVM held ran a second attempt in the survivor; every other job ran once. Only
   * those jobs may have been converted twice (once in each JVM), and every job ends SUCCEEDED with
   * its own run id.
   */
  private void assertEveryJobOnceAfterAKill(
      Map<String, JobId> submitted,
      Set<JobId> orphaned,
      PgCluster.Worker dead,
      PgCluster.Worker survivor) {
    Map<String, Integer> conversions = new TreeMap<>();
    for (PgCluster.Worker w : List.of(dead, survivor)) {
      for (String name : w.converted) {
        conversions.merge(name, 1, Integer::sum);
      }
    }
    assertEquals(submitted.keySet(), conversions.keySet(), "every job converted");
    for (Map.Entry<String, Integer> e : conversions.entrySet()) {
      JobId id = submitted.get(e.getKey());
      assertTrue(
          e.getValue() == 1 || (e.getValue() == 2 && orphaned.contains(id)),
          () -> e.getKey() + " converted " + e.getValue() + " times");
    }
    Set<String> runIds = new HashSet<>();
    for (JobSnapshot job : PgJobs.all(store)) {
      assertEquals(JobState.SUCCEEDED, job.state(), job::toString);
      assertTrue(runIds.add(job.runId()), () -> "run id twice: " + job);
      if (orphaned.contains(job.id())) {
        // Attempt 1 died with the JVM and was reaped; attempt 2 ran in the survivor.
        assertEquals(2, job.attempt(), job::toString);
        assertEquals(survivor.pid(), job.owner().pid(), job::toString);
      } else {
        assertEquals(1, job.attempt(), job::toString);
      }
    }
  }

  private Set<JobId> runningOf(PgCluster.Worker w) {
    return store.runningJobs().stream()
        .filter(j -> j.owner() != null && j.owner().pid() == w.pid())
        .map(JobSnapshot::id)
        .collect(Collectors.toSet());
  }

  private static Map<String, Integer> more(Map<String, Integer> counts, int than) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > than)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}

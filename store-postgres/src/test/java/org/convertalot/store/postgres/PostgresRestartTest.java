package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database stops and starts again (same data folder, same port) while a runtime converts: its
 * claims and heartbeats fail with {@code store_unavailable} meanwhile, it recovers on its own, and
 * the run completes with every job SUCCEEDED once.
 */
class PostgresRestartTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aRuntimeSurvivesARestartOfTheDatabase() throws Exception {
    int jobs = 200;
    Path data = dir.resolve("pgdata");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    EmbeddedPostgres server = EmbeddedPg.startKeeping(data, port);
    String schema = "restart";
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema);
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    // Fail fast while the server is down, so that the runtime sees the outage.
    config.setConnectionTimeout(500);
    config.setPoolName("convertalot-pg-restart");
    Map<String, LongAdder> unavailable = new ConcurrentHashMap<>();
    ConcurrentMap<String, AtomicInteger> conversions = new ConcurrentHashMap<>();
    try (HikariDataSource pool = new HikariDataSource(config);
        JobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
      Map<String, JobId> submitted = PgJobs.submit(store, dir.resolve("in"), jobs);
      JobStore watched = countingUnavailable(store, unavailable);
      long start = System.nanoTime();
      double downSeconds;
      try (ConversionRuntime runtime =
          ConvertALot.builder()
              .store(watched)
              .workers(4)
              .serviceLoader(false)
              .backend(
                  new NoopEngine(
                      4,
                      50,
                      name ->
                          conversions
                              .computeIfAbsent(name, n -> new AtomicInteger())
                              .incrementAndGet()))
              .heartbeatInterval(Duration.ofMillis(100))
              .staleAfter(Duration.ofSeconds(3))
              .reaperInterval(Duration.ofMillis(500))
              .pollInterval(Duration.ofMillis(50))
              .retryBackoff(Duration.ZERO, Duration.ZERO)
              .storeOutageTimeout(Duration.ofMinutes(2))
              .build()) {
        PgCluster.await(
            "a quarter of the jobs SUCCEEDED",
            Duration.ofSeconds(60),
            () -> store.counts().getOrDefault(JobState.SUCCEEDED, 0L) >= jobs / 4);
        server.close();
        long down = System.nanoTime();
        // Down until the runtime's claims and heartbeats have both failed against it.
        PgCluster.await(
            "claims and heartbeats to fail with store_unavailable",
            Duration.ofSeconds(30),
            () -> failures(unavailable, "claim") > 0 && failures(unavailable, "heartbeat") > 0);
        server = EmbeddedPg.startKeeping(data, port);
        downSeconds = PgJobs.seconds(down, System.nanoTime());
        PgCluster.await(
            "every job SUCCEEDED after the restart",
            Duration.ofSeconds(90),
            () -> {
              try {
                return store.counts().getOrDefault(JobState.SUCCEEDED, 0L) == jobs;
              } catch (ConversionException e) {
                return false; // the pool is still reconnecting
              }
            });
      }
      double runSeconds = PgJobs.seconds(start, System.nanoTime());

      assertEquals(submitted.keySet(), conversions.keySet(), "every job converted");
      Set<String> runIds = new HashSet<>();
      Map<Integer, Integer> attempts = new TreeMap<>();
      for (JobSnapshot job : PgJobs.all(store)) {
        assertEquals(JobState.SUCCEEDED, job.state(), job::toString);
        assertTrue(runIds.add(job.runId()), () -> "run id twice: " + job);
        attempts.merge(job.attempt(), 1, Integer::sum);
        // A job converts again only in a new attempt (a run whose lease or write was lost).
        assertTrue(
            conversions.get(job.source().name()).get() <= job.attempt(),
            () -> job + " converted " + conversions.get(job.source().name()) + " times");
      }
      assertEquals(jobs, runIds.size());
      PgJobs.assertOneArtifactEach(store, pool, schema, jobs);
      System.out.printf(
          "postgres restart: %d jobs, 4 workers; the database was down %.1f s; store_unavailable"
              + " by call %s; jobs by attempt %s; all SUCCEEDED in %.1f s%n",
          jobs, downSeconds, new TreeMap<>(unavailable), attempts, runSeconds);
    } finally {
      server.close();
    }
  }

  private static long failures(Map<String, LongAdder> unavailable, String method) {
    LongAdder n = unavailable.get(method);
    return n == null ? 0 : n.sum();
  }

  /**
   * The same store, counting by method the calls that threw {@code store_unavailable}: it only
   * watches, every call goes to the store.
   */
  private static JobStore countingUnavailable(JobStore store, Map<String, LongAdder> counts) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ConversionException c
                    && c.errorCode() == ErrorCode.STORE_UNAVAILABLE) {
                  counts.computeIfAbsent(method.getName(), m -> new LongAdder()).increment();
                }
                throw cause;
              }
            });
  }
}

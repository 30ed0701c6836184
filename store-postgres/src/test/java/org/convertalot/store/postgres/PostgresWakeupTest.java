package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobState;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle workers wake on {@code LISTEN/NOTIFY}: a runtime whose workers would poll only once an hour
 * (and never reap) converts jobs that another process submits, at once, also after the database
 * restarted under it.
 */
class PostgresWakeupTest {
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void idleWorkersWakeWhenAnotherProcessSubmitsAlsoAfterTheDatabaseRestarted() throws Exception {
    Path data = dir.resolve("pgdata");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String schema = "wakeup";
    EmbeddedPostgres server = EmbeddedPg.startKeeping(data, port);
    String url = server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    AtomicInteger conversions = new AtomicInteger();
    try (HikariDataSource workerPool = pool(url);
        JobStore workerStore = PostgresJobStore.builder(workerPool).schema(schema).open();
        ConversionRuntime worker =
            ConvertALot.builder()
                .store(workerStore)
                .workers(2)
                .serviceLoader(false)
                .backend(new NoopEngine(2, 0, name -> conversions.incrementAndGet()))
                .pollInterval(NEVER)
                .reaperInterval(Duration.ZERO)
                .tempRoot(dir.resolve("tmp"))
                .build()) {
      assertAllSucceed(worker, submitElsewhere(url, schema, "before", 10));

      server.close();
      server = EmbeddedPg.startKeeping(data, port);

      assertAllSucceed(worker, submitElsewhere(url, schema, "after", 10));
      assertEquals(20, conversions.get(), "each job converted once");
    } finally {
      server.close();
    }
  }

  /** Submits from a store and pool of their own, as another process would. */
  private Map<String, JobId> submitElsewhere(String url, String schema, String batch, int count)
      throws Exception {
    try (HikariDataSource submitterPool = pool(url);
        JobStore submitter = PostgresJobStore.builder(submitterPool).schema(schema).open()) {
      return PgJobs.submit(submitter, dir.resolve(batch), count);
    }
  }

  private static void assertAllSucceed(ConversionRuntime worker, Map<String, JobId> ids)
      throws Exception {
    for (JobId id : ids.values()) {
      // Far within the hour a poll would take.
      worker.handle(id).result().get(60, TimeUnit.SECONDS);
      assertEquals(JobState.SUCCEEDED, worker.job(id).state());
    }
    assertTrue(ids.size() > 0);
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(5);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(500);
    config.setPoolName("convertalot-pg-wakeup");
    return new HikariDataSource(config);
  }
}

package org.convertalot.jmh;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobTotals;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.store.postgres.PostgresJobStore;
import org.convertalot.testkit.StoreJobs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code status}'s totals on a PostgreSQL schema of {@code jobs} ended jobs (three in four
 * succeeded, one failed): the store's one SQL statement ({@code sql}) against the baseline of
 * reading every record page by page and counting them with {@link JobTotals.Tally} ({@code
 * readEveryRecord}, what {@code status} did before the store could add them up, and what the file
 * store still does). Both in the same trial, on the same server and rows. One operation answers the
 * totals once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class StoreTotalsBenchmark {
  /** How many ended jobs the schema holds. */
  @Param({"20000"})
  public int jobs;

  private BenchPostgres pg;
  private PostgresJobStore store;

  /** Starts the server and fills the schema. */
  @Setup(Level.Trial)
  public void fill() {
    pg = BenchPostgres.start(Map.of());
    HikariDataSource pool = pg.pool(4, "convertalot-jmh-totals");
    store = PostgresJobStore.builder(pool).schema("totals").closing(pool).open();
    ErrorInfo failure = new ErrorInfo(ErrorCode.INVALID_INPUT, "bad", Map.of(), false);
    for (int i = 0; i < jobs; i++) {
      store.submit(StoreJobs.job("j" + i));
      JobSnapshot running = store.claim(StoreJobs.WORKER).orElseThrow();
      if (i % 4 == 3) {
        store.fail(running.id(), running.runId(), failure, Duration.ZERO, Map.of());
      } else {
        StoreJobs.completeWith(store, running, "# j" + i + "\n");
      }
    }
    JobTotals totals = store.totals();
    if (totals.jobs() != jobs || !totals.equals(readEveryRecord())) {
      throw new IllegalStateException("the two ways disagree: " + totals);
    }
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void stop() {
    store.close();
    pg.close();
  }

  /**
   * The store's own totals: one statement.
   *
   * @return the totals
   */
  @Benchmark
  public JobTotals sql() {
    return store.totals();
  }

  /**
   * The baseline: every record read and counted here.
   *
   * @return the totals
   */
  @Benchmark
  public JobTotals readEveryRecord() {
    JobTotals.Tally tally = new JobTotals.Tally();
    StoreJobs.listAll(store).forEach(tally::add);
    return tally.totals();
  }
}

package org.convertalot.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lifecycle throughput, submit → claim → complete with a no-op engine, in jobs per second: one
 * invocation submits a batch of {@value #JOBS} jobs from the benchmark thread and returns when all
 * of them ended, while W workers claim and complete them.
 *
 * <p>{@code system} is what runs the jobs: {@code convertalot}, the real runtime on the PostgreSQL
 * store ({@link RuntimeSystem#onPostgres}); {@code dbscheduler}, db-scheduler on its own table with
 * its high-throughput configuration ({@link DbSchedulerSystem}); {@code filestore}, the same
 * runtime on the embedded file store ({@link RuntimeSystem#onFileStore}); {@code pgstore}, the
 * PostgreSQL store driven by W threads without the runtime ({@link StoreSystem}). Each PostgreSQL
 * trial starts its own server with {@link BenchPostgres#SETTINGS}, the same for both systems, and
 * both get the same poll interval ({@code pollMillis}), pool size (W + 4) and batch size. Preparing
 * a batch (writing its sources) is outside the measurement. {@code durable=true} runs the server
 * with every commit flushed to disk instead ({@link BenchPostgres#DURABLE}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
public class PostgresLifecycleBenchmark {
  /** Jobs per invocation, the same for every system. */
  public static final int JOBS = 1000;

  /**
   * What runs the jobs: {@code convertalot}, {@code dbscheduler}, {@code filestore} or {@code
   * pgstore} (the PostgreSQL store alone, without the runtime).
   */
  @Param({"convertalot", "dbscheduler", "filestore", "pgstore"})
  public String system;

  /** Workers of the runtime, execution threads of db-scheduler. */
  @Param({"1", "4", "8"})
  public int workers;

  /** The runtime's poll interval and db-scheduler's polling interval, in milliseconds. */
  @Param({"50"})
  public long pollMillis;

  /**
   * Whether the PostgreSQL server flushes every commit to disk ({@link BenchPostgres#DURABLE}); off
   * by default, as in the store's tests, so that the figure measures round trips and CPU.
   */
  @Param({"false"})
  public boolean durable;

  private Path dir;
  private BenchPostgres pg;
  private LifecycleSystem jobs;

  /**
   * Starts the server (for the PostgreSQL systems) and the system.
   *
   * @throws Exception when either cannot start
   */
  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("convertalot-jmh-lifecycle-");
    Duration poll = Duration.ofMillis(pollMillis);
    switch (system) {
      case "convertalot":
        pg = BenchPostgres.start(settings());
        jobs = RuntimeSystem.onPostgres(pg, workers, poll, dir);
        break;
      case "dbscheduler":
        pg = BenchPostgres.start(settings());
        jobs = DbSchedulerSystem.onPostgres(pg, workers, poll);
        break;
      case "filestore":
        jobs = RuntimeSystem.onFileStore(workers, poll, dir);
        break;
      case "pgstore":
        pg = BenchPostgres.start(settings());
        jobs = StoreSystem.onPostgres(pg, workers, poll, dir);
        break;
      default:
        throw new IllegalArgumentException("unknown system " + system);
    }
  }

  private Map<String, String> settings() {
    return durable ? BenchPostgres.DURABLE : Map.of();
  }

  /**
   * Prepares the next batch, outside the measurement.
   *
   * @throws Exception when its sources cannot be written
   */
  @Setup(Level.Invocation)
  public void prepare() throws Exception {
    jobs.prepare(JOBS);
  }

  /**
   * Stops the system and the server and deletes their folders.
   *
   * @throws Exception never, in practice
   */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    try {
      if (jobs != null) {
        jobs.close();
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
      BenchPostgres.deleteTree(dir);
    }
  }

  /**
   * One batch of {@value #JOBS} jobs from submit to their end.
   *
   * @return the number of jobs done
   * @throws Exception when a job failed or the batch timed out
   */
  @Benchmark
  @OperationsPerInvocation(JOBS)
  public int lifecycle() throws Exception {
    return jobs.runBatch();
  }
}

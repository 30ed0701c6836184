package org.convertalot.jmh;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * db-scheduler (com.github.kagkarlsson) as its README configures it for high throughput: its own
 * PostgreSQL table ({@code scheduled_tasks}, from its {@code postgresql_tables.sql}), a {@link
 * Scheduler} with W execution threads, the {@code lock-and-fetch} polling strategy ({@code select
 * for update skip locked}, lower limit 1.0 and upper limit 4.0 times the threads, the README's
 * "high throughput" figures), immediate execution of instances scheduled for now, no shutdown hook,
 * and the same polling interval as the runtime it is compared with. A batch is K instances of one
 * no-op {@link OneTimeTask}, scheduled for now one at a time through {@link Scheduler#schedule}; it
 * ends when the scheduler reported each execution complete, which it does after the completion
 * handler deleted the execution's row.
 */
final class DbSchedulerSystem implements LifecycleSystem {
  private final HikariDataSource pool;
  private final OneTimeTask<Void> task;
  private final Scheduler scheduler;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile CountDownLatch done = new CountDownLatch(0);
  private final List<String> batch = new ArrayList<>();
  private long sequence;
  private long submittedAt;

  private DbSchedulerSystem(HikariDataSource pool, int workers, Duration poll) {
    this.pool = pool;
    this.task = Tasks.oneTime("jmh-noop").execute((instance, context) -> {});
    this.scheduler =
        Scheduler.create(pool, task)
            .schedulerName(new SchedulerName.Fixed("jmh"))
            .threads(workers)
            .pollingInterval(poll)
            .pollUsingLockAndFetch(1.0, 4.0)
            .enableImmediateExecution()
            .shutdownMaxWait(Duration.ofSeconds(10))
            .addSchedulerListener(
                new AbstractSchedulerListener() {
                  @Override
                  public void onExecutionComplete(ExecutionComplete complete) {
                    if (complete.getResult() != ExecutionComplete.Result.OK) {
                      failures.incrementAndGet();
                    }
                    done.countDown();
                  }
                })
            .build();
  }

  /**
   * Creates db-scheduler's table on the server and starts a scheduler with a pool of {@code workers
   * + 4} connections (the execution threads, the fetching and housekeeping threads, the scheduling
   * thread and one spare), as many as the runtime it is compared with gets.
   *
   * @param pg the server
   * @param workers the scheduler's execution threads
   * @param poll its polling interval
   * @return the started system
   */
  static DbSchedulerSystem onPostgres(BenchPostgres pg, int workers, Duration poll) {
    HikariDataSource pool = pg.pool(workers + 4, "db-scheduler-jmh");
    BenchPostgres.runScript(pool, "db-scheduler-postgresql_tables.sql");
    DbSchedulerSystem system = new DbSchedulerSystem(pool, workers, poll);
    system.scheduler.start();
    return system;
  }

  @Override
  public void prepare(int jobs) {
    batch.clear();
    for (int i = 0; i < jobs; i++) {
      batch.add(Long.toString(++sequence));
    }
    done = new CountDownLatch(jobs);
  }

  @Override
  public int runBatch() throws Exception {
    for (String id : batch) {
      scheduler.schedule(task.instance(id), Instant.now());
    }
    submittedAt = System.nanoTime();
    if (!done.await(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(done.getCount() + " executions still not done");
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " executions failed");
    }
    return batch.size();
  }

  @Override
  public long submittedAtNanos() {
    return submittedAt;
  }

  @Override
  public void close() {
    try {
      scheduler.stop();
    } finally {
      pool.close();
    }
  }
}

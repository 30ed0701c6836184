package org.convertalot.jmh;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.store.postgres.PostgresJobStore;

/**
 * The PostgreSQL store alone, without the runtime: W threads claim, then stage and complete in one
 * call as the runtime does (nothing in between, as a no-op engine would), woken by the store's
 * {@code LISTEN/NOTIFY} or their poll, while the benchmark thread submits. The store's own
 * lifecycle cost, the figure to read against db-scheduler's, which has no runtime around it either.
 */
final class StoreSystem implements LifecycleSystem {
  private static final byte[] MARKDOWN =
      "# noop\n\nA converted page.\n".getBytes(StandardCharsets.UTF_8);

  private final PostgresJobStore store;
  private final Path inputs;
  private final Duration poll;
  private final List<Thread> workers = new ArrayList<>();
  private final Object wake = new Object();
  private final JobStore.Subscription subscription;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<NewJob> batch = new ArrayList<>();
  private volatile CountDownLatch done = new CountDownLatch(0);
  private volatile boolean closed;
  private long sequence;
  private long submittedAt;

  private StoreSystem(PostgresJobStore store, Path inputs, Duration poll) {
    this.store = store;
    this.inputs = inputs;
    this.poll = poll;
    this.subscription = store.onWorkAvailable(this::wakeAll);
  }

  /**
   * The store on the trial's server, with {@code workers} claiming threads.
   *
   * @param pg the server
   * @param workers the claiming threads
   * @param poll how long an idle thread waits when nothing wakes it
   * @param dir a folder for the sources
   * @return the started system
   * @throws Exception when it cannot start
   */
  static StoreSystem onPostgres(BenchPostgres pg, int workers, Duration poll, Path dir)
      throws Exception {
    HikariDataSource pool = pg.pool(workers + 4, "convertalot-jmh-store");
    PostgresJobStore store =
        PostgresJobStore.builder(pool).schema("convertalot").closing(pool).open();
    StoreSystem system =
        new StoreSystem(store, Files.createDirectories(dir.resolve("store-in")), poll);
    for (int i = 1; i <= workers; i++) {
      WorkerIdentity owner = new WorkerIdentity("bench", ProcessHandle.current().pid(), "w" + i);
      Thread t = new Thread(() -> system.work(owner), "jmh-store-worker-" + i);
      t.setDaemon(true);
      system.workers.add(t);
      t.start();
    }
    return system;
  }

  private void work(WorkerIdentity owner) {
    while (!closed) {
      try {
        Optional<JobSnapshot> claimed = store.claim(owner);
        if (claimed.isEmpty()) {
          synchronized (wake) {
            wake.wait(poll.toMillis());
          }
          continue;
        }
        JobSnapshot running = claimed.get();
        // The runtime's success path: stage and complete in one call.
        store.completeWith(
            running.id(),
            running.runId(),
            MARKDOWN,
            (staged, now) ->
                ArtifactManifest.builder(running)
                    .artifact(staged.sha256(), staged.size())
                    .engine("noop", "1")
                    .pages(1)
                    .createdAt(now)
                    .build(),
            Map.of());
        done.countDown();
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }
  }

  private void wakeAll() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  @Override
  public void prepare(int jobs) throws Exception {
    for (NewJob old : batch) {
      Files.deleteIfExists(Path.of(old.source().path()));
    }
    batch.clear();
    for (int i = 0; i < jobs; i++) {
      long n = ++sequence;
      Path file = inputs.resolve(n + ".pdf");
      byte[] bytes = ("%PDF-1.4 benchmark source " + n + "\n").getBytes(StandardCharsets.UTF_8);
      Files.write(file, bytes);
      SourceRef source =
          new SourceRef(file.toString(), n + ".pdf", Hashing.sha256Hex(bytes), bytes.length);
      batch.add(new NewJob(source, Policy.CPU_ONLY, null, Map.of(), Limits.DEFAULTS, 3));
    }
    done = new CountDownLatch(jobs);
  }

  @Override
  public int runBatch() throws Exception {
    for (NewJob job : batch) {
      if (!store.submit(job).created()) {
        throw new IllegalStateException("submit found an existing job for " + job.source());
      }
    }
    submittedAt = System.nanoTime();
    if (!done.await(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the batch did not end in " + BATCH_TIMEOUT);
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("a worker failed", t);
    }
    return batch.size();
  }

  @Override
  public long submittedAtNanos() {
    return submittedAt;
  }

  @Override
  public void close() {
    closed = true;
    subscription.close();
    workers.forEach(Thread::interrupt);
    for (Thread t : workers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    store.close();
  }
}

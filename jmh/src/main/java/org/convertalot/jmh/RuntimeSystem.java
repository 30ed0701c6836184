package org.convertalot.jmh;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.store.postgres.PostgresJobStore;

/**
 * Convert-a-Lot itself: the real {@link ConvertALot} runtime with a {@link NoopEngine} and W
 * workers, on the PostgreSQL store or on the embedded file store. A batch is K requests for K
 * distinct small sources (a distinct SHA-256 each, so that no submit is answered with an existing
 * job), submitted through {@link ConversionRuntime#submit}; it ends when every job's result future
 * completed, that is when every job is SUCCEEDED in the store.
 */
final class RuntimeSystem implements LifecycleSystem {
  private final ConversionRuntime runtime;
  private final AutoCloseable store;
  private final Path inputs;
  private long sequence;
  private long submittedAt;
  private final List<ConversionRequest> batch = new ArrayList<>();

  private RuntimeSystem(ConversionRuntime runtime, AutoCloseable store, Path inputs) {
    this.runtime = runtime;
    this.store = store;
    this.inputs = inputs;
  }

  /**
   * The runtime on a {@link PostgresJobStore} in schema {@code convertalot} of the server, with a
   * pool of {@code workers + 4} connections (the workers, the heartbeat and maintenance threads,
   * the submitting thread and one spare).
   *
   * @param pg the server
   * @param workers the runtime's workers, and the engine's concurrency
   * @param poll the runtime's poll interval
   * @param dir a folder for the sources and the runtime's temporary files
   * @return the started system
   * @throws Exception when it cannot start
   */
  static RuntimeSystem onPostgres(BenchPostgres pg, int workers, Duration poll, Path dir)
      throws Exception {
    HikariDataSource pool = pg.pool(workers + 4, "convertalot-jmh");
    JobStore store = PostgresJobStore.builder(pool).schema("convertalot").closing(pool).open();
    return start(store, ConvertALot.builder().store(store), workers, poll, dir);
  }

  /**
   * The runtime on the embedded file store, in a data root under {@code dir}.
   *
   * @param workers the runtime's workers, and the engine's concurrency
   * @param poll the runtime's poll interval
   * @param dir a folder for the data root, the sources and the runtime's temporary files
   * @return the started system
   * @throws Exception when it cannot start
   */
  static RuntimeSystem onFileStore(int workers, Duration poll, Path dir) throws Exception {
    return start(() -> {}, ConvertALot.builder().dataRoot(dir.resolve("root")), workers, poll, dir);
  }

  private static RuntimeSystem start(
      AutoCloseable store, ConvertALot.Builder builder, int workers, Duration poll, Path dir)
      throws Exception {
    Path inputs = Files.createDirectories(dir.resolve("in"));
    ConversionRuntime runtime = build(builder, new NoopEngine(workers), workers, poll, dir);
    return new RuntimeSystem(runtime, store, inputs);
  }

  /**
   * Builds a runtime the way every benchmark does: W workers, one engine and no other (no
   * ServiceLoader), temporary files under {@code dir}.
   *
   * @param builder the runtime's builder, with its store or data root set
   * @param engine the one engine
   * @param workers the runtime's workers
   * @param poll the runtime's poll interval
   * @param dir a folder for the runtime's temporary files
   * @return the started runtime
   * @throws Exception when it cannot start
   */
  static ConversionRuntime build(
      ConvertALot.Builder builder, ConversionBackend engine, int workers, Duration poll, Path dir)
      throws Exception {
    return builder
        .workers(workers)
        .serviceLoader(false)
        .backend(engine)
        .pollInterval(poll)
        .tempRoot(Files.createDirectories(dir.resolve("tmp")))
        .shutdownTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void prepare(int jobs) throws Exception {
    for (ConversionRequest done : batch) {
      Files.deleteIfExists(done.source());
    }
    batch.clear();
    for (int i = 0; i < jobs; i++) {
      long n = ++sequence;
      Path source = inputs.resolve(n + ".pdf");
      Files.writeString(source, "%PDF-1.4 benchmark source " + n + "\n", StandardCharsets.UTF_8);
      batch.add(
          ConversionRequest.builder(source).policy(Policy.CPU_ONLY).engine(NoopEngine.ID).build());
    }
  }

  @Override
  public int runBatch() throws Exception {
    List<CompletableFuture<ConversionResult>> results = new ArrayList<>(batch.size());
    for (ConversionRequest request : batch) {
      JobHandle handle = runtime.submit(request);
      if (!handle.created()) {
        throw new IllegalStateException("submit found an existing job for " + request.source());
      }
      results.add(handle.result());
    }
    submittedAt = System.nanoTime();
    CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
        .get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return results.size();
  }

  @Override
  public long submittedAtNanos() {
    return submittedAt;
  }

  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      try {
        store.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the store failed", e);
      }
    }
  }
}

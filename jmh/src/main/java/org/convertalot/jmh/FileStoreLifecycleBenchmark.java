package org.convertalot.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The job lifecycle on the file store against a baseline of four bare durable atomic file
 * replacements (write, fsync, rename, fsync the folder) per job in the same run, so the store's
 * overhead over the file system is read as a ratio; {@code workers} threads (W) run at once in
 * each. One operation is one job (or one set of four durable renames); a batch is {@value #JOBS} of
 * them.
 *
 * <p>{@code runtimeNoopEngine} is the real {@link ConvertALot} runtime with W workers and a {@link
 * NoopEngine} on a file store ({@link RuntimeSystem#onFileStore}): submit, claim, engine,
 * normalize, stage and complete. {@code lifecycle} is the store alone (submit, claim, stage,
 * complete: four durable transitions), W threads. {@code baselineFourDurableRenames} is the
 * physical floor: W threads each writing, fsyncing and renaming a file of the same size into place,
 * then fsyncing the folder, four times per operation, as many fsyncs as a lifecycle's transitions
 * need.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FileStoreLifecycleBenchmark {
  /** Jobs per invocation: divisible by every {@code workers}. */
  public static final int JOBS = 100;

  private static final WorkerIdentity WORKER = new WorkerIdentity("bench", 1, "b");
  private static final byte[] MARKDOWN =
      "# Title\n\nA paragraph of converted text.\n".repeat(50).getBytes(StandardCharsets.UTF_8);

  /** Threads of the store lifecycle and the baseline, workers of the runtime. */
  @Param({"1", "2", "4"})
  public int workers;

  private Path dir;
  private JobStore store;
  private ExecutorService threads;
  private final AtomicLong counter = new AtomicLong();

  /** Opens a fresh data root per trial. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("convertalot-jmh-");
    store = JobStores.openFileStore(dir.resolve("root"), "bench", Clock.systemUTC());
    Files.createDirectories(dir.resolve("baseline"));
    threads = Executors.newFixedThreadPool(workers);
  }

  /** Deletes the data root. */
  @TearDown(Level.Trial)
  public void close() {
    threads.shutdownNow();
    store.close();
    BenchPostgres.deleteTree(dir);
  }

  /** The runtime with W workers and the no-op engine on its own data root. */
  @State(Scope.Benchmark)
  public static class Runtime {
    private Path dir;
    private RuntimeSystem system;

    /**
     * Starts the runtime.
     *
     * @param bench the benchmark, for its {@code workers}
     * @throws Exception when it cannot start
     */
    @Setup(Level.Trial)
    public void open(FileStoreLifecycleBenchmark bench) throws Exception {
      dir = Files.createTempDirectory("convertalot-jmh-runtime-");
      system = RuntimeSystem.onFileStore(bench.workers, Duration.ofMillis(50), dir);
    }

    /**
     * Writes the next batch's sources, outside the measurement.
     *
     * @throws Exception when they cannot be written
     */
    @Setup(Level.Invocation)
    public void prepare() throws Exception {
      system.prepare(JOBS);
    }

    /** Stops the runtime and deletes its folder. */
    @TearDown(Level.Trial)
    public void close() {
      try {
        system.close();
      } finally {
        BenchPostgres.deleteTree(dir);
      }
    }
  }

  /**
   * A batch of jobs through the runtime, from submit to SUCCEEDED.
   *
   * @param runtime the runtime
   * @return the number of jobs done
   * @throws Exception when a job failed or the batch timed out
   */
  @Benchmark
  @OperationsPerInvocation(JOBS)
  public int runtimeNoopEngine(Runtime runtime) throws Exception {
    return runtime.system.runBatch();
  }

  /**
   * A batch of jobs from submit to SUCCEEDED with a verified artifact, on W threads of the store.
   *
   * @return the jobs done
   * @throws Exception when one failed
   */
  @Benchmark
  @OperationsPerInvocation(JOBS)
  public long lifecycle() throws Exception {
    return onWorkers(this::oneLifecycle);
  }

  private JobSnapshot oneLifecycle() {
    long n = counter.incrementAndGet();
    String sha = String.format("%064x", n);
    NewJob job =
        new NewJob(
            new SourceRef("/bench/" + n + ".pdf", n + ".pdf", sha, 1000),
            Policy.CPU_ONLY,
            null,
            Map.of(),
            Limits.DEFAULTS,
            3);
    store.submit(job);
    // Another thread's claim may hold the only free job for a moment: try again.
    Optional<JobSnapshot> claimed = store.claim(WORKER);
    while (claimed.isEmpty()) {
      Thread.onSpinWait();
      claimed = store.claim(WORKER);
    }
    JobSnapshot running = claimed.get();
    StagedArtifact staged = store.stage(running.id(), running.runId(), MARKDOWN);
    ArtifactManifest manifest =
        ArtifactManifest.builder(running)
            .artifact(staged.sha256(), staged.size())
            .engine("bench", "1")
            .pages(1)
            .createdAt(store.now())
            .build();
    return store.complete(running.id(), running.runId(), staged, manifest, Map.of());
  }

  /**
   * Baseline: per operation, four durable atomic replacements of a small file, the floor of any
   * durable store; W threads, each on its own files.
   *
   * @return the sets done
   * @throws Exception when a write failed
   */
  @Benchmark
  @OperationsPerInvocation(JOBS)
  public long baselineFourDurableRenames() throws Exception {
    return onWorkers(this::fourDurableRenames);
  }

  private long fourDurableRenames() throws IOException {
    Path base = dir.resolve("baseline");
    long n = counter.incrementAndGet();
    String thread = Thread.currentThread().getName();
    for (int i = 0; i < 4; i++) {
      durableReplace(base, n + "-" + i + ".tmp", thread + "-f" + i, MARKDOWN);
    }
    return n;
  }

  /**
   * The physical floor of one durable transition: writes {@code bytes} to a new temporary file,
   * fsyncs it, renames it atomically over {@code target} and fsyncs the folder.
   *
   * @param folder the folder of both files
   * @param temporary the temporary file's name, which must not exist
   * @param target the name it replaces
   * @param bytes the file's content
   * @throws IOException when a step fails
   */
  static void durableReplace(Path folder, String temporary, String target, byte[] bytes)
      throws IOException {
    Path tmp = folder.resolve(temporary);
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(
        tmp,
        folder.resolve(target),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(folder, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** {@value #JOBS} calls of {@code one}, shared out evenly to the W threads. */
  private long onWorkers(Callable<?> one) throws Exception {
    Callable<Void> share =
        () -> {
          for (int i = 0; i < JOBS / workers; i++) {
            one.call();
          }
          return null;
        };
    List<Future<Void>> done = threads.invokeAll(Collections.nCopies(workers, share));
    for (Future<Void> f : done) {
      f.get();
    }
    return JOBS;
  }
}

package org.convertalot.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.testkit.ChildJvm;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Claim latency under contention (sample time: read p50 and p99): {@code claimNThreads} has N
 * threads of this process claiming from one store at once; {@code claim1ThreadWithChildProcess} has
 * one thread here and one in a child JVM ({@link ClaimChild}) claiming on the same data root (file
 * store only). Every sample is one {@link JobStore#claim} that found a job: before each iteration
 * the queue is topped up, outside the measurement, to twice what the last iteration took (at least
 * {@value #MIN_QUEUE}); an iteration whose queue ran dry says so on the output. The queue is deep,
 * so a claim pays for listing it, as it would under a backlog.
 *
 * <p>Baseline: {@code baselineDurableReplaceNThreads}, the same N threads each replacing a file of
 * a job record's size durably ({@link FileStoreLifecycleBenchmark#durableReplace}: write, fsync,
 * atomic rename, fsync the folder), the physical floor of a claim, which writes the job's record
 * that way. Its samples need no queue, so it runs without one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ClaimContentionBenchmark {
  /** The least queue depth an iteration starts with. */
  static final int MIN_QUEUE = 1000;

  private static final AtomicInteger THREAD_NAMES = new AtomicInteger();

  /** A job record's size, about: what the baseline writes. */
  private static final byte[] RECORD = new byte[1024];

  /** The store claimed from. */
  @Param({"FILE"})
  public StoreType store;

  private Path dir;

  /**
   * Creates the trial's folder.
   *
   * @throws IOException when it cannot
   */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("convertalot-jmh-claim-");
    Files.createDirectories(dir.resolve("baseline"));
  }

  /** Deletes the trial's folder. */
  @TearDown(Level.Trial)
  public void close() {
    BenchPostgres.deleteTree(dir);
  }

  /** The store and its queue, topped up before each iteration. */
  @State(Scope.Benchmark)
  public static class Queue {
    private StoreType store;
    private Path dir;
    private JobStore jobs;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder empty = new LongAdder();
    private final AtomicLong firstEmptyAt = new AtomicLong();
    private long startDepth;
    private long startedAt;
    private double lastRate;

    /**
     * Opens the store.
     *
     * @param bench the benchmark, for its store type and folder
     * @throws Exception when it cannot be opened
     */
    @Setup(Level.Trial)
    public void open(ClaimContentionBenchmark bench) throws Exception {
      store = bench.store;
      dir = bench.dir;
      jobs = store.open(dir);
    }

    /**
     * Tops the queue up, submitting from four threads, to three times what the last iteration's
     * claim rate would take in this iteration's time (at least {@value
     * ClaimContentionBenchmark#MIN_QUEUE}).
     *
     * @param iteration this iteration's settings, for its time
     * @throws Exception when a submit fails
     */
    @Setup(Level.Iteration)
    public void topUp(IterationParams iteration) throws Exception {
      long queued = queued();
      double seconds = iteration.getTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
      long want = Math.max(MIN_QUEUE, (long) Math.ceil(3 * lastRate * seconds));
      int missing = (int) Math.max(0, want - queued);
      ExecutorService submitters = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done =
            IntStream.range(0, missing)
                .mapToObj(i -> submitters.submit(() -> jobs.submit(newJob())))
                .<Future<?>>map(f -> f)
                .toList();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        submitters.shutdown();
      }
      startDepth = queued + missing;
      empty.reset();
      firstEmptyAt.set(0);
      startedAt = System.nanoTime();
    }

    /**
     * Records the iteration's claim rate (up to the first empty claim, when its queue ran dry) and
     * says when it ran dry.
     */
    @TearDown(Level.Iteration)
    public void taken() {
      long dry = firstEmptyAt.get();
      double seconds = ((dry != 0 ? dry : System.nanoTime()) - startedAt) / 1e9;
      lastRate = Math.max(0, startDepth - queued()) / seconds;
      if (empty.sum() > 0) {
        System.out.println(
            "\nWARNING: "
                + empty.sum()
                + " claims found the queue empty in this iteration (started with "
                + startDepth
                + " jobs queued); its figures include them");
      }
    }

    private long queued() {
      return jobs.counts().getOrDefault(JobState.QUEUED, 0L);
    }

    private NewJob newJob() {
      long n = sequence.incrementAndGet();
      return new NewJob(
          new SourceRef("/bench/" + n + ".pdf", n + ".pdf", String.format("%064x", n), 1000),
          Policy.CPU_ONLY,
          null,
          Map.of(),
          Limits.DEFAULTS,
          3);
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
      jobs.close();
    }

    private Optional<JobSnapshot> claim(Claimer claimer) {
      Optional<JobSnapshot> job = jobs.claim(claimer.me);
      if (job.isEmpty()) {
        empty.increment();
        firstEmptyAt.compareAndSet(0, System.nanoTime());
      }
      return job;
    }
  }

  /** One claiming thread's identity. */
  @State(Scope.Thread)
  public static class Claimer {
    WorkerIdentity me;
    private long writes;

    /** Names the thread. */
    @Setup(Level.Trial)
    public void name() {
      me =
          new WorkerIdentity(
              "jmh", ProcessHandle.current().pid(), "t" + THREAD_NAMES.incrementAndGet());
    }

    long durableReplace(Path dir) throws IOException {
      long n = ++writes;
      FileStoreLifecycleBenchmark.durableReplace(
          dir.resolve("baseline"), me.instance() + "-" + n + ".tmp", me.instance(), RECORD);
      return n;
    }
  }

  /** A child JVM claiming on the same data root through each iteration. */
  @State(Scope.Benchmark)
  public static class ChildClaimer {
    private Process child;
    private BufferedReader out;

    /**
     * Starts the child once the queue is topped up and waits until it claims.
     *
     * @param bench the benchmark's store
     * @param queue the queue, topped up before the child starts
     * @throws IOException when the child cannot start
     */
    @Setup(Level.Iteration)
    public void start(ClaimContentionBenchmark bench, Queue queue) throws IOException {
      if (bench.store != StoreType.FILE) {
        throw new UnsupportedOperationException("the child process claims on a file store only");
      }
      List<String> command =
          new ArrayList<>(ChildJvm.command(List.of("-Xmx256m"), ClaimChild.class));
      command.add(StoreType.dataRoot(bench.dir).toString());
      child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!ClaimChild.READY.equals(line)) {
        child.destroyForcibly();
        throw new IllegalStateException("the child did not start: " + line);
      }
    }

    /**
     * Stops the child (closes its stdin) and prints how many jobs it claimed.
     *
     * @throws Exception when it does not stop
     */
    @TearDown(Level.Iteration)
    public void stop() throws Exception {
      child.getOutputStream().close();
      String line = out.readLine();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IllegalStateException("the child did not stop");
      }
      System.out.println("\nchild process: " + line);
    }
  }

  /**
   * One claim, one thread.
   *
   * @param queue the store and its queue
   * @param claimer the thread's identity
   * @return the claimed job
   */
  @Benchmark
  @Threads(1)
  public Optional<JobSnapshot> claim1Thread(Queue queue, Claimer claimer) {
    return queue.claim(claimer);
  }

  /**
   * One claim, two threads at once.
   *
   * @param queue the store and its queue
   * @param claimer the thread's identity
   * @return the claimed job
   */
  @Benchmark
  @Threads(2)
  public Optional<JobSnapshot> claim2Threads(Queue queue, Claimer claimer) {
    return queue.claim(claimer);
  }

  /**
   * One claim, four threads at once.
   *
   * @param queue the store and its queue
   * @param claimer the thread's identity
   * @return the claimed job
   */
  @Benchmark
  @Threads(4)
  public Optional<JobSnapshot> claim4Threads(Queue queue, Claimer claimer) {
    return queue.claim(claimer);
  }

  /**
   * One claim, eight threads at once.
   *
   * @param queue the store and its queue
   * @param claimer the thread's identity
   * @return the claimed job
   */
  @Benchmark
  @Threads(8)
  public Optional<JobSnapshot> claim8Threads(Queue queue, Claimer claimer) {
    return queue.claim(claimer);
  }

  /**
   * One claim on one thread while a child JVM claims on the same data root.
   *
   * @param queue the store and its queue
   * @param claimer the thread's identity
   * @param child the other process
   * @return the claimed job
   */
  @Benchmark
  @Threads(1)
  public Optional<JobSnapshot> claim1ThreadWithChildProcess(
      Queue queue, Claimer claimer, ChildClaimer child) {
    return queue.claim(claimer);
  }

  /**
   * Baseline: one durable replacement of a record-sized file, one thread.
   *
   * @param claimer the thread's identity, for its file
   * @return the operation's number
   * @throws IOException when a step fails
   */
  @Benchmark
  @Threads(1)
  public long baselineDurableReplace1Thread(Claimer claimer) throws IOException {
    return claimer.durableReplace(dir);
  }

  /**
   * Baseline: one durable replacement of a record-sized file, two threads at once.
   *
   * @param claimer the thread's identity, for its file
   * @return the operation's number
   * @throws IOException when a step fails
   */
  @Benchmark
  @Threads(2)
  public long baselineDurableReplace2Threads(Claimer claimer) throws IOException {
    return claimer.durableReplace(dir);
  }

  /**
   * Baseline: one durable replacement of a record-sized file, four threads at once.
   *
   * @param claimer the thread's identity, for its file
   * @return the operation's number
   * @throws IOException when a step fails
   */
  @Benchmark
  @Threads(4)
  public long baselineDurableReplace4Threads(Claimer claimer) throws IOException {
    return claimer.durableReplace(dir);
  }

  /**
   * Baseline: one durable replacement of a record-sized file, eight threads at once.
   *
   * @param claimer the thread's identity, for its file
   * @return the operation's number
   * @throws IOException when a step fails
   */
  @Benchmark
  @Threads(8)
  public long baselineDurableReplace8Threads(Claimer claimer) throws IOException {
    return claimer.durableReplace(dir);
  }
}

package org.convertalot.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.testkit.StandaloneContext;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The runtime's overhead: every bench page through the whole path of {@link ConvertALot} with one
 * worker (submit, claim, checks, the PDFBox engine, normalization, artifact and manifest, complete)
 * against a baseline of the same engine called directly on the same pages ({@link
 * StandaloneContext}, as {@link PdfBoxEngineBenchmark} does), in the same run. Text recognition is
 * off in both ({@code pdfbox.ocr=off}), so the difference is the runtime's. One operation is one
 * page; time per page.
 *
 * <p>Each invocation converts fresh copies of the pages, written outside the measurement with a
 * trailing PDF comment that makes their bytes (and so their SHA-256) distinct, so that every submit
 * creates a job instead of finding the last round's. Both benchmarks convert the same copies. After
 * each iteration of {@code runtime} the runtime's mean phase timings per page are printed, to show
 * where its time went.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class RuntimeOverheadBenchmark {
  /** The runtime's store. */
  @Param({"FILE"})
  public StoreType store;

  private Path dir;
  private Path pages;
  private List<byte[]> originals;
  private List<String> names;
  private ConversionBackend engine;
  private JobStore jobStore;
  private ConversionRuntime runtime;
  private final List<Path> copies = new ArrayList<>();
  private final List<SourceRef> copySources = new ArrayList<>();
  private final AtomicLong round = new AtomicLong();
  private final Map<String, LongAdder> phaseNanos = new ConcurrentHashMap<>();
  private final LongAdder pagesRun = new LongAdder();

  /**
   * Reads the pages, creates the engine for direct calls and starts the runtime with its own
   * engine.
   *
   * @throws Exception when either cannot start
   */
  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("convertalot-jmh-runtime-");
    pages = Files.createDirectories(dir.resolve("pages"));
    originals = new ArrayList<>();
    names = new ArrayList<>();
    for (Path pdf : BenchPdfs.list()) {
      originals.add(Files.readAllBytes(pdf));
      names.add(pdf.getFileName().toString());
    }
    engine = PdfBoxBackend.create();
    jobStore = store.open(dir);
    runtime =
        RuntimeSystem.build(
            ConvertALot.builder().store(jobStore),
            PdfBoxBackend.create(),
            1,
            Duration.ofMillis(50),
            dir);
  }

  /**
   * Writes this invocation's copies of the pages, with bytes no earlier round had.
   *
   * @throws IOException when they cannot be written
   */
  @Setup(Level.Invocation)
  public void prepare() throws IOException {
    for (Path old : copies) {
      Files.deleteIfExists(old);
    }
    copies.clear();
    copySources.clear();
    long n = round.incrementAndGet();
    byte[] tail = ("\n%convertalot-jmh " + n + "\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < originals.size(); i++) {
      byte[] bytes = originals.get(i);
      byte[] copy = new byte[bytes.length + tail.length];
      System.arraycopy(bytes, 0, copy, 0, bytes.length);
      System.arraycopy(tail, 0, copy, bytes.length, tail.length);
      Path file = pages.resolve(n + "-" + names.get(i));
      Files.write(file, copy);
      copies.add(file);
      copySources.add(BenchPdfs.source(file));
    }
  }

  /** Forgets the last iteration's phase timings. */
  @Setup(Level.Iteration)
  public void resetPhases() {
    phaseNanos.clear();
    pagesRun.reset();
  }

  /** Prints the runtime's mean phase timings per page of this iteration, when it ran. */
  @TearDown(Level.Iteration)
  public void printPhases() {
    long n = pagesRun.sum();
    if (n > 0) {
      Map<String, String> perPage = new TreeMap<>();
      phaseNanos.forEach((k, v) -> perPage.put(k, String.format("%.2f ms", v.sum() / 1e6 / n)));
      System.out.println("\nruntime phases, mean per page over " + n + " pages: " + perPage);
    }
  }

  /** Stops the runtime, closes the store and the engine and deletes the folder. */
  @TearDown(Level.Trial)
  public void close() {
    try {
      runtime.close();
    } finally {
      jobStore.close();
      engine.close();
      BenchPostgres.deleteTree(dir);
    }
  }

  /**
   * The whole path: submit every page (text layer only), wait for every result.
   *
   * @param bh takes each result
   * @throws Exception when a job failed
   */
  @Benchmark
  @OperationsPerInvocation(BenchPdfs.PAGES)
  public void runtime(Blackhole bh) throws Exception {
    List<CompletableFuture<ConversionResult>> results = new ArrayList<>(copies.size());
    for (Path copy : copies) {
      ConversionRequest request =
          ConversionRequest.builder(copy)
              .policy(Policy.CPU_ONLY)
              .engine(engine.id())
              .option("pdfbox.ocr", "off")
              .build();
      JobHandle handle = runtime.submit(request);
      if (!handle.created()) {
        throw new IllegalStateException("submit found an existing job for " + copy);
      }
      results.add(handle.result());
    }
    for (CompletableFuture<ConversionResult> result : results) {
      ConversionResult done =
          result.get(LifecycleSystem.BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      done.phaseTimings()
          .forEach(
              (phase, took) ->
                  phaseNanos.computeIfAbsent(phase, k -> new LongAdder()).add(took.toNanos()));
      bh.consume(done.markdown());
    }
    pagesRun.add(results.size());
  }

  /**
   * Baseline: the engine called directly on the same copies, text layer only, one thread.
   *
   * @param bh takes each result
   */
  @Benchmark
  @OperationsPerInvocation(BenchPdfs.PAGES)
  public void baselineEngineDirect(Blackhole bh) {
    for (int i = 0; i < copies.size(); i++) {
      BackendInput input =
          new BackendInput(
              copies.get(i),
              copySources.get(i),
              BenchPdfs.TEXT_LAYER_ONLY,
              Limits.DEFAULTS,
              Acceleration.CPU);
      bh.consume(engine.convert(input, StandaloneContext.in(dir)));
    }
  }
}

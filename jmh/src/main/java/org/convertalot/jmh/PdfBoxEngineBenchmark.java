package org.convertalot.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.testkit.StandaloneContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The PDFBox engine over every page of the dpbench-dev PDFs, against a baseline of PDFBox's plain
 * {@link PDFTextStripper} on the same files in the same run: the ratio is the cost of layout
 * analysis over bare text extraction. One operation is one page (every bench PDF has one page).
 *
 * <p>The engine runs with text recognition (Tesseract is on this module's class path) as {@code
 * engine}, on one thread; as {@code engineTwoWorkers}, the same on two threads that share the
 * pages, as a batch runs on this 2-core machine (time per page of the machine, not of a thread);
 * and without recognition as {@code engineTextLayerOnly}.
 *
 * <p>Point {@code -Dconvertalot.bench.pdfs=DIR} at a folder of PDFs (default {@code
 * ../shared/bench/dpbench-dev/pdfs}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PdfBoxEngineBenchmark {
  /** Pages per operation: the dpbench-dev set has 95 one-page PDFs. */
  static final int PAGES = BenchPdfs.PAGES;

  private static final Map<String, String> TEXT_LAYER_ONLY = BenchPdfs.TEXT_LAYER_ONLY;

  private List<Path> pdfs;
  private List<SourceRef> sources;
  private ConversionBackend engine;
  private Path temp;
  private ExecutorService workers;

  /**
   * Finds the PDFs and creates the engine.
   *
   * @throws Exception when the PDFs cannot be listed or the engine cannot start
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pdfs = BenchPdfs.list();
    sources = pdfs.stream().map(BenchPdfs::source).toList();
    engine = PdfBoxBackend.create();
    temp = Files.createTempDirectory("convertalot-jmh-pdfbox");
    workers = Executors.newFixedThreadPool(2);
  }

  /** Closes the engine. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    workers.shutdownNow();
    engine.close();
    Files.deleteIfExists(temp);
  }

  /** The engine: checks, parse with scratch files, layout analysis, Markdown. */
  @Benchmark
  @OperationsPerInvocation(PAGES)
  public void engine(Blackhole bh) {
    for (int i = 0; i < pdfs.size(); i++) {
      BackendInput input =
          new BackendInput(
              pdfs.get(i), sources.get(i), Map.of(), Limits.DEFAULTS, Acceleration.CPU);
      bh.consume(engine.convert(input, StandaloneContext.in(temp)));
    }
  }

  /** The engine without text recognition: the text layer only. */
  @Benchmark
  @OperationsPerInvocation(PAGES)
  public void engineTextLayerOnly(Blackhole bh) {
    for (int i = 0; i < pdfs.size(); i++) {
      BackendInput input =
          new BackendInput(
              pdfs.get(i), sources.get(i), TEXT_LAYER_ONLY, Limits.DEFAULTS, Acceleration.CPU);
      bh.consume(engine.convert(input, StandaloneContext.in(temp)));
    }
  }

  /** The engine on two threads taking the pages in turn: the machine's time per page. */
  @Benchmark
  @OperationsPerInvocation(PAGES)
  public void engineTwoWorkers(Blackhole bh) throws Exception {
    AtomicInteger next = new AtomicInteger();
    // Blackholes are not for sharing between threads; the workers sum their output instead.
    LongAdder characters = new LongAdder();
    Callable<Void> worker =
        () -> {
          for (int i = next.getAndIncrement(); i < pdfs.size(); i = next.getAndIncrement()) {
            BackendInput input =
                new BackendInput(
                    pdfs.get(i), sources.get(i), Map.of(), Limits.DEFAULTS, Acceleration.CPU);
            characters.add(engine.convert(input, StandaloneContext.in(temp)).markdown().length());
          }
          return null;
        };
    for (Future<Void> done : workers.invokeAll(List.of(worker, worker))) {
      done.get();
    }
    bh.consume(characters.sum());
  }

  /** Baseline: load and extract plain text with PDFBox's own stripper. */
  @Benchmark
  @OperationsPerInvocation(PAGES)
  public void baselinePlainTextStripper(Blackhole bh) throws IOException {
    for (Path pdf : pdfs) {
      try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
        bh.consume(new PDFTextStripper().getText(doc));
      }
    }
  }
}

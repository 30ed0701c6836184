package org.convertalot.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.core.internal.markdown.MarkdownNormalizer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The runtime's Markdown normalization ({@link MarkdownNormalizer}, core-internal: compiled with
 * {@code --add-exports}, run from the class path) over the Markdown the PDFBox engine returns for
 * every bench page without text recognition, against a baseline of commonmark-java's own parse and
 * render (GFM tables, as the normalizer configures it) of the same text, in the same run. One
 * operation is one page; the engine runs once, in the trial's setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MarkdownNormalizationBenchmark {
  private List<String> pages;
  private MarkdownNormalizer normalizer;
  private Parser parser;
  private MarkdownRenderer renderer;

  /**
   * Converts the bench pages once and builds the normalizer and the baseline's parser and renderer.
   *
   * @throws Exception when the PDFs cannot be read or converted
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path temp = Files.createTempDirectory("convertalot-jmh-markdown");
    try (ConversionBackend engine = PdfBoxBackend.create()) {
      pages = BenchPdfs.textLayerMarkdown(engine, BenchPdfs.list(), temp);
    } finally {
      Files.deleteIfExists(temp);
    }
    System.out.println(
        "\n"
            + pages.size()
            + " pages, "
            + pages.stream().mapToInt(String::length).sum()
            + " characters of engine Markdown");
    normalizer = new MarkdownNormalizer();
    List<Extension> extensions = List.of(TablesExtension.create());
    parser = Parser.builder().extensions(extensions).build();
    renderer = MarkdownRenderer.builder().extensions(extensions).build();
  }

  /**
   * The normalizer over every page.
   *
   * @param bh takes each result
   */
  @Benchmark
  @OperationsPerInvocation(BenchPdfs.PAGES)
  public void normalize(Blackhole bh) {
    for (String page : pages) {
      bh.consume(normalizer.normalize(page));
    }
  }

  /**
   * Baseline: commonmark-java's parse and Markdown render of every page, nothing else.
   *
   * @param bh takes each result
   */
  @Benchmark
  @OperationsPerInvocation(BenchPdfs.PAGES)
  public void baselineCommonmarkParseRender(Blackhole bh) {
    for (String page : pages) {
      bh.consume(renderer.render(parser.parse(page)));
    }
  }
}

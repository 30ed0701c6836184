package org.convertalot.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.testkit.StandaloneContext;

/**
 * The bench pages every engine benchmark runs on: the one-page PDFs of dpbench-dev, found with
 * {@code -Dconvertalot.bench.pdfs=DIR} (default {@code ../shared/bench/dpbench-dev/pdfs}).
 */
final class BenchPdfs {
  /** Pages of the dpbench-dev set: 95 one-page PDFs. */
  static final int PAGES = 95;

  /** The engine options that turn text recognition off: the text layer only. */
  static final Map<String, String> TEXT_LAYER_ONLY = Map.of("pdfbox.ocr", "off");

  private BenchPdfs() {}

  /**
   * The bench PDFs, sorted by name.
   *
   * @return {@value #PAGES} paths
   * @throws IOException when the folder cannot be listed
   * @throws IllegalStateException when it does not hold {@value #PAGES} PDFs
   */
  static List<Path> list() throws IOException {
    Path dir =
        Path.of(System.getProperty("convertalot.bench.pdfs", "../shared/bench/dpbench-dev/pdfs"));
    List<Path> pdfs;
    try (Stream<Path> files = Files.list(dir)) {
      pdfs = files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
    }
    if (pdfs.size() != PAGES) {
      throw new IllegalStateException(
          "expected "
              + PAGES
              + " one-page PDFs in "
              + dir.toAbsolutePath()
              + ", found "
              + pdfs.size());
    }
    return pdfs;
  }

  /**
   * The source reference of a file, as the runtime would make it (its SHA-256 and size).
   *
   * @param pdf the file
   * @return its reference
   */
  static SourceRef source(Path pdf) {
    try {
      byte[] bytes = Files.readAllBytes(pdf);
      return new SourceRef(
          pdf.toString(), pdf.getFileName().toString(), Hashing.sha256Hex(bytes), bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The engine's Markdown for each page, called directly without text recognition.
   *
   * @param engine the engine
   * @param pdfs the pages
   * @param temp the engine's scratch folder
   * @return the Markdown of each page, in order, as the engine returned it (not normalized)
   */
  static List<String> textLayerMarkdown(ConversionBackend engine, List<Path> pdfs, Path temp) {
    List<String> markdown = new ArrayList<>(pdfs.size());
    for (Path pdf : pdfs) {
      BackendInput input =
          new BackendInput(pdf, source(pdf), TEXT_LAYER_ONLY, Limits.DEFAULTS, Acceleration.CPU);
      markdown.add(engine.convert(input, StandaloneContext.in(temp)).markdown());
    }
    return markdown;
  }
}

package org.convertalot.backend.pdfbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.StandaloneContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Converts every real PDF of the shared benchmark's developer half. */
class BenchmarkPdfsTest {

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkPdfsTest.class);

  @TempDir Path dir;

  @Test
  void everyBenchmarkPdfConverts() throws IOException {
    String benchDir = System.getProperty("convertalot.bench.dir", "");
    Path pdfs = Path.of(benchDir, "dpbench-dev", "pdfs");
    Assumptions.assumeTrue(
        !benchDir.isEmpty() && Files.isDirectory(pdfs),
        () -> pdfs + " not found: set convertalot.bench.dir to the shared bench directory");
    List<Path> files;
    try (Stream<Path> listing = Files.list(pdfs)) {
      files = listing.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
    }
    Assumptions.assumeFalse(files.isEmpty(), () -> "no PDFs in " + pdfs);

    ConversionBackend engine = PdfBoxBackend.create();
    List<Executable> checks = new ArrayList<>();
    long pages = 0;
    long started = System.nanoTime();
    for (Path file : files) {
      BackendOutput output = engine.convert(EngineFixtures.input(file), StandaloneContext.in(dir));
      pages += output.pages();
      String name = file.getFileName().toString();
      checks.add(() -> assertTrue(output.pages() >= 1, name + ": no pages"));
      checks.add(() -> assertFalse(output.markdown().isBlank(), name + ": blank Markdown"));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info(
        String.format(
            Locale.ROOT,
            "converted %d benchmark PDFs, %d pages in %.2f s (%.1f pages/s, single thread)",
            files.size(),
            pages,
            seconds,
            pages / seconds));
    assertAll(checks);
  }
}

package org.convertalot.backend.pdfbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.CanceledException;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.StandaloneContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phases, per-page progress and cancellation between pages. */
class ProgressAndCancellationTest {

  @TempDir Path dir;

  private final ConversionBackend engine = PdfBoxBackend.create();

  @Test
  void reportsParseThenLayoutAndEveryPageInOrder() {
    Path file = EngineFixtures.pages(dir.resolve("five.pdf"), 5);
    StandaloneContext context = StandaloneContext.in(dir);

    BackendOutput output = engine.convert(EngineFixtures.input(file), context);

    assertEquals(5, output.pages());
    assertEquals(List.of("parse", "layout"), context.phases());
    assertEquals(List.of("1/5", "2/5", "3/5", "4/5", "5/5"), context.progressReports());
  }

  @Test
  void stopsBetweenPagesWhenCanceledAndClosesTheDocument() throws IOException {
    Path file = EngineFixtures.pages(dir.resolve("five.pdf"), 5);
    Path scratch = Files.createDirectory(dir.resolve("scratch"));
    StandaloneContext context = StandaloneContext.cancelingAfter(scratch, 2);

    CanceledException e =
        assertThrows(
            CanceledException.class, () -> engine.convert(EngineFixtures.input(file), context));

    assertEquals("canceled", e.code());
    assertEquals(List.of("1/5", "2/5"), context.progressReports());
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "scratch files left behind");
    }
    assertFalse(openFiles().contains(file.toRealPath()), "the PDF is still open");
  }

  @Test
  void aContextCanceledBeforeTheStartDoesNoWork() {
    Path file = EngineFixtures.pages(dir.resolve("one.pdf"), 1);
    StandaloneContext context = StandaloneContext.in(dir);
    context.stop(StopReason.CANCELED);

    assertThrows(
        CanceledException.class, () -> engine.convert(EngineFixtures.input(file), context));

    assertEquals(List.of(), context.phases());
  }

  /** The files this JVM holds open, from {@code /proc/self/fd} (Linux only). */
  private static List<Path> openFiles() throws IOException {
    Path descriptors = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(
        Files.isDirectory(descriptors), "/proc/self/fd not available: cannot list open files");
    List<Path> open = new ArrayList<>();
    try (Stream<Path> entries = Files.list(descriptors)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        try {
          open.add(Files.readSymbolicLink(entry));
        } catch (IOException | UnsupportedOperationException e) {
          // The descriptor was closed while listing.
        }
      }
    }
    return open;
  }
}

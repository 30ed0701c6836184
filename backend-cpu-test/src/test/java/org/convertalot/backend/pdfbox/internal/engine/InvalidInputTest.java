package org.convertalot.backend.pdfbox.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.convertalot.api.Limits;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.StandaloneContext;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code invalid_input} reasons that need the parser (corrupt, encrypted, too many pages), each
 * from a real malformed file made here; the runtime's own checks (empty, too large, not a PDF) are
 * tested in core.
 */
class InvalidInputTest {

  @TempDir Path dir;

  private final ConversionBackend engine = PdfBoxBackend.create();

  private InvalidInputException rejected(BackendInput input, InvalidInputReason reason) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> engine.convert(input, StandaloneContext.in(dir.resolve("tmp"))));
    assertEquals("invalid_input", e.code());
    assertEquals(reason.code(), e.details().get("reason"), e::toString);
    assertFalse(e.retryable());
    assertFalse(e.getMessage().isBlank());
    return e;
  }

  @Test
  void randomBytesThatGotPastTheRuntimeAreCorrupt() throws IOException {
    // The runtime refuses files without a PDF header before any engine; one that calls the engine
    // directly still gets a typed, final error from the parser, never a retried engine failure.
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    Path file = Files.write(dir.resolve("noise.pdf"), bytes);

    rejected(EngineFixtures.input(file), InvalidInputReason.CORRUPT);
  }

  @Test
  void aTruncatedPdfIsCorrupt() throws IOException {
    byte[] pdf = Files.readAllBytes(sampleDocument(dir.resolve("whole.pdf")));
    Path file = Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(pdf, pdf.length * 2 / 5));

    rejected(EngineFixtures.input(file), InvalidInputReason.CORRUPT);
  }

  @Test
  void aPdfThatNeedsAUserPasswordIsEncrypted() {
    Path file =
        EngineFixtures.encrypted(
            sampleBuilder().toBytes(),
            dir.resolve("locked.pdf"),
            EngineFixtures.protection("user-secret"));

    rejected(EngineFixtures.input(file), InvalidInputReason.ENCRYPTED);
  }

  @Test
  void aPdfWithOnlyAnOwnerPasswordIsConverted() {
    Path file =
        EngineFixtures.encrypted(
            sampleBuilder().toBytes(),
            dir.resolve("owner-only.pdf"),
            EngineFixtures.protection(""));

    BackendOutput output = engine.convert(EngineFixtures.input(file), StandaloneContext.in(dir));

    assertTrue(output.markdown().contains("Readable without a password"), output.markdown());
  }

  @Test
  void morePagesThanTheLimitAreTooMany() {
    Path file = EngineFixtures.pages(dir.resolve("three.pdf"), 3);

    InvalidInputException e =
        rejected(
            EngineFixtures.input(file, Limits.DEFAULTS.withMaxPages(2)),
            InvalidInputReason.TOO_MANY_PAGES);
    assertEquals("3", e.details().get("pages"));
    assertEquals("2", e.details().get("max_pages"));
  }

  @Test
  void aPageTreeThatUnderstatesItsCountStillHitsTheLimit() throws IOException {
    // The kit writes plain objects and a classic cross-reference table.
    Path file = EngineFixtures.pages(dir.resolve("three.pdf"), 3);
    String pdf = Files.readString(file, StandardCharsets.ISO_8859_1);
    assertTrue(pdf.contains("/Count 3"), "expected a plain-text page tree");
    // Same length, so the cross-reference offsets stay valid.
    Files.writeString(file, pdf.replace("/Count 3", "/Count 1"), StandardCharsets.ISO_8859_1);

    rejected(
        EngineFixtures.input(file, Limits.DEFAULTS.withMaxPages(2)),
        InvalidInputReason.TOO_MANY_PAGES);
  }

  @Test
  void exactlyThePageLimitIsAccepted() {
    Path file = EngineFixtures.pages(dir.resolve("three.pdf"), 3);

    BackendOutput output =
        engine.convert(
            EngineFixtures.input(file, Limits.DEFAULTS.withMaxPages(3)), StandaloneContext.in(dir));

    assertEquals(3, output.pages());
  }

  private static TestPdf.Builder sampleBuilder() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4);
    for (int page = 1; page <= 4; page++) {
      builder.page().text(Font.HELVETICA_BOLD, 18, 72, 90, "Readable without a password");
      for (int i = 0; i < 30; i++) {
        builder.text(
            Font.HELVETICA, 11, 72, 120 + 14 * i, "Line " + i + " of page " + page + " text.");
      }
    }
    return builder;
  }

  /**
   * The sample in PDFBox's compressed layout: the page tree, pages and fonts packed into one object
   * stream after the content streams, so a file cut at two fifths has no page left to read. (The
   * kit's plain layout, cut at the same point, keeps whole pages that PDFBox leniently recovers.)
   */
  private static Path sampleDocument(Path file) {
    return EngineFixtures.compressed(sampleBuilder().toBytes(), file);
  }
}

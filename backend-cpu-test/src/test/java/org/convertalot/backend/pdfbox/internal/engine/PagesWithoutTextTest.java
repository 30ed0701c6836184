package org.convertalot.backend.pdfbox.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Warning;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.backend.pdfbox.testing.WordsRecognizer;
import org.convertalot.testkit.StandaloneContext;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page that yields no text is never a silent empty success: the result carries the warning {@code
 * pages_without_text} naming exactly those pages, with the reason recognition gave none.
 */
class PagesWithoutTextTest {

  @TempDir Path dir;

  /** Page 1 text, page 2 blank, page 3 only an image, page 4 text. */
  private Path mixed() throws Exception {
    byte[] grey = new byte[64 * 64];
    Arrays.fill(grey, (byte) 40);
    byte[] pdf =
        TestPdf.builder()
            .page()
            .text(TestPdf.Font.HELVETICA, 12, 72, 100, "A page with text.")
            .page()
            .page()
            .image(72, 100, 300, 300, 64, 64, grey)
            .page()
            .text(TestPdf.Font.HELVETICA, 12, 72, 100, "The last page.")
            .toBytes();
    return Files.write(dir.resolve("mixed.pdf"), pdf);
  }

  private List<Warning> warnings(ConversionBackend engine, Path file, Map<String, String> options) {
    BackendOutput out =
        engine.convert(EngineFixtures.input(file, options), StandaloneContext.in(dir));
    return out.warnings().stream()
        .filter(w -> w.code().equals(Warning.PAGES_WITHOUT_TEXT))
        .toList();
  }

  @Test
  void withoutARecognizerThePagesWithoutTextAreNamedWithTheFix() throws Exception {
    List<Warning> found = warnings(PdfBoxBackend.createWithoutRecognition(), mixed(), Map.of());

    assertEquals(1, found.size(), found.toString());
    assertEquals(List.of(2, 3), found.get(0).pages());
    assertTrue(found.get(0).message().startsWith("pages 2, 3 yield no text"), found.toString());
    assertTrue(found.get(0).message().contains("convertalot-ocr-tesseract"), found.toString());
  }

  @Test
  void recognitionSwitchedOffOrFindingNothingIsSaidSo() throws Exception {
    Path file = mixed();
    ConversionBackend engine = PdfBoxBackend.create(new WordsRecognizer());

    Warning off = warnings(engine, file, Map.of("pdfbox.ocr", "off")).get(0);
    Warning ran = warnings(engine, file, Map.of()).get(0);

    assertTrue(off.message().contains("switched off"), off.message());
    assertTrue(ran.message().contains("recognition found no text"), ran.message());
    assertEquals(List.of(2, 3), ran.pages());
  }

  @Test
  void aSelectionNamesThePagesByTheirNumbersInThePdf() throws Exception {
    BackendOutput out =
        PdfBoxBackend.createWithoutRecognition()
            .convert(
                EngineFixtures.input(mixed(), PageSelection.parse("3-4")),
                StandaloneContext.in(dir));

    assertEquals(2, out.pages());
    assertEquals("The last page.", out.markdown().strip());
    assertEquals(
        List.of(
            new Warning(Warning.PAGES_WITHOUT_TEXT, out.warnings().get(0).message(), List.of(3))),
        out.warnings());
    assertTrue(out.warnings().get(0).message().startsWith("page 3 yields no text"));
  }

  @Test
  void aDocumentWhosePagesAllHaveTextHasNoSuchWarning() throws Exception {
    Path file = TestPdf.write(dir.resolve("text.pdf"), "One", "Two");

    assertEquals(List.of(), warnings(PdfBoxBackend.createWithoutRecognition(), file, Map.of()));
  }
}

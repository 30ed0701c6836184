package org.convertalot.ocr.tesseract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tesseract through the recognizer SPI, on rendered text whose words and places are known. */
class TesseractRecognizerTest {

  private static final int DPI = 200;
  private static final String SENTENCE = "The quick brown fox jumps over the lazy dog 12345";

  private static TextRecognizer recognizer;

  @BeforeAll
  static void open() {
    recognizer = new TesseractRecognizerProvider().open();
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  @Test
  void readsTheWordsOfARenderedLineWithTheirPlacesAndSize(@TempDir Path dir) {
    Path pdf =
        Pages.text(dir.resolve("line.pdf"), new Pages.Line(Pages.HELVETICA, 14, 72, 144, SENTENCE));
    BufferedImage image = Pages.render(pdf, DPI);

    List<RecognizedWord> words = recognizer.recognize(image, DPI);

    assertEquals(
        SENTENCE, words.stream().map(RecognizedWord::text).collect(Collectors.joining(" ")));
    float px = DPI / 72f;
    for (int i = 0; i < words.size(); i++) {
      RecognizedWord word = words.get(i);
      assertTrue(word.confidence() > 80, word::toString);
      assertEquals(0, word.line(), word::toString);
      // The baseline at 144 pt from the top; the words on it, left to right from 72 pt.
      assertEquals(144 * px, word.baseline(), 3 * px, word::toString);
      assertTrue(
          word.bottom() >= word.baseline() - 1 && word.top() < word.baseline(), word::toString);
      if (i > 0) {
        assertTrue(word.left() > words.get(i - 1).right(), word::toString);
      }
    }
    assertEquals(72 * px, words.get(0).left(), 2 * px);
    // Line height from descender to ascender: about 0.97 of the font size.
    float size = words.get(0).lineHeight() / px / 0.97f;
    assertEquals(14, size, 2.5, () -> "estimated size " + size);
  }

  @Test
  void tellsLinesApart(@TempDir Path dir) {
    Path pdf =
        Pages.text(
            dir.resolve("lines.pdf"),
            new Pages.Line(Pages.HELVETICA, 12, 72, 144, "First line of words"),
            new Pages.Line(Pages.HELVETICA, 12, 72, 164, "Second line here"));

    List<RecognizedWord> words = recognizer.recognize(Pages.render(pdf, DPI), DPI);

    assertEquals(
        List.of(0, 0, 0, 0, 1, 1, 1),
        words.stream().map(RecognizedWord::line).toList(),
        words::toString);
  }

  @Test
  void aBlankImageHasNoWords() {
    BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 800, 600);
    g.dispose();

    assertEquals(List.of(), recognizer.recognize(blank, DPI));
  }

  @Test
  void aTinyImageHasNoWords() {
    assertEquals(
        List.of(), recognizer.recognize(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), DPI));
  }

  @Test
  void aClosedRecognizerRefusesWork() {
    TextRecognizer closed = new TesseractRecognizerProvider().open();
    closed.close();
    closed.close();

    assertThrows(
        IllegalStateException.class,
        () -> closed.recognize(new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY), DPI));
  }

  @Test
  void theProviderIsFoundAsAServiceAndNamesItsVersion() {
    List<TextRecognizerProvider> providers =
        ServiceLoader.load(TextRecognizerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    assertEquals(1, providers.size(), providers::toString);
    assertEquals("tesseract", providers.get(0).id());
    assertTrue(
        providers.get(0).version().matches("\\d+\\.\\d+\\.\\d+"), providers.get(0).version());
  }
}

package org.convertalot.backend.pdfbox.internal.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;
import org.junit.jupiter.api.Test;

/** Which recognized words are trusted, and where and how large their letters land on the page. */
class RecognizedTextTest {

  private static RecognizedWord word(String text, float confidence, int line) {
    return new RecognizedWord(text, 0, 0, 10, 10, 8, 10, confidence, line);
  }

  @Test
  void confidentDropsLinesWithALowMeanAndLowWordsInKeptLines() {
    RecognizedWord sure = word("sure", 95, 0);
    RecognizedWord doubtful = word("doubtful", 39, 0);
    RecognizedWord fair = word("fair", 80, 0);
    RecognizedWord noise1 = word("noise", 90, 1);
    RecognizedWord noise2 = word("junk", 40, 1);
    RecognizedWord edge = word("edge", 70, 2);
    RecognizedWord edgeLow = word("low", 40, 2);
    RecognizedWord edgeHigh = word("high", 100, 2);

    // Line 0: mean 71.3 kept, "doubtful" (39) dropped. Line 1: mean 65 dropped whole.
    // Line 2: mean exactly 70 kept, and 40 is just enough for a word.
    List<RecognizedWord> kept =
        RecognizedText.confident(
            List.of(sure, noise1, doubtful, noise2, fair, edge, edgeLow, edgeHigh));

    assertEquals(List.of(sure, fair, edge, edgeLow, edgeHigh), kept);
  }

  @Test
  void confidentKeepsNothingOfAllDoubtfulWords() {
    assertEquals(List.of(), RecognizedText.confident(List.of(word("a", 60, 0), word("b", 69, 1))));
    assertEquals(List.of(), RecognizedText.confident(List.of()));
  }

  private static RecognizedWord lineWord(String text, float lineHeight, int line) {
    return new RecognizedWord(text, 0, 0, 10, 10, 8, lineHeight, 90, line);
  }

  @Test
  void lineSizesSnapNearSizesToTheMostCommonAndKeepALargerHeadingSize() {
    // Heights over 0.97 (ascent + descent) give sizes: 10, 10.5, 9.5, 15.
    List<RecognizedWord> words =
        List.of(
            lineWord("Heading", 14.55f, 0),
            lineWord("the-body-line-with-the-most-letters", 9.7f, 1),
            lineWord("slightly-taller-line", 10.185f, 2),
            lineWord("slightly-shorter", 9.215f, 3));

    Map<Integer, Float> sizes = RecognizedText.lineSizes(words, 1f);

    assertEquals(Map.of(0, 15f, 1, 10f, 2, 10f, 3, 10f), sizes);
  }

  @Test
  void lineSizesScaleHeightsFromPixelsToPoints() {
    // 97 px at 0.1 pt per pixel is 9.7 pt of line, a 10 pt font.
    Map<Integer, Float> sizes = RecognizedText.lineSizes(List.of(lineWord("x", 97, 4)), 0.1f);

    assertEquals(Map.of(4, 10f), sizes);
  }

  @Test
  void toGlyphsSpreadsLettersOverTheBoxAndMarksWordStartsAfterTheFirst() {
    List<RecognizedWord> words =
        List.of(
            new RecognizedWord("abcd", 100, 30, 140, 55, 50, 9.7f, 90, 0),
            new RecognizedWord("ef", 150, 30, 170, 55, 50, 9.7f, 90, 0),
            new RecognizedWord("gh", 100, 60, 120, 85, 80, 9.7f, 90, 1));

    List<Glyph> glyphs = RecognizedText.toGlyphs(words, 10, 20, 0.5f, 2f, 7);

    List<String> texts = glyphs.stream().map(Glyph::text).toList();
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), texts);
    // "abcd": 40 px * 0.5 = 20 pt over four letters, from 10 + 100 * 0.5 = 60.
    float[] xs = {60, 65, 70, 75, 85, 90, 60, 65};
    float[] baselines = {120, 120, 120, 120, 120, 120, 180, 180};
    boolean[] spaceBefore = {false, false, false, false, true, false, false, false};
    for (int i = 0; i < glyphs.size(); i++) {
      Glyph glyph = glyphs.get(i);
      assertEquals(xs[i], glyph.x(), 1e-3, "x of " + glyph);
      assertEquals(5f, glyph.width(), 1e-3, "width of " + glyph);
      assertEquals(baselines[i], glyph.baseline(), 1e-3, "baseline of " + glyph);
      // 9.7 px * 2 pt per pixel / 0.97 = 20 pt.
      assertEquals(20f, glyph.size(), 1e-3, "size of " + glyph);
      assertEquals(7 + i, glyph.sequence(), "sequence of " + glyph);
      assertEquals(spaceBefore[i], glyph.spaceBefore(), "spaceBefore of " + glyph);
      assertFalse(glyph.bold() || glyph.italic(), glyph.toString());
    }
  }
}

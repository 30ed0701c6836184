package org.convertalot.backend.pdfbox.internal.text;

import java.util.Arrays;
import java.util.List;

/**
 * Decides which gaps of a line are word spaces. A producer that draws space glyphs says so itself;
 * one that only moves the pen between words leaves the gap alone to tell. The usual threshold, a
 * share of the font size ({@link LineBuilder#SPACE_GAP}), misses the narrow word spaces of
 * condensed or tightly set fonts, so a line that draws no space glyph also measures its own font: a
 * word space is wider than the line's letter spacing by a share of its average character width, as
 * PDFBox's text stripper decides from the average character width.
 */
final class WordSpacing {

  /**
   * A gap this much wider than the letter spacing, as a share of the average character width, is a
   * word space; PDFBox's stripper uses the same share of the average width.
   */
  static final float CHAR_WIDTH_SHARE = 0.3f;

  /** A line needs this many letters before its letter spacing and widths are trusted. */
  static final int MIN_LETTERS = 8;

  private WordSpacing() {}

  /**
   * The gap, in points, above which a gap of this line is a word space even when it is narrower
   * than {@link LineBuilder#SPACE_GAP} of the size; infinite when the line draws its spaces or is
   * too short to measure. It rests on widths, not on the size, so a font whose size reads wrong
   * still gets its spaces.
   *
   * @param glyphs the line's visible glyphs, left to right
   */
  static float narrowGap(List<Glyph> glyphs) {
    if (glyphs.size() < MIN_LETTERS) {
      return Float.POSITIVE_INFINITY;
    }
    float[] gaps = new float[glyphs.size() - 1];
    float widths = 0;
    int letters = 0;
    for (int i = 0; i < glyphs.size(); i++) {
      Glyph glyph = glyphs.get(i);
      if (glyph.spaceBefore()) {
        // The producer draws its spaces: gaps without one are kerning or tracking.
        return Float.POSITIVE_INFINITY;
      }
      if (glyph.text().codePoints().allMatch(Character::isLetter)) {
        widths += glyph.width();
        letters++;
      }
      if (i > 0) {
        gaps[i - 1] = glyph.x() - glyphs.get(i - 1).right();
      }
    }
    if (letters < MIN_LETTERS) {
      return Float.POSITIVE_INFINITY;
    }
    Arrays.sort(gaps);
    // Most gaps lie inside words, so the median is the letter spacing (tracking, if any).
    float tracking = Math.max(0, gaps[gaps.length / 2]);
    return tracking + CHAR_WIDTH_SHARE * widths / letters;
  }
}

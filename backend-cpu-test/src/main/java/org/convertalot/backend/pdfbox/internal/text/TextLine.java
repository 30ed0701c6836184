package org.convertalot.backend.pdfbox.internal.text;

import java.util.List;

/**
 * A run of words on one baseline without a wide gap: a line of a paragraph, or a piece of one when
 * columns or table cells sit side by side. Coordinates are in display space (points, y down).
 *
 * @param text the text, words separated by single spaces
 * @param x0 the left edge
 * @param x1 the right edge
 * @param top the top of the tallest glyph
 * @param bottom the bottom of the lowest glyph
 * @param baseline the baseline of the dominant-size glyphs
 * @param fontSize the dominant glyph size, in points
 * @param bold whether (nearly) all glyphs are bold
 * @param italic whether (nearly) all glyphs are italic
 * @param glyphs the visible glyphs, left to right
 */
public record TextLine(
    String text,
    float x0,
    float x1,
    float top,
    float bottom,
    float baseline,
    float fontSize,
    boolean bold,
    boolean italic,
    List<Glyph> glyphs) {

  float width() {
    return x1 - x0;
  }

  public float centerX() {
    return (x0 + x1) / 2;
  }
}

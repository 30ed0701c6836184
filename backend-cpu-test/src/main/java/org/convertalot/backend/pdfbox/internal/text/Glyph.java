package org.convertalot.backend.pdfbox.internal.text;

/**
 * One visible glyph in display space: PDF points, y growing downwards, direction adjusted.
 *
 * @param text the glyph's Unicode text (ligatures already expanded)
 * @param x the left edge
 * @param width the advance width
 * @param baseline the baseline y
 * @param size the font size in points, from the text rendering matrix
 * @param bold whether the font is bold
 * @param italic whether the font is italic or oblique
 * @param sequence the glyph's position in the page's content stream order
 * @param spaceBefore whether the glyph drawn just before it was a space
 * @param link the URI of the link annotation the glyph lies in, or null
 */
public record Glyph(
    String text,
    float x,
    float width,
    float baseline,
    float size,
    boolean bold,
    boolean italic,
    int sequence,
    boolean spaceBefore,
    String link) {

  /** Ascent and descent as shares of the size; font boxes are unreliable, these are typical. */
  public static final float ASCENT = 0.75f;

  public static final float DESCENT = 0.22f;

  public float right() {
    return x + width;
  }

  float top() {
    return baseline - ASCENT * size;
  }

  float bottom() {
    return baseline + DESCENT * size;
  }

  public float centerX() {
    return x + width / 2;
  }

  /** The middle of the lower-case letters, which lies inside a table cell even in tight rows. */
  public float centerY() {
    return baseline - 0.3f * size;
  }

  public boolean isSpace() {
    return text.isBlank();
  }
}

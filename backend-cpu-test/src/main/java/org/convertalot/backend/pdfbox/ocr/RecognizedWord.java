package org.convertalot.backend.pdfbox.ocr;

import java.util.Objects;

/**
 * A recognized word, in pixels of the image it was found in (y grows downwards).
 *
 * @param text the word, without spaces
 * @param left the left edge of the word's box
 * @param top the top edge of the word's box
 * @param right the right edge of the word's box
 * @param bottom the bottom edge of the word's box
 * @param baseline the y of the line's baseline under the word
 * @param lineHeight the height of the word's text line from descender to ascender, the same for
 *     every word of a line
 * @param confidence how sure the recognizer is of the word, from 0 to 100
 * @param line the number of the word's text line, in the recognizer's reading order
 */
public record RecognizedWord(
    String text,
    float left,
    float top,
    float right,
    float bottom,
    float baseline,
    float lineHeight,
    float confidence,
    int line) {

  /** Checks that the word is non-blank and its box is well formed. */
  public RecognizedWord {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a recognized word cannot be blank");
    }
    if (!(right >= left) || !(bottom >= top)) {
      throw new IllegalArgumentException(
          "a word's box needs left <= right and top <= bottom: "
              + left
              + ","
              + top
              + ","
              + right
              + ","
              + bottom);
    }
    if (!(lineHeight > 0)) {
      throw new IllegalArgumentException("a word's line height must be positive: " + lineHeight);
    }
    if (!(confidence >= 0 && confidence <= 100)) {
      throw new IllegalArgumentException("confidence must be within 0..100: " + confidence);
    }
  }
}

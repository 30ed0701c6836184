package org.convertalot.backend.pdfbox.internal.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.convertalot.backend.pdfbox.internal.text.FontStatistics;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.TextCleanup;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;

/**
 * Recognized words made into glyphs: which words to trust, and where and how large their letters
 * are on the page.
 */
final class RecognizedText {

  private RecognizedText() {}

  /** A recognized line is kept when its words' mean confidence reaches this (0 to 100). */
  static final float MIN_LINE_CONFIDENCE = 70;

  /** Within a kept line, a word is kept when its own confidence reaches this. */
  static final float MIN_WORD_CONFIDENCE = 40;

  /** Line sizes within this ratio of the page's most common recognized size are that size. */
  static final float SIZE_SNAP = 0.1f;

  /**
   * The words of lines the recognizer is sure of: noise from pictures and icons comes as short
   * lines of low confidence.
   */
  static List<RecognizedWord> confident(List<RecognizedWord> words) {
    Map<Integer, List<RecognizedWord>> lines = new TreeMap<>();
    for (RecognizedWord word : words) {
      lines.computeIfAbsent(word.line(), k -> new ArrayList<>()).add(word);
    }
    List<RecognizedWord> kept = new ArrayList<>();
    for (List<RecognizedWord> line : lines.values()) {
      double sum = 0;
      for (RecognizedWord word : line) {
        sum += word.confidence();
      }
      if (sum / line.size() < MIN_LINE_CONFIDENCE) {
        continue;
      }
      for (RecognizedWord word : line) {
        if (word.confidence() >= MIN_WORD_CONFIDENCE) {
          kept.add(word);
        }
      }
    }
    return kept;
  }

  static float alphanumericShare(List<RecognizedWord> words) {
    long all = 0;
    long alphanumeric = 0;
    for (RecognizedWord word : words) {
      all += word.text().codePointCount(0, word.text().length());
      alphanumeric += word.text().codePoints().filter(Character::isLetterOrDigit).count();
    }
    return all == 0 ? 0 : (float) alphanumeric / all;
  }

  /**
   * The words as glyphs in display space: each word's letters spread evenly over its box, on the
   * line's baseline, at a size from the line's height.
   *
   * @param words recognized words, in pixels of an image
   * @param originX where the image's left edge lies on the page, in points
   * @param originY where the image's top edge lies on the page, in points
   * @param scaleX points per pixel across
   * @param scaleY points per pixel down
   * @param firstSequence the content order to number the glyphs from
   */
  static List<Glyph> toGlyphs(
      List<RecognizedWord> words,
      float originX,
      float originY,
      float scaleX,
      float scaleY,
      int firstSequence) {
    Map<Integer, Float> sizes = lineSizes(words, scaleY);
    List<Glyph> glyphs = new ArrayList<>();
    int sequence = firstSequence;
    int previousLine = Integer.MIN_VALUE;
    for (RecognizedWord word : words) {
      float size = sizes.get(word.line());
      float baseline = originY + word.baseline() * scaleY;
      float left = originX + word.left() * scaleX;
      float width = (word.right() - word.left()) * scaleX;
      int[] codePoints = TextCleanup.normalize(word.text()).codePoints().toArray();
      if (codePoints.length == 0) {
        continue;
      }
      float advance = width / codePoints.length;
      boolean newLine = word.line() != previousLine;
      for (int i = 0; i < codePoints.length; i++) {
        glyphs.add(
            new Glyph(
                new String(codePoints, i, 1),
                left + i * advance,
                advance,
                baseline,
                size,
                false,
                false,
                sequence++,
                i == 0 && !newLine,
                null));
      }
      previousLine = word.line();
    }
    return glyphs;
  }

  /**
   * Each line's size in points, from its height. Recognized heights vary a little from line to
   * line; sizes close to the page's most common one are snapped to it, so that body text keeps one
   * size and headings still stand out.
   */
  static Map<Integer, Float> lineSizes(List<RecognizedWord> words, float scale) {
    Map<Integer, Float> raw = new TreeMap<>();
    Map<Integer, Integer> letters = new TreeMap<>();
    for (RecognizedWord word : words) {
      float size = word.lineHeight() * scale / (Glyph.ASCENT + Glyph.DESCENT);
      raw.putIfAbsent(word.line(), Math.round(size * 2) / 2f);
      letters.merge(word.line(), word.text().length(), Integer::sum);
    }
    FontStatistics lettersBySize = new FontStatistics();
    raw.forEach(
        (line, size) -> lettersBySize.add(FontStatistics.sizeKey(size), letters.get(line), 0));
    float common = lettersBySize.bodySize();
    Map<Integer, Float> sizes = new TreeMap<>();
    raw.forEach(
        (line, size) ->
            sizes.put(line, Math.abs(size - common) <= SIZE_SNAP * common ? common : size));
    return sizes;
  }

  /**
   * The glyphs, none larger than {@code size}. Text inside a picture (chart labels, a screenshot's
   * title) is part of the figure, not the document's structure, so it never reads as a heading.
   */
  static List<Glyph> atMost(List<Glyph> glyphs, float size) {
    List<Glyph> out = new ArrayList<>(glyphs.size());
    for (Glyph g : glyphs) {
      out.add(
          g.size() <= size
              ? g
              : new Glyph(
                  g.text(),
                  g.x(),
                  g.width(),
                  g.baseline(),
                  size,
                  g.bold(),
                  g.italic(),
                  g.sequence(),
                  g.spaceBefore(),
                  g.link()));
    }
    return out;
  }

  /** The size most of the glyphs are set at; on a tie the smaller. */
  static float commonSize(List<Glyph> glyphs) {
    FontStatistics sizes = new FontStatistics();
    for (Glyph glyph : glyphs) {
      if (!glyph.isSpace()) {
        sizes.add(FontStatistics.sizeKey(glyph.size()), 1, 0);
      }
    }
    return sizes.bodySize();
  }
}

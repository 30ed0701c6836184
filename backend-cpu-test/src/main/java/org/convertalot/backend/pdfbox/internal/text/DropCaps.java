package org.convertalot.backend.pdfbox.internal.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds drop caps, large initial letters that sit beside the first lines of a paragraph, and moves
 * each onto the first of those lines at that line's size. Left alone, the letter's baseline puts it
 * on a lower line (or on a line of its own), so the paragraph would read "ver the past …
 * Opressure".
 */
public final class DropCaps {

  /** A drop cap is at least this many times the size of the text beside it. */
  static final float MIN_RATIO = 2f;

  /**
   * Text beside a drop cap starts within this share of the cap's size right of it: the gap is a
   * narrow margin, and text further away belongs to something else.
   */
  static final float BESIDE_GAP = 0.5f;

  /** Text beside a cap may start this share of the cap's size left of its advance (a tight fit). */
  static final float OVERLAP = 0.1f;

  /** Baselines this share of the text size apart are one line beside the cap. */
  static final float SAME_LINE = 0.3f;

  /** A drop cap spans at least this many lines; a raised initial shares one baseline already. */
  static final int MIN_LINES = 2;

  /**
   * At most this many large letters are checked on a page (each check scans the page): a page with
   * more is a poster or a chart, not text with drop caps, and the bound keeps the work linear.
   */
  static final int MAX_CANDIDATES = 64;

  private DropCaps() {}

  /**
   * The glyphs with every drop cap moved onto its paragraph's first line.
   *
   * @param glyphs a page's glyphs
   * @return the same list when there is no drop cap, else a copy with the caps replaced
   */
  public static List<Glyph> attach(List<Glyph> glyphs) {
    float median = medianSize(glyphs);
    List<Glyph> result = glyphs;
    int candidates = 0;
    for (int i = 0; i < glyphs.size() && candidates < MAX_CANDIDATES; i++) {
      Glyph cap = glyphs.get(i);
      if (cap.size() < MIN_RATIO * median
          || cap.text().length() != 1
          || !Character.isLetter(cap.text().charAt(0))
          || partOfWord(glyphs, i)) {
        continue;
      }
      candidates++;
      Glyph first = firstLineBeside(glyphs, cap);
      if (first == null) {
        continue;
      }
      if (result == glyphs) {
        result = new ArrayList<>(glyphs);
      }
      // Reaching to the first glyph of the line, the cap joins its first word without a space.
      result.set(
          i,
          new Glyph(
              cap.text(),
              cap.x(),
              Math.max(0, first.x() - cap.x()),
              first.baseline(),
              first.size(),
              cap.bold(),
              cap.italic(),
              cap.sequence(),
              false,
              cap.link()));
    }
    return result;
  }

  /** Whether a glyph drawn next to it continues it at a similar size: a letter of a large word. */
  private static boolean partOfWord(List<Glyph> glyphs, int i) {
    Glyph cap = glyphs.get(i);
    for (int j = Math.max(0, i - 1); j <= Math.min(glyphs.size() - 1, i + 1); j++) {
      Glyph other = glyphs.get(j);
      if (j != i
          && !other.isSpace()
          && other.size() * MIN_RATIO > cap.size()
          && Math.abs(other.baseline() - cap.baseline()) < SAME_LINE * cap.size()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The leftmost glyph of the topmost line beside the cap, when small text beside it spans at least
   * {@link #MIN_LINES} lines and nothing large sits there; else null.
   */
  private static Glyph firstLineBeside(List<Glyph> glyphs, Glyph cap) {
    float from = cap.right() - OVERLAP * cap.size();
    float to = cap.right() + BESIDE_GAP * cap.size();
    float top = cap.top();
    List<Glyph> beside = new ArrayList<>();
    for (Glyph glyph : glyphs) {
      if (glyph == cap || glyph.isSpace() || glyph.x() < from || glyph.x() > to) {
        continue;
      }
      if (glyph.baseline() < top || glyph.baseline() > cap.baseline() + SAME_LINE * glyph.size()) {
        continue;
      }
      if (glyph.size() * MIN_RATIO > cap.size()) {
        return null;
      }
      beside.add(glyph);
    }
    if (beside.isEmpty()) {
      return null;
    }
    beside.sort((a, b) -> Float.compare(a.baseline(), b.baseline()));
    int lines = 1;
    float lineBaseline = beside.get(0).baseline();
    for (Glyph glyph : beside) {
      if (glyph.baseline() - lineBaseline > SAME_LINE * glyph.size()) {
        lines++;
        lineBaseline = glyph.baseline();
      }
    }
    if (lines < MIN_LINES) {
      return null;
    }
    Glyph topmost = beside.get(0);
    Glyph first = topmost;
    for (Glyph glyph : beside) {
      if (glyph.baseline() - topmost.baseline() <= SAME_LINE * topmost.size()
          && glyph.x() < first.x()) {
        first = glyph;
      }
    }
    return first;
  }

  private static float medianSize(List<Glyph> glyphs) {
    float[] sizes = new float[glyphs.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = glyphs.get(i).size();
    }
    Arrays.sort(sizes);
    return sizes.length == 0 ? 0 : sizes[sizes.length / 2];
  }
}

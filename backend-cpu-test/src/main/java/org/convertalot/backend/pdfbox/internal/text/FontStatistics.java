package org.convertalot.backend.pdfbox.internal.text;

import java.util.HashMap;
import java.util.Map;

/**
 * How many visible glyphs of a document were set at each font size, and how many of those were
 * bold. Sizes are kept in tenths of a point, so that rounding noise in text matrices does not split
 * one size into several.
 */
public final class FontStatistics {

  private final Map<Integer, long[]> glyphsBySize = new HashMap<>();

  /** The key of a size: tenths of a point, at least 1. */
  public static int sizeKey(float points) {
    return Math.max(1, Math.round(points * 10f));
  }

  /** Adds {@code glyphs} glyphs at a size, {@code boldGlyphs} of which bold. */
  public void add(int sizeKey, long glyphs, long boldGlyphs) {
    long[] counts = glyphsBySize.computeIfAbsent(sizeKey, k -> new long[2]);
    counts[0] += glyphs;
    counts[1] += boldGlyphs;
  }

  /**
   * The body text size in points: the size most glyphs were set at; on a tie the smaller one, so
   * the answer does not depend on map order. Zero when the document has no visible glyphs.
   */
  public float bodySize() {
    int bestKey = 0;
    long bestCount = 0;
    for (Map.Entry<Integer, long[]> entry : glyphsBySize.entrySet()) {
      long count = entry.getValue()[0];
      int key = entry.getKey();
      if (count > bestCount || (count == bestCount && key < bestKey)) {
        bestKey = key;
        bestCount = count;
      }
    }
    return bestKey / 10f;
  }

  /** The share of glyphs at the given size that are bold, from 0 to 1. */
  public double boldShare(float points) {
    long[] counts = glyphsBySize.get(sizeKey(points));
    return counts == null || counts[0] == 0 ? 0 : (double) counts[1] / counts[0];
  }
}

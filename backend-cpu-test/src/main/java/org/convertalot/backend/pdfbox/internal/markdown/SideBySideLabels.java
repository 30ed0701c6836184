package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.layout.Block;

/**
 * Finds heading candidates that are the labels of a table or form drawn without lines: when a page
 * has two or more rows in which candidates of one size sit side by side, those candidates are
 * cells, and so is every candidate of that size that starts at the left edge of one of them (the
 * rest of its column). A heading stands alone on its rows; two headings level with each other
 * happen once on a page, at the top of two columns, not row after row.
 */
final class SideBySideLabels {

  /** Candidates whose sizes are within this ratio of each other are of one size. */
  static final float SAME_SIZE = MarkdownAssembler.SAME_LEVEL_RATIO;

  /** Rows of side-by-side candidates a page needs before they count as a table's labels. */
  static final int MIN_ROWS = 2;

  /** Left edges this close (points) are one column. */
  static final float SAME_EDGE = 2f;

  private SideBySideLabels() {}

  /**
   * Clears {@code isHeading} for the labels among one page's blocks.
   *
   * @param blocks all blocks of the document
   * @param from the page's first block
   * @param to the block after the page's last
   * @param isHeading the heading flags, by block; changed in place
   */
  static void clear(List<Block> blocks, int from, int to, boolean[] isHeading) {
    boolean[] paired = new boolean[to - from];
    for (int i = from; i < to; i++) {
      for (int j = i + 1; j < to; j++) {
        if (isHeading[i] && isHeading[j] && sideBySide(blocks.get(i), blocks.get(j))) {
          paired[i - from] = true;
          paired[j - from] = true;
        }
      }
    }
    if (rows(blocks, from, paired) < MIN_ROWS) {
      return;
    }
    boolean[] label = paired.clone();
    for (int i = from; i < to; i++) {
      for (int k = from; k < to && isHeading[i] && !label[i - from]; k++) {
        label[i - from] = paired[k - from] && sameColumn(blocks.get(i), blocks.get(k));
      }
    }
    for (int i = from; i < to; i++) {
      isHeading[i] &= !label[i - from];
    }
  }

  /** How many separate rows the paired candidates lie on: groups of vertically overlapping ones. */
  private static int rows(List<Block> blocks, int from, boolean[] paired) {
    List<Block> candidates = new ArrayList<>();
    for (int k = 0; k < paired.length; k++) {
      if (paired[k]) {
        candidates.add(blocks.get(from + k));
      }
    }
    candidates.sort(Comparator.comparingDouble(Block::top));
    int rows = 0;
    float bottom = -Float.MAX_VALUE;
    for (Block candidate : candidates) {
      if (candidate.top() >= bottom) {
        rows++;
      }
      bottom = Math.max(bottom, candidate.bottom());
    }
    return rows;
  }

  private static boolean sideBySide(Block a, Block b) {
    boolean level = a.top() < b.bottom() && b.top() < a.bottom();
    boolean apart = a.first().x1() < b.first().x0() || b.first().x1() < a.first().x0();
    return level && apart && sameSize(a, b);
  }

  private static boolean sameColumn(Block a, Block b) {
    return Math.abs(a.first().x0() - b.first().x0()) <= SAME_EDGE && sameSize(a, b);
  }

  private static boolean sameSize(Block a, Block b) {
    float large = Math.max(a.size(), b.size());
    float small = Math.min(a.size(), b.size());
    return large <= small * SAME_SIZE;
  }
}

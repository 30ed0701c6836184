package org.convertalot.backend.pdfbox.internal.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.ListMarkers;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Groups lines in reading order into blocks: a line continues the block above when it sits right
 * under it (one usual leading down, overlapping horizontally) in the same size and weight, and does
 * not start a list item.
 */
final class BlockBuilder {

  /** A line spaced more than this times the usual leading starts a new block. */
  static final float PARAGRAPH_GAP_FACTOR = 1.3f;

  /** Consecutive lines whose sizes differ by more than this ratio belong to different blocks. */
  static final float SIZE_CHANGE_RATIO = 1.1f;

  /** Leading, as a multiple of the font size, assumed when a page has too few lines to measure. */
  static final float DEFAULT_LEADING = 1.2f;

  /** The largest usual leading (times the font size) a page is assumed to have. */
  static final float MAX_LEADING = 1.8f;

  private BlockBuilder() {}

  /** Blocks from a page's lines and tables in reading order. */
  static List<Block> group(List<PagePart> ordered) {
    float leading = typicalLeading(ordered);
    List<Block> blocks = new ArrayList<>();
    List<TextLine> current = new ArrayList<>();
    for (PagePart part : ordered) {
      if (part.isTable()) {
        flush(current, blocks);
        blocks.add(Block.of(part.table()));
        continue;
      }
      TextLine line = part.line();
      if (!current.isEmpty() && startsBlock(current.get(current.size() - 1), line, leading)) {
        flush(current, blocks);
      }
      current.add(line);
    }
    flush(current, blocks);
    return blocks;
  }

  private static void flush(List<TextLine> current, List<Block> blocks) {
    if (!current.isEmpty()) {
      blocks.add(Block.text(current));
      current.clear();
    }
  }

  static boolean startsBlock(TextLine previous, TextLine line, float leading) {
    if (previous.bold() != line.bold()) {
      return true;
    }
    float larger = Math.max(previous.fontSize(), line.fontSize());
    float smaller = Math.min(previous.fontSize(), line.fontSize());
    if (larger > smaller * SIZE_CHANGE_RATIO) {
      return true;
    }
    if (line.x0() > previous.x1() || line.x1() < previous.x0()) {
      return true;
    }
    if (ListMarkers.marker(line.text()) != null) {
      return true;
    }
    float drop = line.baseline() - previous.baseline();
    // Moving up means a new column or a new region of the page.
    return drop <= 0 || drop > leading * PARAGRAPH_GAP_FACTOR * previous.fontSize();
  }

  /**
   * The page's usual baseline-to-baseline distance as a multiple of the font size: the median over
   * pairs of consecutive lines of one size.
   */
  static float typicalLeading(List<PagePart> ordered) {
    float[] ratios = new float[ordered.size()];
    int count = 0;
    TextLine previous = null;
    for (PagePart part : ordered) {
      if (part.isTable()) {
        previous = null;
        continue;
      }
      TextLine line = part.line();
      if (previous != null) {
        float size = previous.fontSize();
        if (size > 0 && Math.abs(line.fontSize() - size) <= size * 0.05f) {
          float ratio = (line.baseline() - previous.baseline()) / size;
          if (ratio >= 0.6f && ratio <= 3f) {
            ratios[count++] = ratio;
          }
        }
      }
      previous = line;
    }
    if (count == 0) {
      return DEFAULT_LEADING;
    }
    Arrays.sort(ratios, 0, count);
    // The lower median, capped: a page of few lines must not take a heading gap for its leading.
    return Math.min(MAX_LEADING, ratios[(count - 1) / 2]);
  }
}

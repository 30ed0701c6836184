package org.convertalot.backend.pdfbox.internal.layout;

import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.FontStatistics;

/**
 * A whole document laid out: blocks per page, plus the font statistics over all pages that the
 * heading detection needs.
 *
 * @param pages the blocks of each page, in reading order; an empty list for a page without text
 * @param fonts glyph counts per font size over the whole document
 * @param pageHeights the height of each page in display space, in points
 * @param pageNumbers the number of each page in the PDF, from 1 (pages a selection left out are
 *     absent)
 */
public record DocumentText(
    List<List<Block>> pages,
    FontStatistics fonts,
    List<Float> pageHeights,
    List<Integer> pageNumbers) {

  /**
   * The same pages with other blocks.
   *
   * @param blocks the blocks of each page, as many as {@link #pages()}
   * @return a copy with those blocks and the same fonts, heights and numbers
   */
  public DocumentText withPages(List<List<Block>> blocks) {
    return new DocumentText(List.copyOf(blocks), fonts, pageHeights, pageNumbers);
  }
}

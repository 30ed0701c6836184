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
 */
public record DocumentText(
    List<List<Block>> pages, FontStatistics fonts, List<Float> pageHeights) {}

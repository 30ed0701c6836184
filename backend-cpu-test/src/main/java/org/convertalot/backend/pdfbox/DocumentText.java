package org.convertalot.backend.pdfbox;

import java.util.List;

/**
 * The text of a whole document as lines per page, plus the font statistics over all pages that the
 * heading detection needs.
 *
 * @param pages the lines of each page, in reading order; an empty list for a page without text
 * @param fonts glyph counts per font size over the whole document
 */
record DocumentText(List<List<TextLine>> pages, FontStatistics fonts) {}

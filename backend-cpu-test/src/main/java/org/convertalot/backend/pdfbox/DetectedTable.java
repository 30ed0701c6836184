package org.convertalot.backend.pdfbox;

import java.util.List;

/**
 * What every table detector returns: a table, and the glyphs it took, which leave the page's text
 * flow so that the table's text is not read twice.
 *
 * @param table the table
 * @param glyphs the glyphs inside the table
 */
record DetectedTable(Table table, List<Glyph> glyphs) {}

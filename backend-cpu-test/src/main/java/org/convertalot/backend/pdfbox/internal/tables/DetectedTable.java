package org.convertalot.backend.pdfbox.internal.tables;

import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;

/**
 * What every table detector returns: a table, and the glyphs it took, which leave the page's text
 * flow so that the table's text is not read twice.
 *
 * @param table the table
 * @param glyphs the glyphs inside the table
 */
public record DetectedTable(Table table, List<Glyph> glyphs) {}

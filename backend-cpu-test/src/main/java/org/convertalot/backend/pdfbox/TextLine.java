package org.convertalot.backend.pdfbox;

/**
 * One line of text as laid out on a page, with the facts the Markdown layout needs. Coordinates are
 * in PDF points, direction adjusted, with y growing downwards.
 *
 * @param text the line's text, trimmed, words separated by single spaces
 * @param fontSize the dominant glyph size of the line, in points
 * @param bold whether (nearly) all glyphs of the line are bold
 * @param baseline the baseline y of the dominant-size glyphs
 * @param paragraphHint whether PDFBox's own heuristics (drop, indentation, list item) saw a
 *     paragraph start here
 * @param glyphs the number of visible glyphs
 */
record TextLine(
    String text, float fontSize, boolean bold, float baseline, boolean paragraphHint, int glyphs) {}

/**
 * The value types of a page's text (glyphs, drawn lines, text lines, font statistics) and the
 * building of lines from glyphs by geometry, with the text clean-up every stage shares. Not
 * exported.
 */
package org.convertalot.backend.pdfbox.internal.text;

/**
 * Extraction: one pass of PDFBox's text stripper over each page yields its glyphs (with font styles
 * and link targets), the straight lines it draws and where it places images; each page is laid out
 * as soon as it is read, so memory holds one page's glyphs at a time. Not exported.
 */
package org.convertalot.backend.pdfbox.internal.extract;

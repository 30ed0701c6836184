/**
 * Recognition of text a page shows but its text layer lacks, through the {@code
 * org.convertalot.backend.pdfbox.ocr} extension point: which pages and images to read, their
 * pixels, which recognized words to trust and how they become glyphs, and the recognizers kept open
 * between conversions. Not exported.
 */
package org.convertalot.backend.pdfbox.internal.recognition;

/**
 * The PDFBox engine's public entry points: {@link org.convertalot.backend.pdfbox.PdfBoxBackend}
 * creates engines by hand, {@link org.convertalot.backend.pdfbox.PdfBoxBackendProvider} makes them
 * discoverable through {@link java.util.ServiceLoader}. Text recognizers plug in through {@code
 * org.convertalot.backend.pdfbox.ocr}.
 *
 * <p>The engine itself lives in {@code org.convertalot.backend.pdfbox.internal.*}, one package per
 * stage, which the module does not export: {@code engine} (requests, opening the PDF), {@code
 * extract} (glyphs, lines, images and links from PDFBox), {@code recognition} (text the text layer
 * lacks), {@code text} (glyphs into lines), {@code tables}, {@code layout} (reading order and
 * blocks) and {@code markdown}. Their classes are public only so that the stages can use each
 * other; they are no API.
 */
package org.convertalot.backend.pdfbox;

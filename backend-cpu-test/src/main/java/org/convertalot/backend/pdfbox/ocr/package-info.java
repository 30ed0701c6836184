/**
 * The optical character recognition extension of the PDFBox engine. The engine reads the text layer
 * of a PDF; pages that have none (scans, text drawn as outlines) and large raster images that hold
 * text are rendered and handed to a {@link org.convertalot.backend.pdfbox.ocr.TextRecognizer},
 * found through {@link java.util.ServiceLoader} as a {@link
 * org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider}. Without a provider on the class or
 * module path the engine stays pure Java and converts the text layer only.
 *
 * <p>{@code convertalot-ocr-tesseract} provides one on Tesseract.
 */
package org.convertalot.backend.pdfbox.ocr;

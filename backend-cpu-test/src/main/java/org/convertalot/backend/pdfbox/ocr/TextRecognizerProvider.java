package org.convertalot.backend.pdfbox.ocr;

/**
 * Creates text recognizers; found by the PDFBox engine through {@link java.util.ServiceLoader}.
 * Creating the provider must do no work (no native libraries loaded, no files read): the engine
 * looks providers up before it knows whether any page needs recognition.
 */
public interface TextRecognizerProvider {

  /**
   * A short stable name, such as {@code tesseract}; among several providers the engine takes the
   * first by id.
   */
  String id();

  /**
   * The recognizer's version, such as {@code 5.5.2}; it becomes part of the engine's version, since
   * it changes the engine's output.
   */
  String version();

  /**
   * Opens a recognizer for one conversion on one thread. May be slow (models are loaded here); the
   * engine opens one only when a page needs it.
   *
   * @return a new recognizer, closed by the engine at the end of the conversion
   * @throws RuntimeException or {@link LinkageError} when the recognizer cannot run here (missing
   *     native library, unsupported platform); the engine then converts without recognition and
   *     says so in its log
   */
  TextRecognizer open();
}

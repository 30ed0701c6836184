package org.convertalot.backend.pdfbox.ocr;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds the words in an image. One instance serves one conversion on one thread; it need not be
 * thread-safe.
 */
public interface TextRecognizer extends AutoCloseable {

  /**
   * Recognizes the words of an image.
   *
   * @param image a grey or colour image of a page or part of one
   * @param dpi the image's resolution, in pixels per inch, so that sizes can be judged
   * @return the words found, in the recognizer's reading order, with pixel coordinates in the
   *     image; an empty list when it holds no text
   */
  List<RecognizedWord> recognize(BufferedImage image, int dpi);

  /** Releases the recognizer's models and native memory; never throws. */
  @Override
  void close();
}

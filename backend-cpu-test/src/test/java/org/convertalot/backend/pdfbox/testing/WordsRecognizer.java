package org.convertalot.backend.pdfbox.testing;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;

/**
 * A recognizer stand-in that reads the same words, side by side on one line, on every image it is
 * given (none: it finds nothing), and counts its calls.
 */
public final class WordsRecognizer implements TextRecognizerProvider {
  private final List<String> words;
  private final AtomicInteger calls = new AtomicInteger();

  /**
   * A stand-in.
   *
   * @param words what it reads on every image
   */
  public WordsRecognizer(String... words) {
    this.words = List.of(words);
  }

  /** {@return how many images it was asked to read} */
  public int calls() {
    return calls.get();
  }

  @Override
  public String id() {
    return "words";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public TextRecognizer open() {
    return new TextRecognizer() {
      @Override
      public List<RecognizedWord> recognize(BufferedImage image, int dpi) {
        calls.incrementAndGet();
        List<RecognizedWord> out = new ArrayList<>();
        float left = 200;
        for (String word : words) {
          float right = left + 20 * word.length();
          out.add(new RecognizedWord(word, left, 300, right, 340, 332, 40, 95, 0));
          left = right + 16;
        }
        return out;
      }

      @Override
      public void close() {}
    };
  }
}

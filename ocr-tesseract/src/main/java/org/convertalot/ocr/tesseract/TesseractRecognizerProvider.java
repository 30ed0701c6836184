package org.convertalot.ocr.tesseract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;

/**
 * Makes Tesseract the PDFBox engine's text recognizer, found through {@link
 * java.util.ServiceLoader}. Creating the provider does no work; the native libraries are loaded and
 * the English model read when the first recognizer is opened, and the model is kept for the next.
 */
public final class TesseractRecognizerProvider implements TextRecognizerProvider {

  static final String ID = "tesseract";

  /** tesseract-ocr's English LSTM model (tessdata_fast), packaged next to this class. */
  static final String MODEL_RESOURCE = "eng.traineddata";

  static final String LANGUAGE = "eng";

  private volatile byte[] model;
  private volatile String version;

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public TesseractRecognizerProvider() {}

  /** Returns {@code tesseract}. */
  @Override
  public String id() {
    return ID;
  }

  /** The Tesseract release of the native libraries, such as {@code 5.5.2}. */
  @Override
  public String version() {
    String known = version;
    if (known == null) {
      known = readVersion();
      version = known;
    }
    return known;
  }

  /**
   * Opens a Tesseract instance with the English model.
   *
   * @throws IllegalStateException when the model is missing or Tesseract refuses it
   * @throws LinkageError when the native libraries for this platform are missing
   */
  @Override
  public TextRecognizer open() {
    return new TesseractRecognizer(model(), LANGUAGE);
  }

  private byte[] model() {
    byte[] known = model;
    if (known == null) {
      synchronized (this) {
        known = model;
        if (known == null) {
          known = readModel();
          model = known;
        }
      }
    }
    return known;
  }

  private static byte[] readModel() {
    try (InputStream in = TesseractRecognizerProvider.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the Tesseract model "
                + MODEL_RESOURCE
                + " is missing from the convertalot-ocr-tesseract jar; rebuild it with Maven");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Tesseract model " + MODEL_RESOURCE, e);
    }
  }

  private static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        TesseractRecognizerProvider.class.getResourceAsStream("tesseract.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String full = properties.getProperty("tesseract.version", "unknown");
    // 5.5.2-1.5.13: Tesseract's release, then JavaCPP's.
    int dash = full.indexOf('-');
    return dash > 0 ? full.substring(0, dash) : full;
  }
}

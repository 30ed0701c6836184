package org.convertalot.ocr.tesseract;

import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PTIsTextType;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;

/** One Tesseract instance (LSTM engine, automatic page segmentation), for one thread. */
final class TesseractRecognizer implements TextRecognizer {

  /** Images smaller than this (pixels on a side) hold no readable text. */
  static final int MIN_SIDE = 8;

  private final TessBaseAPI api;
  private boolean closed;

  TesseractRecognizer(byte[] model, String language) {
    TessBaseAPI tesseract = new TessBaseAPI();
    try (BytePointer data = new BytePointer(model);
        BytePointer lang = new BytePointer(language)) {
      // Loaded from memory: no tessdata directory or temp file is needed.
      int status =
          tesseract.Init(
              data,
              model.length,
              lang,
              OEM_LSTM_ONLY,
              (PointerPointer<?>) null,
              0,
              null,
              null,
              false,
              null);
      if (status != 0) {
        tesseract.close();
        throw new IllegalStateException(
            "Tesseract refused its " + language + " model (" + status + ")");
      }
    }
    // Tesseract reports unreadable specks on stderr; they are not the user's concern.
    if (new File("/dev/null").exists()) {
      tesseract.SetVariable("debug_file", "/dev/null");
    }
    this.api = tesseract;
  }

  @Override
  public List<RecognizedWord> recognize(BufferedImage image, int dpi) {
    Objects.requireNonNull(image, "image");
    if (closed) {
      throw new IllegalStateException("this recognizer is closed");
    }
    int width = image.getWidth();
    int height = image.getHeight();
    if (width < MIN_SIDE || height < MIN_SIDE) {
      return List.of();
    }
    byte[] grey = grey(image);
    api.SetImage(grey, width, height, 1, width);
    api.SetSourceResolution(dpi);
    try {
      if (api.Recognize(null) != 0) {
        throw new IllegalStateException("Tesseract could not recognize the image");
      }
      return words();
    } finally {
      api.Clear();
    }
  }

  private List<RecognizedWord> words() {
    List<RecognizedWord> words = new ArrayList<>();
    ResultIterator it = api.GetIterator();
    if (it == null) {
      return words;
    }
    try {
      int[] left = new int[1];
      int[] top = new int[1];
      int[] right = new int[1];
      int[] bottom = new int[1];
      int[] x1 = new int[1];
      int[] y1 = new int[1];
      int[] x2 = new int[1];
      int[] y2 = new int[1];
      boolean hasBaseline = false;
      float[] rowHeight = new float[1];
      float[] descenders = new float[1];
      float[] ascenders = new float[1];
      int line = -1;
      float lineHeight = 0;
      boolean lineKnown = false;
      do {
        boolean newLine = it.IsAtBeginningOf(RIL_TEXTLINE);
        if (newLine) {
          line++;
          lineKnown = false;
        }
        // Image and separator blocks have no rows: asking for row attributes there crashes.
        if (it.Empty(RIL_WORD) || !PTIsTextType(it.BlockType())) {
          continue;
        }
        BytePointer utf8 = it.GetUTF8Text(RIL_WORD);
        if (utf8 == null) {
          continue;
        }
        String text;
        try {
          text = utf8.getString(StandardCharsets.UTF_8).strip();
        } finally {
          utf8.deallocate();
        }
        if (text.isEmpty() || !it.BoundingBox(RIL_WORD, left, top, right, bottom)) {
          continue;
        }
        if (!lineKnown) {
          lineKnown = true;
          line = Math.max(line, 0);
          it.RowAttributes(rowHeight, descenders, ascenders);
          // Row height runs from the baseline to the ascender line; descenders are negative.
          lineHeight = rowHeight[0] - Math.min(0, descenders[0]);
          hasBaseline = it.Baseline(RIL_TEXTLINE, x1, y1, x2, y2);
        }
        float baseline =
            hasBaseline
                ? baselineAt((left[0] + right[0]) / 2f, x1[0], y1[0], x2[0], y2[0], bottom[0])
                : bottom[0];
        float confidence = Math.max(0, Math.min(100, it.Confidence(RIL_WORD)));
        words.add(
            new RecognizedWord(
                text,
                left[0],
                top[0],
                right[0],
                bottom[0],
                baseline,
                lineHeight > 0 ? lineHeight : Math.max(1, bottom[0] - top[0]),
                confidence,
                line));
      } while (it.Next(RIL_WORD));
    } finally {
      it.close();
    }
    return words;
  }

  /** The line's baseline under {@code x}; the word's bottom when Tesseract has none. */
  private static float baselineAt(float x, int x1, int y1, int x2, int y2, int fallback) {
    if (x1 < 0 || x2 == x1) {
      return y1 >= 0 ? y1 : fallback;
    }
    return y1 + (y2 - y1) * (x - x1) / (x2 - x1);
  }

  /** The image as 8-bit grey rows without padding, as Tesseract takes them. */
  private static byte[] grey(BufferedImage image) {
    // A whole grey image (not a view into a larger one) is already in that form: no copy.
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getParent() == null
        && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && buffer.getOffset() == 0
        && image.getRaster().getSampleModel() instanceof ComponentSampleModel model
        && model.getPixelStride() == 1
        && model.getScanlineStride() == image.getWidth()
        && buffer.getData().length == image.getWidth() * image.getHeight()) {
      return buffer.getData();
    }
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      api.End();
      api.close();
    }
  }
}

package org.convertalot.backend.pdfbox.internal.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.internal.engine.PdfBoxEngine;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.StandaloneContext;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the engine asks a text recognizer, with what pixels, and what it does with the words: a
 * recorder stands in for the recognizer and answers with fixed words.
 */
class RecognitionRulesTest {

  @TempDir Path dir;

  private static final String[] PARAGRAPH_ONE = {
    "The quarterly summary is printed as ordinary text",
    "and the table below was pasted in as a picture."
  };

  private static final String PARAGRAPH_TWO = "Closing remarks follow the pasted table here.";

  private static final String[][] IMAGE_LINES = {
    {"alpha", "bravo", "charlie", "delta", "echo"},
    {"foxtrot", "golf", "hotel", "india", "juliet"},
    {"kilo", "lima", "mike", "november", "oscar"}
  };

  // ---------------------------------------------------------------------------------------------
  // The recorder.

  /** One call of {@link TextRecognizer#recognize}. */
  private record Call(int width, int height, int dpi) {}

  /** A provider whose recognizers record their calls and answer with fixed words. */
  private static final class Recorder implements TextRecognizerProvider {
    private final List<Call> calls = new ArrayList<>();
    private List<RecognizedWord> answer;
    private final Error openFailure;
    private int opens;
    private int closes;

    Recorder(List<RecognizedWord> answer) {
      this(answer, null);
    }

    Recorder(List<RecognizedWord> answer, Error openFailure) {
      this.answer = answer;
      this.openFailure = openFailure;
    }

    @Override
    public String id() {
      return "recorder";
    }

    @Override
    public String version() {
      return "9.8.7";
    }

    @Override
    public TextRecognizer open() {
      if (openFailure != null) {
        throw openFailure;
      }
      opens++;
      return new TextRecognizer() {
        @Override
        public List<RecognizedWord> recognize(BufferedImage image, int dpi) {
          calls.add(new Call(image.getWidth(), image.getHeight(), dpi));
          return answer;
        }

        @Override
        public void close() {
          closes++;
        }
      };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generated PDFs.

  /** Draws one page's content on the page just started. */
  @FunctionalInterface
  private interface Content {
    void draw(TestPdf.Builder page);
  }

  /** A one-page PDF: Letter size, the given content (none at all when null). */
  private Path pdf(String name, Content content) {
    TestPdf.Builder builder = TestPdf.builder().page();
    if (content != null) {
      content.draw(builder);
    }
    return builder.write(dir.resolve(name));
  }

  private static void text(TestPdf.Builder page, float size, float x, float yFromTop, String line) {
    page.text(Font.HELVETICA, size, x, yFromTop, line);
  }

  /** Draws a grey picture as an image object over the given area, from the top-left corner. */
  private static void image(
      TestPdf.Builder page,
      BufferedImage image,
      float x,
      float yFromTop,
      float width,
      float height) {
    int columns = image.getWidth();
    int rows = image.getHeight();
    byte[] grey = (byte[]) image.getRaster().getDataElements(0, 0, columns, rows, null);
    page.image(x, yFromTop, width, height, columns, rows, grey);
  }

  /** A grey picture of {@code width} x {@code height} pixels with dark bars, like printed rows. */
  private static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      for (int y = height / 10; y < height - height / 10; y += height / 8) {
        g.fillRect(width / 20, y, width - width / 10, Math.max(1, height / 40));
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Two text paragraphs around a 300 x 200 pt image (1500 x 1000 px) at (72, 300) from the top. */
  private Content textAroundLargeImage() {
    return page -> {
      text(page, 11, 72, 100, PARAGRAPH_ONE[0]);
      text(page, 11, 72, 114, PARAGRAPH_ONE[1]);
      image(page, picture(1500, 1000), 72, 300, 300, 200);
      text(page, 11, 72, 600, PARAGRAPH_TWO);
    };
  }

  /**
   * Fifteen confident words on three lines, in pixels of an image about 833 px wide (the 300 pt
   * image at 200 dpi): 30 px line height, letters 14 px wide, 12 px between words.
   */
  private static List<RecognizedWord> imageWords(float confidence) {
    List<RecognizedWord> words = new ArrayList<>();
    for (int line = 0; line < IMAGE_LINES.length; line++) {
      float baseline = 60 + 50 * line;
      float left = 20;
      for (String text : IMAGE_LINES[line]) {
        float right = left + 14 * text.length();
        words.add(
            new RecognizedWord(
                text, left, baseline - 23, right, baseline + 7, baseline, 30, confidence, line));
        left = right + 12;
      }
    }
    return words;
  }

  private String convert(ConversionBackend engine, Path file, Map<String, String> options) {
    return engine
        .convert(EngineFixtures.input(file, options), StandaloneContext.in(dir))
        .markdown();
  }

  private String convert(ConversionBackend engine, Path file) {
    return convert(engine, file, Map.of());
  }

  private String withoutRecognition(Path file) {
    return convert(PdfBoxBackend.createWithoutRecognition(), file);
  }

  private static int occurrences(String haystack, String needle) {
    int count = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }

  private static String flattened(String markdown) {
    return markdown.replaceAll("\\s+", " ");
  }

  // ---------------------------------------------------------------------------------------------
  // When the engine asks.

  @Test
  void aTextPageWithoutImagesNeverOpensTheRecognizer() {
    Path file =
        pdf(
            "text.pdf",
            page -> {
              text(page, 11, 72, 100, PARAGRAPH_ONE[0]);
              text(page, 11, 72, 114, PARAGRAPH_ONE[1]);
            });
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(0, recorder.opens);
    assertEquals(List.of(), recorder.calls);
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void aLargeImageWithoutTextOverItIsRecognizedOnceAtTheConfiguredResolution() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(90));

    convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.opens);
    assertEquals(1, recorder.calls.size(), recorder.calls.toString());
    Call call = recorder.calls.get(0);
    // 300 pt at 200 dpi is 833 px; the image's own 1500 px are scaled down to that.
    assertTrue(call.width() <= 834 && call.width() >= 830, call.toString());
    assertTrue(call.height() <= 556 && call.height() >= 553, call.toString());
    assertEquals(200, call.dpi());
  }

  @Test
  void aLowerConfiguredResolutionHalvesTheImageHandedToTheRecognizer() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(90));

    convert(PdfBoxBackend.create(recorder), file, Map.of("pdfbox.ocr.dpi", "100"));

    assertEquals(1, recorder.calls.size(), recorder.calls.toString());
    Call call = recorder.calls.get(0);
    // 300 pt at 100 dpi is 417 px.
    assertTrue(call.width() <= 417 && call.width() >= 414, call.toString());
    assertTrue(call.height() <= 278 && call.height() >= 276, call.toString());
    assertEquals(100, call.dpi());
  }

  @Test
  void confidentWordsOfALargeImageAppearOnceBesideTheTextLayer() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    for (String[] line : IMAGE_LINES) {
      for (String word : line) {
        assertEquals(1, occurrences(markdown, word), word + " in:\n" + markdown);
      }
      assertTrue(flattened(markdown).contains(String.join(" ", line)), markdown);
    }
    String flat = flattened(markdown);
    assertTrue(flat.contains(String.join(" ", PARAGRAPH_ONE)), markdown);
    assertTrue(flat.contains(PARAGRAPH_TWO), markdown);
    // Reading order: the recognized table lies between the two paragraphs.
    assertTrue(flat.indexOf(PARAGRAPH_ONE[1]) < flat.indexOf("alpha"), markdown);
    assertTrue(flat.indexOf("oscar") < flat.indexOf(PARAGRAPH_TWO), markdown);
  }

  @Test
  void lowConfidenceWordsOfALargeImageAddNothing() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(30));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.calls.size());
    assertEquals(withoutRecognition(file), markdown);
    assertFalse(markdown.contains("alpha"), markdown);
  }

  @Test
  void fewerThanTwelveConfidentWordsOfALargeImageAddNothing() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(90).subList(0, 11));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.calls.size());
    assertEquals(withoutRecognition(file), markdown);
    assertFalse(markdown.contains("alpha"), markdown);
  }

  @Test
  void anImageOfManyTonesLikeAPhotographIsNotRecognized() {
    Path file =
        pdf(
            "photo.pdf",
            page -> {
              text(page, 11, 72, 100, PARAGRAPH_ONE[0]);
              image(page, photograph(900, 600), 72, 300, 300, 200);
            });
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(List.of(), recorder.calls);
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void largeTextInsideAnImageIsNeverAHeading() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    // Line height 120 px at 200 dpi: a 44 pt chart title, four times the page's 11 pt text.
    List<RecognizedWord> big = new ArrayList<>();
    for (RecognizedWord w : imageWords(90)) {
      big.add(
          new RecognizedWord(
              w.text(),
              w.left(),
              w.top(),
              w.right(),
              w.bottom(),
              w.baseline() * 2,
              120,
              w.confidence(),
              w.line()));
    }

    String markdown = convert(PdfBoxBackend.create(new Recorder(big)), file);

    assertTrue(markdown.contains("alpha"), markdown);
    assertTrue(markdown.lines().noneMatch(line -> line.startsWith("#")), markdown);
  }

  @Test
  void paperTellsDocumentsFromPhotographsAndTurnsDarkBackgroundsLight() {
    BufferedImage printed = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = printed.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 100);
    g.setColor(Color.BLACK);
    g.fillRect(10, 10, 180, 8);
    g.dispose();
    ImagePixels.Paper paper = ImagePixels.Paper.of(printed);
    assertEquals(255, paper.level());
    assertEquals(0.928f, paper.share(), 0.001f);
    assertSame(printed, paper.darkTextOnLight(printed));

    BufferedImage photo = new BufferedImage(256, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 256; x++) {
      for (int y = 0; y < 4; y++) {
        photo.getRaster().setSample(x, y, 0, x);
      }
    }
    assertTrue(
        ImagePixels.Paper.of(photo).share() < ImagePixels.MIN_BACKGROUND_SHARE,
        ImagePixels.Paper.of(photo).toString());

    BufferedImage dark = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
    dark.getRaster().setSample(3, 3, 0, 250);
    BufferedImage light = ImagePixels.Paper.of(dark).darkTextOnLight(dark);
    assertEquals(255, light.getRaster().getSample(0, 0, 0));
    assertEquals(5, light.getRaster().getSample(3, 3, 0));
  }

  /** A smooth gradient with noise, as photographs are: no tone dominates. */
  private static BufferedImage photograph(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    java.util.Random random = new java.util.Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int grey = (x * 200 / width + y * 55 / height + random.nextInt(24)) & 0xFF;
        image.getRaster().setSample(x, y, 0, grey);
      }
    }
    return image;
  }

  /**
   * Text paragraphs around a banner: an image of 400 x 40 pt (3.3 % of the page), 1600 x 160 px.
   */
  private Content textAroundBanner() {
    return page -> {
      text(page, 11, 72, 100, PARAGRAPH_ONE[0]);
      image(page, picture(1600, 160), 72, 140, 400, 40);
      text(page, 11, 72, 240, PARAGRAPH_TWO);
    };
  }

  /** Three words on one line of a banner image. */
  private static List<RecognizedWord> bannerWords(float confidence) {
    List<RecognizedWord> words = new ArrayList<>();
    float left = 20;
    for (String text : new String[] {"Annual", "Summit", "Highlights"}) {
      float right = left + 14 * text.length();
      words.add(new RecognizedWord(text, left, 37, right, 67, 60, 30, confidence, 0));
      left = right + 12;
    }
    return words;
  }

  @Test
  void aBannerImageOfAFewSureWordsIsRecognizedBesideTheTextLayer() {
    Path file = pdf("banner.pdf", textAroundBanner());
    Recorder recorder = new Recorder(bannerWords(95));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.calls.size());
    String flat = flattened(markdown);
    assertTrue(flat.contains("Annual Summit Highlights"), markdown);
    assertTrue(flat.indexOf(PARAGRAPH_ONE[0]) < flat.indexOf("Annual"), markdown);
    assertTrue(flat.indexOf("Highlights") < flat.indexOf(PARAGRAPH_TWO), markdown);
  }

  @Test
  void aBannerWhoseFewWordsAreNotSureAddsNothing() {
    Path file = pdf("banner.pdf", textAroundBanner());
    Recorder recorder = new Recorder(bannerWords(75));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.calls.size());
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void aSmallImageIsNotRecognized() {
    Path file =
        pdf(
            "small.pdf",
            page -> {
              text(page, 11, 72, 100, PARAGRAPH_ONE[0]);
              text(page, 11, 72, 114, PARAGRAPH_ONE[1]);
              // 100 x 80 pt is 1.7 % of a Letter page.
              image(page, picture(400, 320), 72, 220, 100, 80);
              text(page, 11, 72, 400, PARAGRAPH_TWO);
            });
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(List.of(), recorder.calls);
    assertEquals(0, recorder.opens);
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void aLargeImageWithMoreThanEightCharactersOfTextOverItIsNotRecognized() {
    Path file =
        pdf(
            "captioned.pdf",
            page -> {
              text(page, 11, 72, 100, PARAGRAPH_ONE[0]);
              text(page, 11, 72, 114, PARAGRAPH_ONE[1]);
              image(page, picture(1500, 1000), 72, 300, 300, 200);
              text(page, 11, 90, 400, "Caption text");
              text(page, 11, 72, 600, PARAGRAPH_TWO);
            });
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(List.of(), recorder.calls);
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void aSparsePageThatPaintsManyPathsIsRecognizedWholeAndCoveredGlyphsAreNotDuplicated() {
    Path file =
        pdf(
            "outlines.pdf",
            page -> {
              // Text-layer glyphs: "Label" under a recognized word, "Kept" under none.
              text(page, 12, 72, 100, "Label");
              text(page, 12, 400, 700, "Kept");
              for (int i = 0; i < 150; i++) {
                float x = 72 + (i % 15) * 10;
                float y = 300 + (i / 15) * 10;
                page.fillRect(x, y, 4, 4, 0);
              }
            });
    // At 200 dpi a point is 2.78 px: "Label" spans about 200..290 px across, 240..285 down.
    List<RecognizedWord> words =
        List.of(
            new RecognizedWord("Label", 190, 235, 300, 290, 280, 34, 92, 0),
            new RecognizedWord("Outlined", 200, 820, 330, 860, 852, 34, 91, 1),
            new RecognizedWord("words", 345, 820, 430, 860, 852, 34, 93, 1));
    Recorder recorder = new Recorder(words);

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.calls.size(), recorder.calls.toString());
    Call call = recorder.calls.get(0);
    assertTrue(Math.abs(call.width() - 1700) <= 2, call.toString());
    assertTrue(Math.abs(call.height() - 2200) <= 2, call.toString());
    assertEquals(200, call.dpi());
    assertEquals(1, occurrences(markdown, "Label"), markdown);
    assertEquals(1, occurrences(markdown, "Kept"), markdown);
    assertTrue(flattened(markdown).contains("Outlined words"), markdown);
  }

  @Test
  void aScanStoredAsAnInlineImageIsRecognizedWhole() {
    Path file =
        pdf(
            "inline.pdf",
            page -> {
              // 100 x 100 grey samples, drawn over most of the page as an inline image.
              byte[] samples = new byte[100 * 100];
              java.util.Arrays.fill(samples, (byte) 0xF0);
              page.inlineImage(36, 36, 540, 720, 100, 100, samples);
            });
    Recorder recorder = new Recorder(List.of());

    convert(PdfBoxBackend.create(recorder), file);

    assertEquals(1, recorder.calls.size(), recorder.calls.toString());
    Call call = recorder.calls.get(0);
    // The whole Letter page at 200 dpi: 1700 x 2200 pixels, give or take PDFBox's rounding.
    assertTrue(
        Math.abs(call.width() - 1700) <= 2 && Math.abs(call.height() - 2200) <= 2, call::toString);
    assertEquals(200, call.dpi());
  }

  @Test
  void anEmptyPageIsNeverRecognized() {
    Path file = pdf("empty.pdf", null);
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(List.of(), recorder.calls);
    assertEquals(0, recorder.opens);
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void aSparsePageWithoutImagesOrPathsIsNeverRecognized() {
    Path file = pdf("sparse.pdf", page -> text(page, 12, 72, 100, "Hi"));
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file);

    assertEquals(List.of(), recorder.calls);
    assertEquals(0, recorder.opens);
    assertEquals("Hi\n", markdown);
  }

  @Test
  void recognitionSwitchedOffNeverAsksEvenForALargeImage() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(90));

    String markdown = convert(PdfBoxBackend.create(recorder), file, Map.of("pdfbox.ocr", "off"));

    assertEquals(List.of(), recorder.calls);
    assertEquals(0, recorder.opens);
    assertEquals(withoutRecognition(file), markdown);
  }

  @Test
  void invalidRecognitionOptionsAreRejectedAsInvalidRequests() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    List<Map.Entry<String, String>> invalid =
        List.of(
            Map.entry("pdfbox.ocr", "maybe"),
            Map.entry("pdfbox.ocr.dpi", "10"),
            Map.entry("pdfbox.ocr.dpi", "abc"));
    for (Map.Entry<String, String> option : invalid) {
      String name = option.getKey();
      Recorder recorder = new Recorder(imageWords(90));
      ConversionBackend engine = PdfBoxBackend.create(recorder);
      InvalidRequestException e =
          assertThrows(
              InvalidRequestException.class,
              () -> convert(engine, file, Map.of(name, option.getValue())),
              name + "=" + option.getValue());
      assertEquals(ErrorCode.INVALID_REQUEST, e.errorCode());
      assertEquals("invalid_request", e.code());
      assertTrue(e.getMessage().contains(name), e.getMessage());
      assertTrue(e.getMessage().contains(option.getValue()), e.getMessage());
      assertEquals(List.of(), recorder.calls);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The recognizer pool.

  @Test
  void twoConversionsOnOneEngineOpenTheRecognizerOnceAndCloseReleasesIt() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder = new Recorder(imageWords(90));
    ConversionBackend engine = PdfBoxBackend.create(recorder);

    String first = convert(engine, file);
    String second = convert(engine, file);

    assertEquals(first, second);
    assertEquals(2, recorder.calls.size());
    assertEquals(1, recorder.opens);
    assertEquals(0, recorder.closes);
    engine.close();
    assertEquals(1, recorder.closes);
  }

  @Test
  void aRecognizerThatCannotLoadLeavesTheTextLayerConversionIntact() {
    Path file = pdf("large.pdf", textAroundLargeImage());
    Recorder recorder =
        new Recorder(imageWords(90), new UnsatisfiedLinkError("no recognizer library here"));
    ConversionBackend engine = PdfBoxBackend.create(recorder);

    String markdown = convert(engine, file);
    String again = convert(engine, file);

    assertEquals(withoutRecognition(file), markdown);
    assertEquals(markdown, again);
    assertTrue(flattened(markdown).contains(String.join(" ", PARAGRAPH_ONE)), markdown);
    assertEquals(List.of(), recorder.calls);
  }

  @Test
  void theEngineVersionNamesTheRecognizerOnlyWhenOneIsGiven() {
    String with = PdfBoxBackend.create(new Recorder(List.of())).version();
    String without = PdfBoxBackend.createWithoutRecognition().version();

    assertTrue(with.endsWith("+recorder-9.8.7"), with);
    assertEquals(with, without + "+recorder-9.8.7");
    assertTrue(without.startsWith(PdfBoxEngine.ENGINE_VERSION + "+pdfbox-"), without);
    assertFalse(without.contains("recorder"), without);
    assertEquals(1, occurrences(without, "+"), without);
  }

  @Test
  void theEngineWithoutAProviderIsTheSameAsCreateWithoutRecognition() {
    Path file = pdf("large.pdf", textAroundLargeImage());

    String markdown = convert(new PdfBoxEngine(Optional.empty()), file);

    assertEquals(withoutRecognition(file), markdown);
  }
}

package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's PDF writer, read back with PDFBox: text, positions, fonts, drawing, links, bytes. */
class TestPdfTest {

  @TempDir Path dir;

  // ---------------------------------------------------------------------------------------------
  // Text.

  @Test
  void ofWritesOnePagePerTextAndTheTextReadsBack() throws IOException {
    try (PDDocument doc = Loader.loadPDF(TestPdf.of("Page one", "Page two", "Page three"))) {
      assertEquals(3, doc.getNumberOfPages());
      assertEquals("Page one", pageText(doc, 1));
      assertEquals("Page two", pageText(doc, 2));
      assertEquals("Page three", pageText(doc, 3));
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertEquals(612, box.getWidth());
      assertEquals(792, box.getHeight());
    }
  }

  @Test
  void ofPlacesItsLineAnInchFromTheTopLeftIn14PointHelvetica() throws IOException {
    List<TextPosition> glyphs = glyphs(TestPdf.of("Hello"), 1);
    assertEquals(5, glyphs.size());
    TextPosition first = glyphs.get(0);
    assertEquals(72, first.getXDirAdj(), 0.01);
    assertEquals(72, first.getYDirAdj(), 0.01);
    assertEquals(14, first.getFontSize(), 0.01);
    assertEquals("Helvetica", first.getFont().getName());
  }

  @Test
  void noTextsMakeADocumentWithoutPages() throws IOException {
    try (PDDocument doc = Loader.loadPDF(TestPdf.of())) {
      assertEquals(0, doc.getNumberOfPages());
    }
  }

  @Test
  void backslashesAndParenthesesAreEscaped() throws IOException {
    String text = "a\\b (c) )( \\) end\\";
    byte[] pdf = TestPdf.of(text);

    assertEquals(text, pageText(pdf, 1));
    String raw = new String(pdf, StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("(a\\\\b \\(c\\) \\)\\( \\\\\\) end\\\\) Tj"), raw);
  }

  @Test
  void printableAsciiReadsBackAsWritten() throws IOException {
    // Random lines of printable ASCII without spaces, rich in the characters strings escape.
    String alphabet = "()\\()\\" + "!\"#$%&'*+,-./0123456789:;<=>?@AZaz[]^_`{|}~";
    Random random = new Random(20261201);
    for (int i = 0; i < 60; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(40); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertEquals(text.toString(), pageText(TestPdf.of(text.toString()), 1));
    }
  }

  @Test
  void everyWinAnsiCharacterIsWrittenInItsCodeAndReadsBack() throws IOException {
    StringBuilder all = new StringBuilder();
    for (char c = '!'; c < 0xffff; c++) {
      // No-break space and soft hyphen are spacing and hyphenation marks, not glyphs to compare.
      if (WinAnsi.code(c) >= 0 && c != '\u00a0' && c != '\u00ad') {
        all.append(c);
      }
    }
    assertEquals(94 + 27 + 94, all.length());
    TestPdf.Builder builder = TestPdf.builder().page();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < all.length(); i += 20) {
      String line = all.substring(i, Math.min(all.length(), i + 20));
      lines.add(line);
      builder.text(Font.HELVETICA, 10, 72, 72 + 14 * lines.size(), line);
    }
    byte[] pdf = builder.toBytes();

    assertEquals(String.join("\n", lines), pageText(pdf, 1));
    String raw = new String(pdf, StandardCharsets.ISO_8859_1);
    // The euro sign is code 128, written as an octal escape; é is code 233.
    assertTrue(raw.contains("\\200"), "euro as \\200");
    assertTrue(raw.contains("\\351"), "e acute as \\351");
  }

  @Test
  void charactersOutsideWinAnsiAreRefusedByName() {
    for (String text :
        List.of("\u0100", "caf\u0119", "\u65e5\u672c", "\ud83d\ude00", "a\tb", "\n")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> TestPdf.builder().page().text(Font.HELVETICA, 10, 72, 72, text),
              text);
      assertTrue(e.getMessage().contains("WinAnsiEncoding"), e.getMessage());
      assertTrue(e.getMessage().contains("U+"), e.getMessage());
    }
    IllegalArgumentException emoji =
        assertThrows(IllegalArgumentException.class, () -> TestPdf.of("\ud83d\ude00"));
    assertTrue(emoji.getMessage().contains("U+1F600"), emoji.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Font.TIMES_ROMAN.width("\u0100", 10));
  }

  @Test
  void textIsPlacedInTheGivenFontSizeAndPositionFromTheTopLeft() throws IOException {
    byte[] pdf =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA_BOLD, 18, 100, 90, "Bold")
            .text(Font.TIMES_ITALIC, 9.5f, 300.25f, 700, "Italic")
            .toBytes();

    List<TextPosition> glyphs = glyphs(pdf, 1);
    TextPosition bold = glyphs.get(0);
    assertEquals(100, bold.getXDirAdj(), 0.01);
    assertEquals(90, bold.getYDirAdj(), 0.01);
    assertEquals(18, bold.getFontSize(), 0.01);
    assertEquals("Helvetica-Bold", bold.getFont().getName());
    TextPosition italic = glyphs.get(4);
    assertEquals("I", italic.getUnicode());
    assertEquals(300.25, italic.getXDirAdj(), 0.01);
    assertEquals(700, italic.getYDirAdj(), 0.01);
    assertEquals(9.5, italic.getFontSize(), 0.01);
    assertEquals("Times-Italic", italic.getFont().getName());
  }

  @Test
  void everyFontIsNamedAsItsStandardFont() throws IOException {
    TestPdf.Builder builder = TestPdf.builder().page();
    for (Font font : Font.values()) {
      builder.text(font, 10, 72, 72 + 14 * font.ordinal(), "x");
    }
    List<TextPosition> glyphs = glyphs(builder.toBytes(), 1);

    assertEquals(Font.values().length, glyphs.size());
    for (Font font : Font.values()) {
      assertEquals(font.baseFont(), glyphs.get(font.ordinal()).getFont().getName());
      assertEquals(
          Standard14Fonts.FontName.valueOf(font.name()).getName(), font.baseFont(), font.name());
    }
  }

  @Test
  void wordSpacingWidensOnlyTheSpacesOfItsLine() throws IOException {
    byte[] pdf =
        TestPdf.builder()
            .page()
            .text(Font.HELVETICA, 10, 72, 100, "a b", 7)
            .text(Font.HELVETICA, 10, 72, 120, "a b")
            .toBytes();

    List<TextPosition> bs =
        glyphs(pdf, 1).stream().filter(g -> g.getUnicode().equals("b")).toList();
    float plain = 72 + Font.HELVETICA.width("a ", 10);
    assertEquals(2, bs.size());
    assertEquals(plain + 7, bs.get(0).getXDirAdj(), 0.01);
    assertEquals(plain, bs.get(1).getXDirAdj(), 0.01);
  }

  @Test
  void widthsAreTheStandardFontMetricsThatPdfBoxUses() throws IOException {
    for (Font font : Font.values()) {
      PDType1Font pdfbox = new PDType1Font(Standard14Fonts.FontName.valueOf(font.name()));
      for (char c = ' '; c < 0xffff; c++) {
        int code = WinAnsi.code(c);
        if (code >= 0) {
          assertEquals(
              pdfbox.getWidth(code),
              font.width(String.valueOf(c), 1000),
              0.001,
              font + " " + (int) c);
        }
      }
      String text = "Maple syrup, 42 (litres) \u2022 \u00e9t\u00e9";
      assertEquals(pdfbox.getStringWidth(text) / 1000 * 11, font.width(text, 11), font.name());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pages, drawing, links.

  @Test
  void pagesHaveTheirSizesAndA4IsPdfBoxsA4() throws IOException {
    assertEquals(PDRectangle.A4.getWidth(), PageSize.A4.width());
    assertEquals(PDRectangle.A4.getHeight(), PageSize.A4.height());
    byte[] pdf =
        TestPdf.builder(PageSize.A4)
            .page()
            .page(PageSize.LETTER)
            .page(new PageSize(200, 100.5f))
            .toBytes();

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals(3, doc.getNumberOfPages());
      assertEquals(PDRectangle.A4.getHeight(), doc.getPage(0).getMediaBox().getHeight());
      assertEquals(PDRectangle.A4.getWidth(), doc.getPage(0).getMediaBox().getWidth());
      assertEquals(792, doc.getPage(1).getMediaBox().getHeight());
      assertEquals(100.5f, doc.getPage(2).getMediaBox().getHeight());
      assertEquals(200, doc.getPage(2).getMediaBox().getWidth());
    }
    assertThrows(IllegalArgumentException.class, () -> new PageSize(0, 10));
  }

  @Test
  void linesRectanglesAndFillsAreDrawnWhereTheyAreGiven() throws IOException {
    byte[] pdf =
        TestPdf.builder()
            .page()
            .line(72, 100, 300, 100, 2)
            .strokeRect(72, 200, 100, 50, 2)
            .fillRect(300, 200, 100, 50, 0.5f)
            .grid(new float[] {72, 172, 272}, new float[] {400, 450}, 2)
            .toBytes();

    BufferedImage page = render(pdf);
    assertDark(page, 150, 100);
    assertWhite(page, 150, 110);
    assertDark(page, 72, 225);
    assertDark(page, 120, 250);
    assertWhite(page, 120, 225);
    assertEquals(128, grey(page, 350, 225), 3);
    assertWhite(page, 350, 260);
    assertDark(page, 222, 400);
    assertDark(page, 172, 425);
    assertWhite(page, 222, 425);
    assertEquals("", pageText(pdf, 1));
  }

  @Test
  void filledPathsDrawShapesAndNoText() throws IOException {
    // A triangle and a circle of four Bézier quarters, filled as glyph outlines are.
    float k = 0.5523f * 50;
    byte[] pdf =
        TestPdf.builder()
            .page()
            .moveTo(100, 300)
            .lineTo(200, 300)
            .lineTo(150, 200)
            .closePath()
            .fill()
            .moveTo(400, 200)
            .curveTo(400 + k, 200, 450, 250 - k, 450, 250)
            .curveTo(450, 250 + k, 400 + k, 300, 400, 300)
            .curveTo(400 - k, 300, 350, 250 + k, 350, 250)
            .curveTo(350, 250 - k, 400 - k, 200, 400, 200)
            .closePath()
            .fill()
            .toBytes();

    BufferedImage page = render(pdf);
    assertDark(page, 150, 280);
    assertWhite(page, 110, 210);
    assertDark(page, 400, 250);
    assertDark(page, 440, 250);
    assertWhite(page, 446, 210);
    assertEquals("", pageText(pdf, 1));
  }

  @Test
  void greyImagesAreDrawnAsImageObjectsOrInline() throws IOException {
    byte[] samples = new byte[20 * 10];
    Arrays.fill(samples, (byte) 0x40);
    samples[0] = (byte) 0xff;
    byte[] inline = new byte[4 * 4];
    Arrays.fill(inline, (byte) 0xa0);
    byte[] pdf =
        TestPdf.builder()
            .page()
            .image(100, 100, 200, 100, 20, 10, samples)
            .inlineImage(100, 400, 100, 100, 4, 4, inline)
            .toBytes();

    BufferedImage page = render(pdf);
    assertEquals(0x40, grey(page, 200, 150), 2);
    assertEquals(0xff, grey(page, 105, 105), 8);
    assertEquals(0xa0, grey(page, 150, 450), 2);
    assertWhite(page, 150, 520);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDPage first = doc.getPage(0);
      List<COSName> names = new ArrayList<>();
      first.getResources().getXObjectNames().forEach(names::add);
      assertEquals(1, names.size());
      PDImageXObject image =
          assertInstanceOf(PDImageXObject.class, first.getResources().getXObject(names.get(0)));
      assertEquals(20, image.getWidth());
      assertEquals(10, image.getHeight());
      assertEquals(8, image.getBitsPerComponent());
      assertEquals("DeviceGray", image.getColorSpace().getName());
      assertEquals(0xff, image.getRawRaster().getSample(0, 0, 0));
      assertEquals(0x40, image.getRawRaster().getSample(19, 9, 0));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> TestPdf.builder().page().image(0, 0, 10, 10, 3, 3, new byte[8]));
  }

  @Test
  void linkAnnotationsOpenTheirUriOverTheirArea() throws IOException {
    String uri = "https://x.org/a(b) c\\d";
    byte[] pdf =
        TestPdf.builder()
            .page()
            .text(Font.HELVETICA, 11, 72, 100, "a link")
            .link(70, 90, 40, 14, uri)
            .toBytes();

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<PDAnnotation> annotations = doc.getPage(0).getAnnotations();
      assertEquals(1, annotations.size());
      PDAnnotationLink link = assertInstanceOf(PDAnnotationLink.class, annotations.get(0));
      assertEquals(uri, assertInstanceOf(PDActionURI.class, link.getAction()).getURI());
      PDRectangle area = link.getRectangle();
      assertEquals(70, area.getLowerLeftX());
      assertEquals(792 - 104, area.getLowerLeftY());
      assertEquals(110, area.getUpperRightX());
      assertEquals(792 - 90, area.getUpperRightY());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> TestPdf.builder().page().link(0, 0, 1, 1, "https://caf\u00e9.org"));
  }

  // ---------------------------------------------------------------------------------------------
  // Bytes.

  @Test
  void theSameCallsGiveTheSameBytes() {
    byte[] samples = new byte[64 * 64];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (byte) (i * 31);
    }
    TestPdf.Builder one = sample(samples);
    byte[] first = one.toBytes();

    assertArrayEquals(first, one.toBytes());
    assertArrayEquals(first, sample(samples).toBytes());
    assertArrayEquals(TestPdf.of("a", "b"), TestPdf.of("a", "b"));
  }

  @Test
  void theCrossReferenceTablePointsAtEveryObject() {
    byte[] pdf = sample(new byte[64 * 64]).toBytes();
    String raw = new String(pdf, StandardCharsets.ISO_8859_1);

    Matcher start = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$").matcher(raw);
    assertTrue(start.find(), "ends with startxref");
    int xref = Integer.parseInt(start.group(1));
    assertTrue(raw.startsWith("xref\n0 ", xref), "startxref points at the table");
    Matcher header = Pattern.compile("xref\n0 (\\d+)\n").matcher(raw).region(xref, raw.length());
    assertTrue(header.lookingAt());
    int size = Integer.parseInt(header.group(1));
    int entries = header.end();
    assertEquals("0000000000 65535 f \n", raw.substring(entries, entries + 20));
    for (int n = 1; n < size; n++) {
      String entry = raw.substring(entries + 20 * n, entries + 20 * n + 20);
      assertTrue(entry.endsWith(" 00000 n \n"), entry);
      int offset = Integer.parseInt(entry.substring(0, 10));
      assertTrue(raw.startsWith(n + " 0 obj\n", offset), "object " + n + " at " + offset);
    }
    assertTrue(raw.contains("trailer\n<< /Size " + size + " /Root 1 0 R >>"), raw);
    assertTrue(raw.startsWith("%PDF-1.4\n"));
  }

  @Test
  void writeCreatesTheFolderAndWritesTheBytes() throws IOException {
    Path file = dir.resolve("a/b/doc.pdf");
    assertEquals(file, TestPdf.write(file, "one", "two"));
    assertArrayEquals(TestPdf.of("one", "two"), Files.readAllBytes(file));

    Path other = dir.resolve("c/other.pdf");
    assertEquals(other, TestPdf.builder().page().text(Font.COURIER, 9, 10, 10, "x").write(other));
    assertEquals("x", pageText(Files.readAllBytes(other), 1));
  }

  @Test
  void misuseIsRefusedEarly() {
    assertThrows(
        IllegalStateException.class,
        () -> TestPdf.builder().text(Font.HELVETICA, 10, 72, 72, "no page"));
    assertThrows(IllegalStateException.class, () -> TestPdf.builder().page().lineTo(1, 1));
    assertThrows(IllegalStateException.class, () -> TestPdf.builder().page().fill());
    assertThrows(
        IllegalStateException.class,
        () -> TestPdf.builder().page().moveTo(1, 1).lineTo(2, 2).toBytes());
    assertThrows(
        IllegalStateException.class,
        () -> TestPdf.builder().page().moveTo(1, 1).line(0, 0, 1, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> TestPdf.builder().page().line(0, Float.NaN, 1, 1, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> TestPdf.builder().page().text(Font.HELVETICA, 0, 72, 72, "x"));
    assertThrows(
        IllegalArgumentException.class, () -> TestPdf.builder().page().fillRect(0, 0, 1, 1, 2));
  }

  @Test
  void numbersAreWrittenWithoutExponentsOrTrailingZeros() {
    assertEquals("0", PdfBytes.num(-0f));
    assertEquals("72", PdfBytes.num(72));
    assertEquals("841.8898", PdfBytes.num(PageSize.A4.height()));
    assertEquals("0.00001", PdfBytes.num(1e-5f));
    assertEquals("0", PdfBytes.num(1e-7f));
    assertEquals("-12.5", PdfBytes.num(-12.5f));
    assertEquals("123456792", PdfBytes.num(1.23456789e8f));
  }

  // ---------------------------------------------------------------------------------------------

  private static TestPdf.Builder sample(byte[] samples) {
    return TestPdf.builder(PageSize.A4)
        .page()
        .text(Font.HELVETICA_BOLD, 18, 72, 90, "Title (one)")
        .text(Font.TIMES_ROMAN, 11, 72, 120, "Body \u2022 caf\u00e9", 2)
        .line(72, 130, 400, 130, 0.5f)
        .fillRect(72, 140, 50, 10, 0.85f)
        .link(72, 110, 50, 12, "https://example.org")
        .page(PageSize.LETTER)
        .moveTo(10, 10)
        .curveTo(20, 10, 20, 20, 10, 20)
        .closePath()
        .fill()
        .image(100, 100, 64, 64, 64, 64, samples)
        .inlineImage(200, 100, 8, 8, 8, 8, Arrays.copyOf(samples, 64));
  }

  private static String pageText(byte[] pdf, int page) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return pageText(doc, page);
    }
  }

  private static String pageText(PDDocument doc, int page) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    stripper.setLineSeparator("\n");
    return stripper.getText(doc).strip();
  }

  /** The glyphs PDFBox reads from a page, in reading order. */
  private static List<TextPosition> glyphs(byte[] pdf, int page) throws IOException {
    List<TextPosition> glyphs = new ArrayList<>();
    PDFTextStripper stripper =
        new PDFTextStripper() {
          @Override
          protected void writeString(String text, List<TextPosition> positions) {
            glyphs.addAll(positions);
          }
        };
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      stripper.getText(doc);
    }
    return glyphs;
  }

  /** The first page rendered in grey at 72 dpi: one pixel a point. */
  private static BufferedImage render(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFRenderer(doc).renderImage(0, 1, ImageType.GRAY);
    }
  }

  private static int grey(BufferedImage image, int x, int y) {
    return image.getRaster().getSample(x, y, 0);
  }

  private static void assertDark(BufferedImage image, int x, int y) {
    assertTrue(grey(image, x, y) < 100, "dark at " + x + "," + y + ": " + grey(image, x, y));
  }

  private static void assertWhite(BufferedImage image, int x, int y) {
    assertTrue(grey(image, x, y) > 240, "white at " + x + "," + y + ": " + grey(image, x, y));
  }
}

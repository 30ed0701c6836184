package org.convertalot.backend.pdfbox.internal.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convertalot.api.Warning;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.internal.extract.ShownText;
import org.convertalot.backend.pdfbox.internal.extract.UnreadableText;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.backend.pdfbox.testing.RawPdf;
import org.convertalot.backend.pdfbox.testing.WordsRecognizer;
import org.convertalot.testkit.StandaloneContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages whose text layer is garbled: PDFs written by hand whose fonts map their codes to
 * private-use characters or U+FFFD, or have no Unicode mapping at all (glyph names that mean
 * nothing, as font subsetters write them), next to clean pages in Latin, Greek, CJK and
 * mathematical symbols. The warning names exactly the garbled pages; with a recognizer stand-in
 * their text comes from recognition; without one the nonsense stays out of the Markdown.
 */
class GarbledTextLayerTest {

  @TempDir Path dir;

  private static final String CLEAN_LINE = "This page has an ordinary text layer that reads well.";

  /** Fonts, by resource name: each is Helvetica with another way to Unicode. */
  private enum Font {
    /** Plain Helvetica in WinAnsiEncoding: readable. */
    PLAIN(""),
    /** Every printable code maps to a private-use character (U+E021...). */
    PRIVATE_USE("/ToUnicode %s 0 R", "<21> <7E> <E021>"),
    /** Every printable code maps to U+FFFD, the replacement character. */
    REPLACEMENT("/ToUnicode %s 0 R", "<21> <7E> [" + "<FFFD> ".repeat(0x7E - 0x21 + 1) + "]"),
    /** Codes from 1 named /g1... (no Unicode): PDFBox shows the codes, control characters. */
    SUBSET_NAMES(""),
    /** Printable codes map to Greek letters (U+0391...). */
    GREEK("/ToUnicode %s 0 R", "<21> <7E> <0391>"),
    /** Printable codes map to CJK ideographs (U+4E00...). */
    CJK("/ToUnicode %s 0 R", "<21> <7E> <4E00>"),
    /** Printable codes map to mathematical operators (U+2200...). */
    MATH("/ToUnicode %s 0 R", "<21> <7E> <2200>");

    private final String entry;
    private final String range;

    Font(String entry) {
      this(entry, null);
    }

    Font(String entry, String range) {
      this.entry = entry;
      this.range = range;
    }

    String resource() {
      return "/F" + ordinal();
    }
  }

  /** One page of lines in one font; SUBSET_NAMES pages show codes 1..26 for the letters. */
  private record Page(Font font, String text) {}

  private Path pdf(String name, Page... pages) throws IOException {
    RawPdf raw = new RawPdf();
    StringBuilder fonts = new StringBuilder();
    for (Font font : Font.values()) {
      String dictionary = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica";
      if (font == Font.SUBSET_NAMES) {
        StringBuilder names = new StringBuilder();
        for (int code = 1; code <= 26; code++) {
          names.append(" /g").append(code);
        }
        dictionary += " /Encoding << /Type /Encoding /Differences [1" + names + "] >>";
      } else if (font.range != null) {
        int cmap = raw.stream("", toUnicode(font.range).getBytes(StandardCharsets.US_ASCII));
        dictionary += " " + String.format(font.entry, cmap);
      } else {
        dictionary += " /Encoding /WinAnsiEncoding";
      }
      int number = raw.object(dictionary + " >>");
      fonts.append(font.resource()).append(' ').append(number).append(" 0 R ");
    }
    int resources = raw.object("<< /Font << " + fonts + ">> >>");
    int tree = raw.reserve();
    StringBuilder kids = new StringBuilder();
    for (Page page : pages) {
      int content = raw.stream("", content(page));
      int number =
          raw.object(
              "<< /Type /Page /Parent "
                  + tree
                  + " 0 R /MediaBox [0 0 612 792] /Resources "
                  + resources
                  + " 0 R /Contents "
                  + content
                  + " 0 R >>");
      kids.append(number).append(" 0 R ");
    }
    raw.set(tree, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages.length + " >>");
    raw.root(tree);
    return raw.save(dir.resolve(name));
  }

  private static String toUnicode(String range) {
    return "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        + "/CMapName /Test def /CMapType 2 def\n"
        + "1 begincodespacerange <00> <FF> endcodespacerange\n"
        + "1 beginbfchar <20> <0020> endbfchar\n"
        + "1 beginbfrange "
        + range
        + " endbfrange\n"
        + "endcmap CMapName currentdict /CMap defineresource pop end end";
  }

  /** Four lines of the page's text, 14 pt apart from the top. */
  private static byte[] content(Page page) {
    StringBuilder s = new StringBuilder();
    for (int line = 0; line < 4; line++) {
      s.append("BT ").append(page.font().resource()).append(" 11 Tf 72 ");
      s.append(700 - 14 * line).append(" Td (");
      for (char c : page.text().toCharArray()) {
        if (page.font() == Font.SUBSET_NAMES && Character.isLetter(c)) {
          // The subsetter numbered the glyphs from 1: a..z are codes 1..26.
          s.append(String.format("\\%03o", Character.toLowerCase(c) - 'a' + 1));
        } else if (c == '(' || c == ')' || c == '\\') {
          s.append('\\').append(c);
        } else {
          s.append(c);
        }
      }
      s.append(") Tj ET\n");
    }
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private BackendOutput convert(ConversionBackend engine, Path file) {
    return engine.convert(EngineFixtures.input(file, Map.of()), StandaloneContext.in(dir));
  }

  private static Warning onlyWarning(BackendOutput out) {
    assertEquals(1, out.warnings().size(), out.warnings().toString());
    Warning w = out.warnings().get(0);
    assertEquals(Warning.GARBLED_TEXT_LAYER, w.code());
    return w;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void theWarningNamesExactlyThePagesWhoseTextLayerIsGarbled() throws IOException {
    Path file =
        pdf(
            "mixed.pdf",
            new Page(Font.PLAIN, CLEAN_LINE),
            new Page(Font.PRIVATE_USE, CLEAN_LINE),
            new Page(Font.PLAIN, CLEAN_LINE),
            new Page(Font.REPLACEMENT, CLEAN_LINE),
            new Page(Font.SUBSET_NAMES, CLEAN_LINE));

    BackendOutput out = convert(PdfBoxBackend.createWithoutRecognition(), file);

    Warning w = onlyWarning(out);
    assertEquals(List.of(2, 4, 5), w.pages(), w.message());
    assertTrue(w.message().contains("pages 2, 4, 5"), w.message());
    assertTrue(w.message().contains("add a text recognizer"), w.message());
    assertEquals(5, out.pages());
  }

  @Test
  void withoutARecognizerTheUnreadableCharactersStayOutAndTheCleanPagesStay() throws IOException {
    Path file =
        pdf(
            "kept.pdf",
            new Page(Font.PLAIN, CLEAN_LINE),
            new Page(Font.PRIVATE_USE, "Private use garbage here"),
            new Page(Font.REPLACEMENT, "Replacement garbage here"));

    String markdown = convert(PdfBoxBackend.createWithoutRecognition(), file).markdown();

    assertTrue(markdown.contains(CLEAN_LINE), markdown);
    markdown
        .codePoints()
        .forEach(
            cp ->
                assertFalse(
                    UnreadableText.isUnreadable(cp) && !Character.isWhitespace(cp),
                    () -> "U+" + Integer.toHexString(cp) + " in " + markdown));
  }

  @Test
  void withARecognizerTheGarbledPageIsRecognizedAndOnlyIt() throws IOException {
    Path file =
        pdf(
            "recognized.pdf",
            new Page(Font.PLAIN, CLEAN_LINE),
            new Page(Font.SUBSET_NAMES, "nothing of this can be read back"));
    WordsRecognizer reader = new WordsRecognizer("Recognized", "instead");

    BackendOutput out = convert(PdfBoxBackend.create(reader), file);

    assertEquals(1, reader.calls(), "only the garbled page is recognized");
    Warning w = onlyWarning(out);
    assertEquals(List.of(2), w.pages());
    assertTrue(w.message().contains("recognized from the page image instead"), w.message());
    assertTrue(out.markdown().contains(CLEAN_LINE), out.markdown());
    assertTrue(out.markdown().contains("Recognized instead"), out.markdown());
  }

  @Test
  void withRecognitionSwitchedOffTheWarningSaysSoAndNothingIsRecognized() throws IOException {
    Path file = pdf("off.pdf", new Page(Font.PRIVATE_USE, CLEAN_LINE));
    WordsRecognizer reader = new WordsRecognizer("never", "asked");

    BackendOutput out =
        PdfBoxBackend.create(reader)
            .convert(
                EngineFixtures.input(file, Map.of("pdfbox.ocr", "off")), StandaloneContext.in(dir));

    assertEquals(0, reader.calls());
    Warning w = onlyWarning(out);
    assertEquals(List.of(1), w.pages());
    assertTrue(w.message().contains("recognition is switched off"), w.message());
  }

  @Test
  void cleanPagesInGreekCjkAndMathematicalSymbolsAreNotGarbled() throws IOException {
    Path file =
        pdf(
            "scripts.pdf",
            new Page(Font.GREEK, CLEAN_LINE),
            new Page(Font.CJK, CLEAN_LINE),
            new Page(Font.MATH, CLEAN_LINE),
            new Page(Font.PLAIN, CLEAN_LINE));
    WordsRecognizer reader = new WordsRecognizer("never", "asked");

    BackendOutput out = convert(PdfBoxBackend.create(reader), file);

    assertEquals(List.of(), out.warnings(), out.markdown());
    assertEquals(0, reader.calls());
    // The first code of the line, 'T', maps to the 52nd character of each range.
    assertTrue(out.markdown().contains(new String(Character.toChars(0x0391 + 'T' - 0x21))));
    assertTrue(out.markdown().contains(new String(Character.toChars(0x4E00 + 'T' - 0x21))));
  }

  @Test
  void aFewUnreadableCharactersOnAPageOfTextAreNoGarbledTextLayer() {
    assertFalse(GarbledPages.isGarbled(new ShownText(1000, 40)), "icons and bullets");
    assertFalse(GarbledPages.isGarbled(new ShownText(12, 12)), "too little text to judge");
    assertTrue(GarbledPages.isGarbled(new ShownText(100, 30)));
    assertTrue(GarbledPages.isGarbled(new ShownText(GarbledPages.MIN_CHARACTERS, 20)));
  }

  @Test
  void readableCharactersOfEveryScriptAreReadable() {
    String readable = "Aé Ωλ Жж אב عربي हिन्दी 漢字かなカナ 한글 ∀∂∑√≤ €$ ½ ﬁ 😀 · • – “”";
    readable
        .codePoints()
        .forEach(
            cp ->
                assertFalse(UnreadableText.isUnreadable(cp), () -> "U+" + Integer.toHexString(cp)));
    for (int cp : new int[] {0xFFFD, 0x01, 0x1F, 0x7F, 0x85, 0x9F, 0xE000, 0xF8FF, 0xF0061}) {
      assertTrue(UnreadableText.isUnreadable(cp), "U+" + Integer.toHexString(cp));
    }
    assertTrue(UnreadableText.hasNothingReadable("\uFFFD\uE001"));
    assertFalse(UnreadableText.hasNothingReadable("fi"));
  }
}

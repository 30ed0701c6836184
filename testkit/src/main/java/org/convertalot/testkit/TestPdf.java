package org.convertalot.testkit;

import static org.convertalot.testkit.PdfBytes.ascii;
import static org.convertalot.testkit.PdfBytes.checkSamples;
import static org.convertalot.testkit.PdfBytes.describe;
import static org.convertalot.testkit.PdfBytes.encode;
import static org.convertalot.testkit.PdfBytes.escape;
import static org.convertalot.testkit.PdfBytes.imageObject;
import static org.convertalot.testkit.PdfBytes.num;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.convertalot.testkit.PdfBytes.Page;

/**
 * Writes small valid PDFs by hand, without a PDF library: pages of a given size with text in the
 * standard 14 fonts, stroked lines and rectangles, filled vector paths, grey images and link
 * annotations, with a correct cross-reference table.
 *
 * <p>Coordinates are in points from the page's top-left corner, y growing downward, as a reader of
 * the page measures; the writer turns them into PDF's bottom-up space. Text is written in
 * WinAnsiEncoding, the encoding of the standard fonts: a character it lacks is refused with an
 * {@link IllegalArgumentException}. The output is deterministic: the same calls give the same
 * bytes. Content streams are left uncompressed, so tests may read or patch them; images are
 * Flate-compressed.
 *
 * <pre>{@code
 * byte[] pdf =
 *     TestPdf.builder(TestPdf.PageSize.A4)
 *         .page()
 *         .text(TestPdf.Font.HELVETICA_BOLD, 18, 72, 90, "Title")
 *         .line(72, 100, 300, 100, 0.5f)
 *         .toBytes();
 * }</pre>
 */
public final class TestPdf {
  private TestPdf() {}

  /**
   * The bytes of a PDF with one Letter page per text, each text one line of 14 pt Helvetica an inch
   * from the page's top and left edges.
   *
   * @param pageTexts the text of each page, in order (none: a document without pages)
   * @return the PDF's bytes
   * @throws IllegalArgumentException if a text has a character outside WinAnsiEncoding
   */
  public static byte[] of(String... pageTexts) {
    Builder builder = builder();
    for (String text : pageTexts) {
      builder.page().text(Font.HELVETICA, 14, 72, 72, text);
    }
    return builder.toBytes();
  }

  /**
   * Writes {@link #of(String...)}'s PDF to a file, creating its folder when missing.
   *
   * @param file where to write
   * @param pageTexts the text of each page, in order
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Path write(Path file, String... pageTexts) {
    return writeBytes(file, of(pageTexts));
  }

  /**
   * A builder whose pages are Letter size unless given another.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return builder(PageSize.LETTER);
  }

  /**
   * A builder whose pages have the given size unless given another.
   *
   * @param defaultSize the size of pages started with {@link Builder#page()}
   * @return an empty builder
   */
  public static Builder builder(PageSize defaultSize) {
    return new Builder(Objects.requireNonNull(defaultSize, "defaultSize"));
  }

  /**
   * The size of a page, in points.
   *
   * @param width the page's width
   * @param height the page's height
   */
  public record PageSize(float width, float height) {
    /** US Letter, 8.5 by 11 inches. */
    public static final PageSize LETTER = new PageSize(612, 792);

    /** ISO A4, 210 by 297 mm, computed in {@code float} as PDFBox's {@code PDRectangle.A4} is. */
    public static final PageSize A4 = new PageSize(210 * mm(), 297 * mm());

    /**
     * Checks the size.
     *
     * @param width the page's width
     * @param height the page's height
     * @throws IllegalArgumentException if a side is not a positive finite number
     */
    public PageSize {
      if (!(width > 0 && height > 0 && Float.isFinite(width) && Float.isFinite(height))) {
        throw new IllegalArgumentException(
            "a page needs a positive size: " + width + " x " + height);
      }
    }

    private static float mm() {
      return 1 / (10 * 2.54f) * 72;
    }
  }

  /**
   * The standard 14 fonts that draw text (Symbol and ZapfDingbats, which have their own encodings,
   * are left out). Every PDF reader has them, so nothing is embedded.
   */
  public enum Font {
    /** Helvetica. */
    HELVETICA("Helvetica", WinAnsi.HELVETICA),
    /** Helvetica Bold. */
    HELVETICA_BOLD("Helvetica-Bold", WinAnsi.HELVETICA_BOLD),
    /** Helvetica Oblique, the italic of Helvetica. */
    HELVETICA_OBLIQUE("Helvetica-Oblique", WinAnsi.HELVETICA),
    /** Helvetica Bold Oblique. */
    HELVETICA_BOLD_OBLIQUE("Helvetica-BoldOblique", WinAnsi.HELVETICA_BOLD),
    /** Times Roman. */
    TIMES_ROMAN("Times-Roman", WinAnsi.TIMES_ROMAN),
    /** Times Bold. */
    TIMES_BOLD("Times-Bold", WinAnsi.TIMES_BOLD),
    /** Times Italic. */
    TIMES_ITALIC("Times-Italic", WinAnsi.TIMES_ITALIC),
    /** Times Bold Italic. */
    TIMES_BOLD_ITALIC("Times-BoldItalic", WinAnsi.TIMES_BOLD_ITALIC),
    /** Courier, every glyph equally wide. */
    COURIER("Courier", WinAnsi.COURIER),
    /** Courier Bold. */
    COURIER_BOLD("Courier-Bold", WinAnsi.COURIER),
    /** Courier Oblique. */
    COURIER_OBLIQUE("Courier-Oblique", WinAnsi.COURIER),
    /** Courier Bold Oblique. */
    COURIER_BOLD_OBLIQUE("Courier-BoldOblique", WinAnsi.COURIER);

    private final String baseFont;
    private final int[] widths;

    Font(String baseFont, int[] widths) {
      this.baseFont = baseFont;
      this.widths = widths;
    }

    /**
     * The font's PostScript name, as written in the font dictionary's {@code /BaseFont}.
     *
     * @return the name, for example {@code Helvetica-Bold}
     */
    public String baseFont() {
      return baseFont;
    }

    /**
     * How wide a text is when shown in this font, from the font's standard metrics: the sum of its
     * glyphs' widths, without kerning, word or character spacing.
     *
     * @param text the text
     * @param size the font size, in points
     * @return the width, in points
     * @throws IllegalArgumentException if the text has a character outside WinAnsiEncoding
     */
    public float width(String text, float size) {
      float units = 0;
      for (byte b : encode(text)) {
        units += WinAnsi.width(widths, b & 0xff);
      }
      return units / 1000 * size;
    }
  }

  /**
   * Collects pages and what is drawn on them, in order, then writes the PDF. Every method but
   * {@link #page()} and {@link #page(PageSize)} draws on the page started last.
   */
  public static final class Builder {
    private final PageSize defaultSize;
    private final List<Page> pages = new ArrayList<>();

    private Builder(PageSize defaultSize) {
      this.defaultSize = defaultSize;
    }

    /**
     * Starts a page of the builder's default size.
     *
     * @return this builder
     */
    public Builder page() {
      return page(defaultSize);
    }

    /**
     * Starts a page of the given size.
     *
     * @param size the page's size
     * @return this builder
     */
    public Builder page(PageSize size) {
      pages.add(new Page(Objects.requireNonNull(size, "size")));
      return this;
    }

    /**
     * Shows a line of text.
     *
     * @param font the font
     * @param size the font size, in points
     * @param x the left end of the baseline
     * @param y the baseline, from the top
     * @param text the text, in characters that WinAnsiEncoding has
     * @return this builder
     * @throws IllegalArgumentException if the text has a character outside WinAnsiEncoding
     */
    public Builder text(Font font, float size, float x, float y, String text) {
      return text(font, size, x, y, text, 0);
    }

    /**
     * Shows a line of text whose spaces are widened, as justified text is.
     *
     * @param font the font
     * @param size the font size, in points
     * @param x the left end of the baseline
     * @param y the baseline, from the top
     * @param text the text, in characters that WinAnsiEncoding has
     * @param wordSpacing points added to every space (PDF's {@code Tw})
     * @return this builder
     * @throws IllegalArgumentException if the text has a character outside WinAnsiEncoding
     */
    public Builder text(Font font, float size, float x, float y, String text, float wordSpacing) {
      Objects.requireNonNull(font, "font");
      if (!(size > 0)) {
        throw new IllegalArgumentException("a font size must be positive: " + size);
      }
      byte[] encoded = encode(text);
      Page page = current();
      String select = "/F" + (font.ordinal() + 1) + " " + num(size) + " Tf";
      String spacing = num(wordSpacing) + " Tw";
      String start = num(x) + " " + page.up(y) + " Td";
      page.fonts.add(font);
      page.op("BT");
      page.op(select);
      if (Float.compare(wordSpacing, page.wordSpacing) != 0) {
        page.op(spacing);
        page.wordSpacing = wordSpacing;
      }
      page.op(start);
      page.content.write('(');
      page.content.writeBytes(escape(encoded));
      page.op(") Tj");
      page.op("ET");
      return this;
    }

    /**
     * Strokes a straight line in black.
     *
     * @param x0 where it starts, from the left
     * @param y0 where it starts, from the top
     * @param x1 where it ends, from the left
     * @param y1 where it ends, from the top
     * @param lineWidth the line's width, in points
     * @return this builder
     */
    public Builder line(float x0, float y0, float x1, float y1, float lineWidth) {
      Page page = current();
      page.noOpenPath();
      page.op(
          num(lineWidth)
              + " w\n"
              + num(x0)
              + " "
              + page.up(y0)
              + " m\n"
              + num(x1)
              + " "
              + page.up(y1)
              + " l\nS");
      return this;
    }

    /**
     * Strokes a grid of lines, as a ruled table has: a horizontal line at every y from the first to
     * the last x, and a vertical one at every x from the first to the last y, horizontals first.
     *
     * @param xs the column boundaries, from the left, at least one
     * @param ys the row boundaries, from the top, at least one
     * @param lineWidth the lines' width, in points
     * @return this builder
     */
    public Builder grid(float[] xs, float[] ys, float lineWidth) {
      if (xs.length == 0 || ys.length == 0) {
        throw new IllegalArgumentException("a grid needs at least one x and one y");
      }
      for (float y : ys) {
        line(xs[0], y, xs[xs.length - 1], y, lineWidth);
      }
      for (float x : xs) {
        line(x, ys[0], x, ys[ys.length - 1], lineWidth);
      }
      return this;
    }

    /**
     * Strokes a rectangle's outline in black.
     *
     * @param x the left edge
     * @param y the top edge, from the top
     * @param width the width
     * @param height the height, downward
     * @param lineWidth the outline's width, in points
     * @return this builder
     */
    public Builder strokeRect(float x, float y, float width, float height, float lineWidth) {
      Page page = current();
      page.noOpenPath();
      page.op(num(lineWidth) + " w\n" + page.rect(x, y, width, height) + " re\nS");
      return this;
    }

    /**
     * Fills a rectangle in a grey.
     *
     * @param x the left edge
     * @param y the top edge, from the top
     * @param width the width
     * @param height the height, downward
     * @param grey the grey, from 0 (black) to 1 (white)
     * @return this builder
     */
    public Builder fillRect(float x, float y, float width, float height, float grey) {
      if (!(grey >= 0 && grey <= 1)) {
        throw new IllegalArgumentException("a grey is between 0 and 1: " + grey);
      }
      Page page = current();
      page.noOpenPath();
      page.op("q\n" + num(grey) + " g\n" + page.rect(x, y, width, height) + " re\nf\nQ");
      return this;
    }

    /**
     * Starts a subpath of a path to fill, at a point.
     *
     * @param x the point, from the left
     * @param y the point, from the top
     * @return this builder
     */
    public Builder moveTo(float x, float y) {
      Page page = current();
      page.op(num(x) + " " + page.up(y) + " m");
      page.pathOpen = true;
      return this;
    }

    /**
     * Adds a straight segment to the current subpath.
     *
     * @param x where it ends, from the left
     * @param y where it ends, from the top
     * @return this builder
     * @throws IllegalStateException if no path was started with {@link #moveTo}
     */
    public Builder lineTo(float x, float y) {
      Page page = current().openPath();
      page.op(num(x) + " " + page.up(y) + " l");
      return this;
    }

    /**
     * Adds a cubic Bézier segment to the current subpath.
     *
     * @param x1 the first control point, from the left
     * @param y1 the first control point, from the top
     * @param x2 the second control point, from the left
     * @param y2 the second control point, from the top
     * @param x3 where it ends, from the left
     * @param y3 where it ends, from the top
     * @return this builder
     * @throws IllegalStateException if no path was started with {@link #moveTo}
     */
    public Builder curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
      Page page = current().openPath();
      page.op(
          num(x1)
              + " "
              + page.up(y1)
              + " "
              + num(x2)
              + " "
              + page.up(y2)
              + " "
              + num(x3)
              + " "
              + page.up(y3)
              + " c");
      return this;
    }

    /**
     * Closes the current subpath with a straight segment back to its start.
     *
     * @return this builder
     * @throws IllegalStateException if no path was started with {@link #moveTo}
     */
    public Builder closePath() {
      current().openPath().op("h");
      return this;
    }

    /**
     * Fills the path in black by the non-zero winding rule, as glyph outlines are filled, and ends
     * it.
     *
     * @return this builder
     * @throws IllegalStateException if no path was started with {@link #moveTo}
     */
    public Builder fill() {
      Page page = current().openPath();
      page.op("f");
      page.pathOpen = false;
      return this;
    }

    /**
     * Draws an 8-bit grey image, stored as an image object of its own (Flate-compressed).
     *
     * @param x the image's left edge on the page
     * @param y the image's top edge, from the top
     * @param width the width it covers on the page, in points
     * @param height the height it covers on the page, in points
     * @param columns the image's width in pixels
     * @param rows the image's height in pixels
     * @param grey the samples, row by row from the top, one byte each (0 black, 255 white)
     * @return this builder
     * @throws IllegalArgumentException if there are not {@code columns * rows} samples
     */
    public Builder image(
        float x, float y, float width, float height, int columns, int rows, byte[] grey) {
      checkSamples(columns, rows, grey);
      Page page = current();
      page.noOpenPath();
      String placed = place(page, x, y, width, height);
      page.images.add(imageObject(columns, rows, grey));
      page.op("q\n" + placed + " cm\n/Im" + page.images.size() + " Do\nQ");
      return this;
    }

    /**
     * Draws an 8-bit grey image stored inline in the content stream, uncompressed. Readers find the
     * end of inline data by looking for {@code EI} between white space, so keep samples that spell
     * it out of this one.
     *
     * @param x the image's left edge on the page
     * @param y the image's top edge, from the top
     * @param width the width it covers on the page, in points
     * @param height the height it covers on the page, in points
     * @param columns the image's width in pixels
     * @param rows the image's height in pixels
     * @param grey the samples, row by row from the top, one byte each (0 black, 255 white)
     * @return this builder
     * @throws IllegalArgumentException if there are not {@code columns * rows} samples
     */
    public Builder inlineImage(
        float x, float y, float width, float height, int columns, int rows, byte[] grey) {
      checkSamples(columns, rows, grey);
      Page page = current();
      page.noOpenPath();
      String placed = place(page, x, y, width, height);
      page.op("q\n" + placed + " cm\nBI /W " + columns + " /H " + rows + " /BPC 8 /CS /G ID");
      page.content.writeBytes(grey);
      page.op("\nEI\nQ");
      return this;
    }

    /**
     * Adds a link annotation that opens a URI.
     *
     * @param x the link area's left edge
     * @param y the link area's top edge, from the top
     * @param width the area's width
     * @param height the area's height, downward
     * @param uri the URI, in printable ASCII
     * @return this builder
     * @throws IllegalArgumentException if the URI has other characters
     */
    public Builder link(float x, float y, float width, float height, String uri) {
      for (int i = 0; i < uri.length(); i++) {
        char c = uri.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException(
              "a link's URI is printable ASCII; it has " + describe(c) + ": " + uri);
        }
      }
      Page page = current();
      float bottom = page.size.height() - y - height;
      page.links.add(
          "<< /Type /Annot /Subtype /Link /Rect ["
              + num(x)
              + " "
              + num(bottom)
              + " "
              + num(x + width)
              + " "
              + num(bottom + height)
              + "] /A << /S /URI /URI ("
              + new String(escape(ascii(uri)), StandardCharsets.US_ASCII)
              + ") >> >>");
      return this;
    }

    /**
     * Writes the PDF. The builder stays as it is: more pages may follow, and the same builder gives
     * the same bytes every time.
     *
     * @return the PDF's bytes
     * @throws IllegalStateException if a page has a path that was started and not filled
     */
    public byte[] toBytes() {
      for (Page page : pages) {
        page.noOpenPath();
      }
      return PdfBytes.document(pages);
    }

    /**
     * Writes the PDF to a file, creating its folder when missing.
     *
     * @param file where to write
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path write(Path file) {
      return writeBytes(file, toBytes());
    }

    private Page current() {
      if (pages.isEmpty()) {
        throw new IllegalStateException("start a page with page() before drawing on it");
      }
      return pages.get(pages.size() - 1);
    }

    private static String place(Page page, float x, float y, float width, float height) {
      return num(width)
          + " 0 0 "
          + num(height)
          + " "
          + num(x)
          + " "
          + num(page.size.height() - y - height);
    }
  }

  private static Path writeBytes(Path file, byte[] bytes) {
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

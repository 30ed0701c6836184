package org.convertalot.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;

/**
 * The bytes behind {@link TestPdf}: the pages' content streams, PDF's numbers and strings, and the
 * numbered objects of a document with their cross-reference table.
 */
final class PdfBytes {
  private PdfBytes() {}

  /**
   * A document of the pages: catalog, page tree, fonts, then each page with its content, images and
   * links, in that order.
   */
  static byte[] document(List<Page> pages) {
    ObjectTable objects = new ObjectTable();
    int catalog = objects.reserve();
    int tree = objects.reserve();
    Set<Font> used = EnumSet.noneOf(Font.class);
    pages.forEach(p -> used.addAll(p.fonts));
    int[] fontObjects = new int[Font.values().length];
    for (Font font : used) {
      fontObjects[font.ordinal()] =
          objects.add(
              "<< /Type /Font /Subtype /Type1 /BaseFont /"
                  + font.baseFont()
                  + " /Encoding /WinAnsiEncoding >>");
    }
    StringBuilder kids = new StringBuilder();
    for (Page page : pages) {
      int number = objects.reserve();
      kids.append(kids.length() == 0 ? "" : " ").append(number).append(" 0 R");
      StringBuilder dict =
          new StringBuilder("<< /Type /Page /Parent ")
              .append(tree)
              .append(" 0 R /MediaBox [0 0 ")
              .append(num(page.size.width()))
              .append(' ')
              .append(num(page.size.height()))
              .append("] /Resources <<");
      if (!page.fonts.isEmpty()) {
        dict.append(" /Font <<");
        for (Font font : page.fonts) {
          dict.append(" /F")
              .append(font.ordinal() + 1)
              .append(' ')
              .append(fontObjects[font.ordinal()])
              .append(" 0 R");
        }
        dict.append(" >>");
      }
      if (!page.images.isEmpty()) {
        dict.append(" /XObject <<");
        for (int i = 0; i < page.images.size(); i++) {
          dict.append(" /Im").append(i + 1).append(' ');
          dict.append(objects.add(page.images.get(i))).append(" 0 R");
        }
        dict.append(" >>");
      }
      dict.append(" >>");
      if (page.content.size() > 0) {
        byte[] content = page.content.toByteArray();
        dict.append(" /Contents ").append(objects.add(stream("", content))).append(" 0 R");
      }
      if (!page.links.isEmpty()) {
        dict.append(" /Annots [");
        for (int i = 0; i < page.links.size(); i++) {
          dict.append(i == 0 ? "" : " ").append(objects.add(page.links.get(i))).append(" 0 R");
        }
        dict.append(']');
      }
      objects.set(number, dict.append(" >>").toString());
    }
    objects.set(tree, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>");
    objects.set(catalog, "<< /Type /Catalog /Pages " + tree + " 0 R >>");
    return objects.write(catalog);
  }

  /** One page: its size, its content stream so far, and what the content refers to. */
  static final class Page {
    final PageSize size;
    final ByteArrayOutputStream content = new ByteArrayOutputStream();
    final Set<Font> fonts = EnumSet.noneOf(Font.class);
    final List<byte[]> images = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    float wordSpacing;
    boolean pathOpen;

    Page(PageSize size) {
      this.size = size;
    }

    void op(String operator) {
      content.writeBytes(operator.getBytes(StandardCharsets.US_ASCII));
      content.write('\n');
    }

    /** A y from the top as PDF's y from the bottom. */
    String up(float y) {
      return num(size.height() - y);
    }

    String rect(float x, float y, float width, float height) {
      return num(x) + " " + num(size.height() - y - height) + " " + num(width) + " " + num(height);
    }

    Page openPath() {
      if (!pathOpen) {
        throw new IllegalStateException("start a path with moveTo first");
      }
      return this;
    }

    void noOpenPath() {
      if (pathOpen) {
        throw new IllegalStateException("fill() the path started with moveTo first");
      }
    }
  }

  /** The numbered objects of a document, written in number order with their cross-references. */
  private static final class ObjectTable {
    private final List<byte[]> bodies = new ArrayList<>();

    int reserve() {
      bodies.add(null);
      return bodies.size();
    }

    void set(int number, String body) {
      bodies.set(number - 1, body.getBytes(StandardCharsets.US_ASCII));
    }

    int add(String body) {
      return add(body.getBytes(StandardCharsets.US_ASCII));
    }

    int add(byte[] body) {
      bodies.add(body);
      return bodies.size();
    }

    byte[] write(int root) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      // A comment of bytes over 127 near the start tells file tools the file is binary.
      out.writeBytes("%PDF-1.4\n%".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(new byte[] {(byte) 0xe2, (byte) 0xe3, (byte) 0xcf, (byte) 0xd3, '\n'});
      int[] offsets = new int[bodies.size()];
      for (int i = 0; i < bodies.size(); i++) {
        offsets[i] = out.size();
        out.writeBytes(ascii((i + 1) + " 0 obj\n"));
        out.writeBytes(bodies.get(i));
        out.writeBytes(ascii("\nendobj\n"));
      }
      int xref = out.size();
      StringBuilder table = new StringBuilder("xref\n0 ").append(bodies.size() + 1).append('\n');
      // Every entry is exactly 20 bytes, its end of line a space and a newline.
      table.append("0000000000 65535 f \n");
      for (int offset : offsets) {
        table.append(String.format("%010d 00000 n \n", offset));
      }
      table.append("trailer\n<< /Size ").append(bodies.size() + 1);
      table.append(" /Root ").append(root).append(" 0 R >>\nstartxref\n").append(xref);
      out.writeBytes(ascii(table.append("\n%%EOF\n").toString()));
      return out.toByteArray();
    }
  }

  /** A stream object: its dictionary entries besides the length, then the data. */
  private static byte[] stream(String entries, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("<< " + entries + (entries.isEmpty() ? "" : " ")));
    out.writeBytes(ascii("/Length " + data.length + " >>\nstream\n"));
    out.writeBytes(data);
    out.writeBytes(ascii("\nendstream"));
    return out.toByteArray();
  }

  static byte[] imageObject(int columns, int rows, byte[] grey) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(grey);
      deflater.finish();
      ByteArrayOutputStream packed = new ByteArrayOutputStream(grey.length / 4 + 64);
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        packed.write(buffer, 0, deflater.deflate(buffer));
      }
      return stream(
          "/Type /XObject /Subtype /Image /Width "
              + columns
              + " /Height "
              + rows
              + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
          packed.toByteArray());
    } finally {
      deflater.end();
    }
  }

  static void checkSamples(int columns, int rows, byte[] grey) {
    if (columns <= 0 || rows <= 0 || grey.length != (long) columns * rows) {
      throw new IllegalArgumentException(
          "a "
              + columns
              + " x "
              + rows
              + " grey image needs "
              + (long) columns * rows
              + " samples, not "
              + grey.length);
    }
  }

  /** A text's WinAnsiEncoding bytes. */
  static byte[] encode(String text) {
    byte[] codes = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int code = WinAnsi.code(c);
      if (code < 0) {
        throw new IllegalArgumentException(
            describe(c)
                + " is not in WinAnsiEncoding, the encoding of the standard 14 fonts: "
                + text);
      }
      codes[n++] = (byte) code;
      i += Character.charCount(c);
    }
    return n == codes.length ? codes : java.util.Arrays.copyOf(codes, n);
  }

  /** The bytes of a PDF literal string's inside: parentheses and backslashes escaped. */
  static byte[] escape(byte[] codes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(codes.length + 8);
    for (byte b : codes) {
      int c = b & 0xff;
      if (c == '(' || c == ')' || c == '\\') {
        out.write('\\');
        out.write(c);
      } else if (c >= 0x20 && c <= 0x7e) {
        out.write(c);
      } else {
        // Codes outside printable ASCII as octal escapes, so content streams stay ASCII.
        out.writeBytes(ascii(String.format("\\%03o", c)));
      }
    }
    return out.toByteArray();
  }

  static String describe(int c) {
    return String.format("'%s' (U+%04X)", new String(Character.toChars(c)), c);
  }

  /** A number as PDF writes it: at most five decimals, no exponent, no trailing zeros. */
  static String num(float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("a PDF number is finite: " + value);
    }
    BigDecimal d =
        new BigDecimal(Float.toString(value))
            .setScale(5, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package org.convertalot.backend.pdfbox.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes PDF objects by hand, with a correct cross-reference table: for hostile PDFs (loops,
 * nesting, bombs) that a well-behaved writer such as the kit's {@code TestPdf} cannot make.
 */
public final class RawPdf {
  private final List<byte[]> objects = new ArrayList<>();
  private int root = -1;
  private int font = -1;

  /** Reserves an object number, to be set later. */
  public int reserve() {
    objects.add(null);
    return objects.size();
  }

  /** Sets a reserved object's body. */
  public void set(int number, String body) {
    objects.set(number - 1, body.getBytes(StandardCharsets.US_ASCII));
  }

  /** Adds an object, returning its number. */
  public int object(String body) {
    int number = reserve();
    set(number, body);
    return number;
  }

  /**
   * Adds a stream with the given dictionary entries (its length is added), returning its number.
   */
  public int stream(String dictionaryEntries, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
    out.writeBytes(
        ("<< " + dictionaryEntries + " /Length " + data.length + " >>\nstream\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    out.writeBytes("\nendstream".getBytes(StandardCharsets.US_ASCII));
    int number = reserve();
    objects.set(number - 1, out.toByteArray());
    return number;
  }

  /** The Helvetica font object, added on first use. */
  public int font() {
    if (font < 0) {
      font = object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    }
    return font;
  }

  /** A one-page tree whose page has the given extra entries. */
  public void singlePage(String pageEntries) {
    int pages = reserve();
    int page =
        object(
            "<< /Type /Page /Parent "
                + pages
                + " 0 R /MediaBox [0 0 612 792] "
                + pageEntries
                + " >>");
    set(pages, "<< /Type /Pages /Kids [" + page + " 0 R] /Count 1 >>");
    root(pages);
  }

  /** Adds the catalog over the given page tree. */
  public void root(int pages) {
    root = object("<< /Type /Catalog /Pages " + pages + " 0 R >>");
  }

  /** Writes the file. */
  public Path save(Path file) throws IOException {
    if (root < 0) {
      fail("no catalog");
    }
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      long at = 0;
      byte[] header = "%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1);
      out.write(header);
      at += header.length;
      long[] offsets = new long[objects.size()];
      for (int i = 0; i < objects.size(); i++) {
        offsets[i] = at;
        byte[] head = ((i + 1) + " 0 obj\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\nendobj\n".getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        out.write(objects.get(i));
        out.write(tail);
        at += head.length + objects.get(i).length + tail.length;
      }
      StringBuilder xref = new StringBuilder();
      xref.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
      for (long offset : offsets) {
        xref.append(String.format("%010d 00000 n \n", offset));
      }
      xref.append("trailer\n<< /Size ")
          .append(objects.size() + 1)
          .append(" /Root ")
          .append(root)
          .append(" 0 R >>\nstartxref\n")
          .append(at)
          .append("\n%%EOF\n");
      out.write(xref.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }
}

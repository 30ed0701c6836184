package org.convertalot.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small valid PDF by hand (no PDF library needed): one page per line of text, each in
 * Helvetica near the top of a Letter page, with a correct cross-reference table.
 */
public final class MinimalPdf {
  private MinimalPdf() {}

  /**
   * The bytes of a PDF with one page per text.
   *
   * @param pageTexts the text of each page, in order
   * @return the PDF's bytes
   */
  public static byte[] of(String... pageTexts) {
    List<String> objects = new ArrayList<>();
    int pages = pageTexts.length;
    // 1: catalog, 2: pages, 3: font, then per page: page object and content stream.
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    StringBuilder kids = new StringBuilder();
    for (int i = 0; i < pages; i++) {
      kids.append(4 + 2 * i).append(" 0 R ");
    }
    objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages + " >>");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (int i = 0; i < pages; i++) {
      String text = pageTexts[i].replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
      String stream = "BT /F1 14 Tf 72 720 Td (" + text + ") Tj ET";
      objects.add(
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
              + " >> >> /Contents "
              + (5 + 2 * i)
              + " 0 R >>");
      objects.add(
          "<< /Length "
              + stream.getBytes(StandardCharsets.US_ASCII).length
              + " >>\nstream\n"
              + stream
              + "\nendstream");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    StringBuilder table =
        new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    write(out, table.toString());
    write(
        out,
        "trailer\n<< /Size "
            + (objects.size() + 1)
            + " /Root 1 0 R >>\nstartxref\n"
            + xref
            + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b, 0, b.length);
  }
}

package org.convertalot.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-page PDF written by hand whose second page has a garbled text layer: its font's ToUnicode
 * map sends every printable code to a private-use character, as broken fonts do. The first page is
 * ordinary Helvetica text. The kit's {@code TestPdf} writes only fonts that map to Unicode.
 */
final class GarbledPdf {
  static final String CLEAN_TEXT = "An ordinary first page that reads well.";

  private GarbledPdf() {}

  static Path write(Path file) throws IOException {
    String cmap =
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            + "/CMapName /Garbled def /CMapType 2 def\n"
            + "1 begincodespacerange <00> <FF> endcodespacerange\n"
            + "1 beginbfchar <20> <0020> endbfchar\n"
            + "1 beginbfrange <21> <7E> <E021> endbfrange\n"
            + "endcmap CMapName currentdict /CMap defineresource pop end end";
    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    objects.add("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>");
    objects.add(page(8));
    objects.add(page(9));
    objects.add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>");
    objects.add(stream(cmap));
    objects.add(stream(lines("/F1", CLEAN_TEXT)));
    objects.add(stream(lines("/F2", "This text cannot be read back by anyone at all.")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      out.writeBytes(
          ((i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    int xref = out.size();
    StringBuilder tail = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n");
    tail.append("0000000000 65535 f \n");
    for (int offset : offsets) {
      tail.append(String.format("%010d 00000 n \n", offset));
    }
    tail.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\n");
    tail.append("startxref\n").append(xref).append("\n%%EOF\n");
    out.writeBytes(tail.toString().getBytes(StandardCharsets.US_ASCII));
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, out.toByteArray());
  }

  private static String page(int content) {
    return "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        + " /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents "
        + content
        + " 0 R >>";
  }

  private static String lines(String font, String text) {
    StringBuilder s = new StringBuilder();
    for (int line = 0; line < 3; line++) {
      s.append("BT ").append(font).append(" 11 Tf 72 ").append(700 - 14 * line);
      s.append(" Td (").append(text).append(") Tj ET\n");
    }
    return s.toString();
  }

  private static String stream(String data) {
    return "<< /Length " + data.length() + " >>\nstream\n" + data + "\nendstream";
  }
}

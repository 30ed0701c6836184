package org.convertalot.backend.pdfbox.internal.layout;

import java.util.List;
import org.convertalot.backend.pdfbox.internal.tables.Table;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * A unit of a page in reading order: either a run of lines that reads as one paragraph, heading or
 * list item, or a table.
 *
 * @param lines the lines, top to bottom; empty for a table
 * @param table the table, or null for text
 * @param furniture whether the block is page furniture (a running head, a page number, a footer
 *     line in the margin), which is kept as text but is never a heading
 */
public record Block(List<TextLine> lines, Table table, boolean furniture) {

  static Block text(List<TextLine> lines) {
    return new Block(List.copyOf(lines), null, false);
  }

  static Block of(Table table) {
    return new Block(List.of(), table, false);
  }

  /** This block, marked as page furniture. */
  Block asFurniture() {
    return new Block(lines, table, true);
  }

  public boolean isTable() {
    return table != null;
  }

  public TextLine first() {
    return lines.get(0);
  }

  TextLine last() {
    return lines.get(lines.size() - 1);
  }

  public float top() {
    return isTable() ? table.top() : first().top();
  }

  public float bottom() {
    return isTable() ? table.bottom() : last().bottom();
  }

  /** The glyph-weighted dominant size of the lines; on a tie the larger. */
  public float size() {
    java.util.Map<Float, Integer> glyphsBySize = new java.util.HashMap<>();
    float best = 0;
    int bestGlyphs = -1;
    for (TextLine line : lines) {
      int glyphs = glyphsBySize.merge(line.fontSize(), line.glyphs().size(), Integer::sum);
      if (glyphs > bestGlyphs || (glyphs == bestGlyphs && line.fontSize() > best)) {
        best = line.fontSize();
        bestGlyphs = glyphs;
      }
    }
    return best;
  }

  public boolean bold() {
    for (TextLine line : lines) {
      if (!line.bold()) {
        return false;
      }
    }
    return !lines.isEmpty();
  }

  int glyphCount() {
    int count = 0;
    for (TextLine line : lines) {
      count += line.glyphs().size();
    }
    return count;
  }
}

package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.Ruling;

/**
 * How a page's tables are found, in two steps because the text flow changes in between: tables
 * drawn with lines first ({@link #drawn}), then, once their glyphs have left the text flow, tables
 * drawn without any lines ({@link #unruled}).
 */
public final class TableDetection {

  private TableDetection() {}

  /**
   * The tables drawn with lines: grids first, then stacks of horizontal rules among the lines no
   * grid took.
   *
   * @param rulings the page's drawn lines
   * @param glyphs the page's glyphs
   */
  public static List<DetectedTable> drawn(List<Ruling> rulings, List<Glyph> glyphs) {
    List<DetectedTable> tables = new ArrayList<>(RuledTableDetector.detect(rulings, glyphs));
    tables.addAll(RuleStackDetector.detect(outside(rulings, tables), glyphs));
    return withoutCharts(tables);
  }

  /**
   * The tables drawn without lines, aligned text only.
   *
   * @param glyphs the page's glyphs outside the tables drawn with lines
   */
  public static List<DetectedTable> unruled(List<Glyph> glyphs) {
    return withoutCharts(UnruledTableDetector.detect(glyphs));
  }

  /** A number, with signs, separators, a decimal part, a percent or a currency sign. */
  private static final Pattern NUMBER =
      Pattern.compile("[-+−–(]?[$€£¥]?[0-9][0-9.,]*%?\\)?(?: [-+−–(]?[$€£¥]?[0-9][0-9.,]*%?\\)?)*");

  /**
   * The tables that hold words: a grid or an alignment whose every cell is a number is the value
   * labels of a chart (bars, gridlines), since a table of numbers has a header or a label column.
   */
  private static List<DetectedTable> withoutCharts(List<DetectedTable> tables) {
    List<DetectedTable> kept = new ArrayList<>(tables.size());
    for (DetectedTable found : tables) {
      if (!numbersOnly(found.table())) {
        kept.add(found);
      }
    }
    return kept;
  }

  private static boolean numbersOnly(Table table) {
    for (List<Table.Cell> row : table.rows()) {
      for (Table.Cell cell : row) {
        if (!cell.text().isEmpty() && !NUMBER.matcher(cell.text()).matches()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The rulings that lie outside every table found so far. */
  private static List<Ruling> outside(List<Ruling> rulings, List<DetectedTable> tables) {
    if (tables.isEmpty()) {
      return rulings;
    }
    List<Ruling> out = new ArrayList<>();
    for (Ruling ruling : rulings) {
      boolean inside = false;
      for (DetectedTable found : tables) {
        Table t = found.table();
        float y = ruling.horizontal() ? ruling.position() : ruling.start();
        if (y >= t.top() - 2
            && y <= t.bottom() + 2
            && ruling.start() < t.x1()
            && ruling.end() > t.x0()) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        out.add(ruling);
      }
    }
    return out;
  }
}

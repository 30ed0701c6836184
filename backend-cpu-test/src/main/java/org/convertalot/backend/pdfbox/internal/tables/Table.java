package org.convertalot.backend.pdfbox.internal.tables;

import java.util.List;

/**
 * A table found on a page: its box and its rows of cells, HTML style (a cell spanning several
 * columns or rows appears once, in its top-left position).
 *
 * @param x0 the left edge
 * @param top the top edge
 * @param x1 the right edge
 * @param bottom the bottom edge
 * @param rows the rows, top to bottom, each with its cells left to right
 */
public record Table(float x0, float top, float x1, float bottom, List<List<Cell>> rows) {

  /**
   * One cell.
   *
   * @param text the cell's text, lines joined by spaces; empty for an empty cell
   * @param colspan the number of grid columns it covers, at least 1
   * @param rowspan the number of grid rows it covers, at least 1
   */
  public record Cell(String text, int colspan, int rowspan) {}

  /** Whether any cell spans more than one column or row. */
  public boolean hasSpans() {
    for (List<Cell> row : rows) {
      for (Cell cell : row) {
        if (cell.colspan() > 1 || cell.rowspan() > 1) {
          return true;
        }
      }
    }
    return false;
  }

  /** The number of cells with text. */
  int filledCells() {
    int filled = 0;
    for (List<Cell> row : rows) {
      for (Cell cell : row) {
        if (!cell.text().isEmpty()) {
          filled++;
        }
      }
    }
    return filled;
  }
}

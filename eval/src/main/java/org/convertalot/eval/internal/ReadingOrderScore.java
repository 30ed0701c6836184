package org.convertalot.eval.internal;

import java.util.regex.Pattern;

/**
 * NID, the reading-order and text score of every page: the normalized Indel similarity of the two
 * texts after pipe tables are turned into HTML and whitespace runs collapse to one space (table
 * markup stays in and counts). NID-S is the same with every {@code <table…>…</table>} replaced by a
 * space.
 */
final class ReadingOrderScore {
  private static final Pattern HTML_TABLE =
      Pattern.compile("<table[^>]*?>.*?</table>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The two scores of one page. */
  record Result(double nid, double nidS) {}

  private ReadingOrderScore() {}

  /** The scores, or null when the ground truth has no text (the page is not scored). */
  static Result score(String groundTruth, String prediction) {
    String gtHtml = MarkdownTables.toHtml(groundTruth);
    String gt = PyText.collapseWhitespace(gtHtml);
    if (gt.isEmpty()) {
      return null;
    }
    String predHtml = MarkdownTables.toHtml(prediction);
    String pred = PyText.collapseWhitespace(predHtml);
    double nid = TextDistance.indelRatio(gt, pred);
    double nidS =
        TextDistance.indelRatio(
            PyText.collapseWhitespace(stripTables(gtHtml)),
            PyText.collapseWhitespace(stripTables(predHtml)));
    return new Result(nid, nidS);
  }

  static String stripTables(String html) {
    return HTML_TABLE.matcher(html).replaceAll(" ");
  }
}

package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * TEDS, the table score of pages whose ground truth has a table: one minus the tree edit distance
 * between the two pages' tables (all of them under one root, {@code th} read as {@code td}) divided
 * by the larger tree's element count. A cell rename costs 1 when tag or spans differ and otherwise
 * the normalized Levenshtein distance of the cell texts; TEDS-S compares structure only.
 */
final class TableScore {
  private static final Pattern BR = Pattern.compile("<br[" + PyText.WS_CLASS + "]*/?>");

  /** The two scores of one page. */
  record Result(double teds, double tedsS) {}

  /** A node of the compared tree: its tag, and for cells the spans and the raw cell markup. */
  private record Label(String tag, Integer colspan, Integer rowspan, String content) {}

  private TableScore() {}

  /**
   * The scores, null when the ground truth has no table, zeros when the prediction has none.
   *
   * @throws IllegalArgumentException for a colspan or rowspan that is not an integer (the reference
   *     fails on such a page and leaves it out)
   */
  static Result score(String groundTruth, String prediction) {
    List<HtmlNode> gtTables = HtmlTables.find(MarkdownTables.toHtml(groundTruth));
    if (gtTables.isEmpty()) {
      return null;
    }
    List<HtmlNode> predTables = HtmlTables.find(MarkdownTables.toHtml(prediction));
    if (predTables.isEmpty()) {
      return new Result(0.0, 0.0);
    }
    HtmlNode gt = HtmlTables.wrap(gtTables);
    HtmlNode pred = HtmlTables.wrap(predTables);
    headersToCells(gt);
    headersToCells(pred);
    int nodes = Math.max(countElements(gt), countElements(pred));
    double tedsS = similarity(gt, pred, nodes, true);
    double teds = similarity(gt, pred, nodes, false);
    return new Result(teds, tedsS);
  }

  private static double similarity(HtmlNode gt, HtmlNode pred, int nodes, boolean structureOnly) {
    double distance =
        TreeEditDistance.distance(
            tree(pred, structureOnly), tree(gt, structureOnly), TableScore::renameCost);
    return 1.0 - distance / nodes;
  }

  private static double renameCost(Label a, Label b) {
    if (!a.tag().equals(b.tag())
        || !Objects.equals(a.colspan(), b.colspan())
        || !Objects.equals(a.rowspan(), b.rowspan())) {
      return 1.0;
    }
    if (a.tag().equals("td") && (!a.content().isEmpty() || !b.content().isEmpty())) {
      String x = normalizeCell(a.content());
      String y = normalizeCell(b.content());
      if (x.isEmpty() && y.isEmpty()) {
        return 0.0;
      }
      return TextDistance.levenshtein(x, y)
          / (double) Math.max(TextDistance.length(x), TextDistance.length(y));
    }
    return 0.0;
  }

  /** HTML-unescape, {@code <br>} to a line break, whitespace collapsed. */
  static String normalizeCell(String content) {
    String text = HtmlEntities.unescape(content);
    text = BR.matcher(text).replaceAll("\n");
    return PyText.collapseWhitespace(text);
  }

  private static void headersToCells(HtmlNode node) {
    for (HtmlNode child : node.children()) {
      if (!child.isText()) {
        if (child.tag().equals("th")) {
          child.rename("td");
        }
        headersToCells(child);
      }
    }
  }

  /** Elements below {@code node}, cell contents included (the reference counts them in N). */
  private static int countElements(HtmlNode node) {
    int count = 0;
    for (HtmlNode child : node.children()) {
      if (!child.isText()) {
        count += 1 + countElements(child);
      }
    }
    return count;
  }

  private static TreeEditDistance.Node<Label> tree(HtmlNode node, boolean structureOnly) {
    if (node.tag().equals("td")) {
      String content = structureOnly ? "" : cellMarkup(node);
      return new TreeEditDistance.Node<>(
          new Label("td", span(node, "colspan"), span(node, "rowspan"), content));
    }
    List<TreeEditDistance.Node<Label>> children = new ArrayList<>();
    for (HtmlNode child : node.children()) {
      if (!child.isText()) {
        children.add(tree(child, structureOnly));
      }
    }
    return new TreeEditDistance.Node<>(new Label(node.tag(), null, null, ""), children);
  }

  /**
   * A cell's content as the reference tokenizes it: its text, and each element inside as {@code
   * <tag>}…{@code </tag>} (so a line break reads {@code <br></br>}).
   */
  private static String cellMarkup(HtmlNode cell) {
    StringBuilder out = new StringBuilder();
    appendMarkup(cell, out);
    return out.toString();
  }

  private static void appendMarkup(HtmlNode node, StringBuilder out) {
    boolean afterCell = false;
    for (HtmlNode child : node.children()) {
      if (child.isText()) {
        // The tokenizer (PubTabNet's) keeps the text after every element but a cell.
        if (!afterCell) {
          out.append(child.text());
        }
      } else {
        out.append('<').append(child.tag()).append('>');
        appendMarkup(child, out);
        if (!child.tag().equals("unk")) {
          // ...and writes no end token for "unk".
          out.append("</").append(child.tag()).append('>');
        }
      }
      afterCell = !child.isText() && child.tag().equals("td");
    }
  }

  /** Python's {@code int(value)} of a span attribute, 1 when absent. */
  private static Integer span(HtmlNode cell, String name) {
    String value = cell.attributes().get(name);
    return value == null ? 1 : PyText.parseInt(value);
  }
}

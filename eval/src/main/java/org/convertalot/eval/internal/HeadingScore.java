package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MHS, the heading score of pages whose ground truth has a {@code #} heading. Each page becomes a
 * flat tree: under the root, at most one content node for the text before the first heading, then
 * every heading (all levels alike) in order, each with one content child holding the following
 * non-heading lines joined by spaces. MHS = clamp(1 − distance / larger node count, 0, 1), where
 * renaming costs 1 between a heading and content and otherwise the normalized Levenshtein distance
 * of the texts; MHS-S renames equal kinds for free.
 */
final class HeadingScore {
  private static final Pattern HEADING =
      Pattern.compile("^(#{1,6})[" + PyText.WS_CLASS + "]+(.*)$", Pattern.UNIX_LINES);

  private static final String ROOT = "document";
  private static final String HEADING_NODE = "heading";
  private static final String CONTENT_NODE = "content";

  /** The two scores of one page. */
  record Result(double mhs, double mhsS) {}

  private record Label(String kind, String text) {}

  private HeadingScore() {}

  /** The scores, null when the ground truth has no heading, zeros when the prediction has none. */
  static Result score(String groundTruth, String prediction) {
    List<TreeEditDistance.Node<Label>> gt = sections(MarkdownTables.toHtml(groundTruth));
    if (gt.stream().noneMatch(n -> n.label().kind().equals(HEADING_NODE))) {
      return null;
    }
    List<TreeEditDistance.Node<Label>> pred = sections(MarkdownTables.toHtml(prediction));
    if (pred.stream().noneMatch(n -> n.label().kind().equals(HEADING_NODE))) {
      return new Result(0.0, 0.0);
    }
    TreeEditDistance.Node<Label> gtTree = new TreeEditDistance.Node<>(new Label(ROOT, null), gt);
    TreeEditDistance.Node<Label> predTree =
        new TreeEditDistance.Node<>(new Label(ROOT, null), pred);
    int maxNodes = Math.max(Math.max(count(gtTree), count(predTree)), 1);
    double withText = TreeEditDistance.distance(gtTree, predTree, (a, b) -> rename(a, b, true));
    double structure = TreeEditDistance.distance(gtTree, predTree, (a, b) -> rename(a, b, false));
    return new Result(clamp(1.0 - withText / maxNodes), clamp(1.0 - structure / maxNodes));
  }

  private static double clamp(double value) {
    return Math.max(0.0, Math.min(1.0, value));
  }

  private static double rename(Label a, Label b, boolean includeText) {
    if (!a.kind().equals(b.kind())) {
      return 1.0;
    }
    if (!includeText) {
      return 0.0;
    }
    String x = a.text() == null ? "" : a.text();
    String y = b.text() == null ? "" : b.text();
    if (x.isEmpty() && y.isEmpty()) {
      return 0.0;
    }
    int length = Math.max(Math.max(TextDistance.length(x), TextDistance.length(y)), 1);
    return TextDistance.levenshtein(x, y) / (double) length;
  }

  private static int count(TreeEditDistance.Node<Label> node) {
    int total = 1;
    for (TreeEditDistance.Node<Label> child : node.children()) {
      total += count(child);
    }
    return total;
  }

  /** The root's children: an optional leading content node, then the headings with their text. */
  private static List<TreeEditDistance.Node<Label>> sections(String markdown) {
    List<TreeEditDistance.Node<Label>> rootChildren = new ArrayList<>();
    String heading = null;
    List<String> pending = new ArrayList<>();
    for (String line : PyText.splitLines(markdown, false)) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        flush(rootChildren, heading, pending);
        heading = PyText.collapseWhitespace(m.group(2));
        continue;
      }
      String normalized = PyText.collapseWhitespace(line);
      if (!normalized.isEmpty()) {
        pending.add(normalized);
      }
    }
    flush(rootChildren, heading, pending);
    return rootChildren;
  }

  /**
   * Closes the current section: a heading gets the pending lines as its one child; text before the
   * first heading becomes a content node of its own.
   */
  private static void flush(
      List<TreeEditDistance.Node<Label>> rootChildren, String heading, List<String> pending) {
    String content = PyText.collapseWhitespace(String.join(" ", pending));
    pending.clear();
    TreeEditDistance.Node<Label> contentNode =
        content.isEmpty() ? null : new TreeEditDistance.Node<>(new Label(CONTENT_NODE, content));
    if (heading == null) {
      if (contentNode != null) {
        rootChildren.add(contentNode);
      }
      return;
    }
    rootChildren.add(
        new TreeEditDistance.Node<>(
            new Label(HEADING_NODE, heading),
            contentNode == null ? List.of() : List.of(contentNode)));
  }
}

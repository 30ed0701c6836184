package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the HTML tables of a page and rebuilds them the way the reference reads them. The reference
 * collects every {@code <table>} with BeautifulSoup (nested ones again on their own), joins their
 * serializations under one extra {@code <table>}, drops bare {@code <thead>}/{@code <tbody>} tags
 * and re-parses the result with lxml. So the tables go through two tree builders: {@link
 * Bs4TreeBuilder}, then {@link LibxmlTreeBuilder}, fed with the first's tree; that stands in for
 * the serialize-and-parse round trip, whose text and attributes come back unchanged except inside
 * raw-text elements such as {@code <textarea>}, whose markup libxml2 reads as text.
 */
final class HtmlTables {
  /** Elements whose content libxml2 reads as raw text ({@code <b>} in them is not an element). */
  private static final Set<String> RAWTEXT =
      Set.of("script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext");

  /** Raw-text elements in which libxml2 still decodes character references. */
  private static final Set<String> RCDATA = Set.of("title", "textarea");

  private HtmlTables() {}

  /** Every table element of {@code html}, in document order, nested tables included. */
  static List<HtmlNode> find(String html) {
    List<HtmlNode> tables = new ArrayList<>();
    collectTables(Bs4TreeBuilder.parse(html), tables);
    return tables;
  }

  private static void collectTables(HtmlNode node, List<HtmlNode> out) {
    for (HtmlNode child : node.children()) {
      if (child.isText()) {
        continue;
      }
      if (child.tag().equals("table")) {
        out.add(child);
      }
      collectTables(child, out);
    }
  }

  /**
   * The synthetic root: a {@code table} element holding the given tables as libxml2 builds them
   * from their serialization, with attribute-less {@code thead}/{@code tbody} tags removed.
   */
  static HtmlNode wrap(List<HtmlNode> tables) {
    LibxmlTreeBuilder builder = new LibxmlTreeBuilder();
    for (HtmlNode table : tables) {
      replay(table, builder);
    }
    return builder.wrapper();
  }

  /** Sends a BeautifulSoup tree to libxml2's builder as its serialization would. */
  private static void replay(HtmlNode node, LibxmlTreeBuilder builder) {
    if (node.isText()) {
      builder.text(node.text());
      return;
    }
    String tag = node.tag();
    if (tag.equals("thead") || tag.equals("tbody")) {
      // The reference deletes the literal strings "<thead>", "</thead>", "<tbody>", "</tbody>".
      if (!node.attributes().isEmpty()) {
        builder.startTag(tag, node.attributes(), false);
      }
      node.children().forEach(child -> replay(child, builder));
      return;
    }
    if (Bs4TreeBuilder.isVoid(tag) && node.children().isEmpty()) {
      builder.startTag(tag, node.attributes(), true);
      return;
    }
    if (RAWTEXT.contains(tag) || RCDATA.contains(tag)) {
      // libxml2 reads the serialized children as text: decoded in RCDATA, literal in RAWTEXT.
      StringBuilder content = new StringBuilder();
      serialize(node, RAWTEXT.contains(tag), content);
      builder.startTag(tag, node.attributes(), false);
      builder.text(content.toString());
      builder.endTag(tag);
      return;
    }
    builder.startTag(tag, node.attributes(), false);
    node.children().forEach(child -> replay(child, builder));
    builder.endTag(tag);
  }

  /**
   * The children of {@code node} as BeautifulSoup writes them ({@code &}, {@code <}, {@code >}
   * escaped except under script and style), or with nothing escaped, which is what libxml2's
   * decoding of that markup gives back.
   */
  private static void serialize(HtmlNode node, boolean escape, StringBuilder out) {
    boolean rawParent = node.tag().equals("script") || node.tag().equals("style");
    for (HtmlNode child : node.children()) {
      if (child.isText()) {
        out.append(escape && !rawParent ? escapeMinimal(child.text()) : child.text());
        continue;
      }
      out.append('<').append(child.tag());
      for (Map.Entry<String, String> attribute : child.attributes().entrySet()) {
        String value = escape ? escapeMinimal(attribute.getValue()) : attribute.getValue();
        char quote = '"';
        if (value.indexOf('"') >= 0) {
          if (value.indexOf('\'') >= 0) {
            value = escape ? value.replace("\"", "&quot;") : value;
          } else {
            quote = '\'';
          }
        }
        out.append(' ').append(attribute.getKey()).append('=').append(quote).append(value);
        out.append(quote);
      }
      if (Bs4TreeBuilder.isVoid(child.tag()) && child.children().isEmpty()) {
        out.append("/>");
        continue;
      }
      out.append('>');
      serialize(child, escape, out);
      out.append("</").append(child.tag()).append('>');
    }
  }

  private static String escapeMinimal(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

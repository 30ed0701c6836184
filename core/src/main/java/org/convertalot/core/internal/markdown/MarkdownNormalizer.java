package org.convertalot.core.internal.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * Puts engine Markdown into one canonical form: parsed with commonmark-java (GFM tables) and
 * rendered back, so the output always parses, is deterministic, and does not depend on how an
 * engine spelled equivalent constructs. Thread-safe.
 */
public final class MarkdownNormalizer {
  private final Parser parser;
  private final MarkdownRenderer renderer;

  /** Creates a normalizer. */
  public MarkdownNormalizer() {
    List<Extension> extensions = List.of(TablesExtension.create());
    this.parser = Parser.builder().extensions(extensions).build();
    this.renderer = MarkdownRenderer.builder().extensions(extensions).build();
  }

  /** The canonical form of {@code markdown}: LF line ends, no trailing spaces, one final LF. */
  public String normalize(String markdown) {
    String text = markdown.replace("\r\n", "\n").replace('\r', '\n').replace('\u0000', '\uFFFD');
    Node document = parser.parse(text);
    String rendered = renderer.render(document);
    StringBuilder out = new StringBuilder(rendered.length() + 1);
    for (String line : rendered.split("\n", -1)) {
      out.append(stripTrailing(line)).append('\n');
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') {
      end--;
    }
    out.setLength(end);
    return end == 0 ? "" : out.append('\n').toString();
  }

  private static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    // Two trailing spaces are a hard line break in CommonMark; the renderer writes breaks as
    // backslashes, so trailing blanks never carry meaning here.
    return line.substring(0, end);
  }
}

package org.convertalot.core.internal.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * Puts engine Markdown into one canonical form: parsed with commonmark-java (GFM tables) and
 * rendered back, so the output always parses, is deterministic, and does not depend on how an
 * engine spelled equivalent constructs. Text is escaped only where CommonMark needs it ({@link
 * PlainTextRenderer}); when that rendering would not give the same HTML as the input, the input is
 * rendered with commonmark-java's own, more cautious escaping instead. Thread-safe.
 */
public final class MarkdownNormalizer {
  private final Parser parser;
  private final MarkdownRenderer renderer;
  private final MarkdownRenderer cautious;
  private final HtmlRenderer html;

  /** Creates a normalizer. */
  public MarkdownNormalizer() {
    List<Extension> extensions = List.of(TablesExtension.create());
    this.parser = Parser.builder().extensions(extensions).build();
    this.renderer =
        MarkdownRenderer.builder()
            .nodeRendererFactory(PlainTextRenderer.factory())
            .extensions(extensions)
            .build();
    this.cautious = MarkdownRenderer.builder().extensions(extensions).build();
    this.html = HtmlRenderer.builder().extensions(extensions).build();
  }

  /**
   * The canonical form of {@code markdown}: LF line ends and exactly one final LF. Trailing blanks
   * are left to the renderer, which writes a hard line break as two trailing spaces.
   */
  public String normalize(String markdown) {
    String text = markdown.replace("\r\n", "\n").replace('\r', '\n').replace('\u0000', '\uFFFD');
    Node document = parser.parse(text);
    String rendered = renderer.render(document);
    if (!html.render(parser.parse(rendered)).equals(html.render(document))) {
      rendered = cautious.render(document);
    }
    int end = rendered.length();
    while (end > 0 && Character.isWhitespace(rendered.charAt(end - 1))) {
      end--;
    }
    return end == 0 ? "" : rendered.substring(0, end) + "\n";
  }
}

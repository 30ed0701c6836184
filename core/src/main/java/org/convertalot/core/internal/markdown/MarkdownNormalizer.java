package org.convertalot.core.internal.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Visitor;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * Puts engine Markdown into one canonical form: parsed with commonmark-java (GFM tables) and
 * rendered back, so the output always parses, is deterministic, and does not depend on how an
 * engine spelled equivalent constructs. Text is escaped only where CommonMark needs it ({@link
 * PlainTextRenderer}); when that rendering would not give the same HTML as the input, the input is
 * rendered with commonmark-java's own, more cautious escaping instead, and when neither gives the
 * same HTML it is kept as written (line ends aside). Thread-safe.
 */
public final class MarkdownNormalizer {
  private final Parser parser;
  private final MarkdownRenderer renderer;
  private final MarkdownRenderer cautious;
  private final HtmlRenderer html;

  /**
   * Forgets how far the source indented list markers and item content, which the renderer would
   * otherwise copy: a list is written the same whatever its spelling.
   */
  private static final Visitor ONE_SPACE_AFTER_LIST_MARKERS =
      new AbstractVisitor() {
        @Override
        public void visit(ListItem listItem) {
          listItem.setMarkerIndent(null);
          listItem.setContentIndent(null);
          visitChildren(listItem);
        }
      };

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
   * The canonical form of {@code markdown}: LF line ends and exactly one final LF, no blanks at the
   * end unless they are the content of a last HTML or indented code block.
   */
  public String normalize(String markdown) {
    String text = markdown.replace("\r\n", "\n").replace('\r', '\n').replace('\u0000', '\uFFFD');
    Node document = parser.parse(text);
    document.accept(ONE_SPACE_AFTER_LIST_MARKERS);
    String expected = html.render(document);
    boolean blanksAreContent = endsInLiteralBlock(document);
    String result = withOneFinalNewline(renderer.render(document), blanksAreContent);
    if (!rendersTo(result, expected)) {
      result = withOneFinalNewline(cautious.render(document), blanksAreContent);
      if (!rendersTo(result, expected)) {
        // commonmark-java's renderer cannot write this document back (a list item's HTML block
        // followed by a paragraph, for one): keep it as written rather than change what it says.
        result = withOneFinalNewline(text, blanksAreContent);
      }
    }
    return result;
  }

  private boolean rendersTo(String markdown, String expectedHtml) {
    return html.render(parser.parse(markdown)).equals(expectedHtml);
  }

  private static String withOneFinalNewline(String markdown, boolean blanksAreContent) {
    int end = markdown.length();
    while (end > 0
        && (markdown.charAt(end - 1) == '\n'
            || (!blanksAreContent && Character.isWhitespace(markdown.charAt(end - 1))))) {
      end--;
    }
    return end == 0 ? "" : markdown.substring(0, end) + "\n";
  }

  /** Whether the document's last line is in an HTML or indented code block, where blanks show. */
  private static boolean endsInLiteralBlock(Node document) {
    Node last = document;
    while (last.getLastChild() != null) {
      last = last.getLastChild();
    }
    return last instanceof HtmlBlock || last instanceof IndentedCodeBlock;
  }
}

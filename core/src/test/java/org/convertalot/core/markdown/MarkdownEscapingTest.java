package org.convertalot.core.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.convertalot.core.internal.markdown.MarkdownNormalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The normalizer escapes only what would otherwise render differently: each case is the engine's
 * Markdown, the normalized form, and (checked for every case) the same HTML before and after.
 */
class MarkdownEscapingTest {
  private final MarkdownNormalizer normalizer = new MarkdownNormalizer();
  private final Parser parser =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private final HtmlRenderer html =
      HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // An ampersand is text unless it reads as a reference.
        "Wikipedia & Wikibooks|Wikipedia & Wikibooks",
        "AT\\&amp;T and \\&#35;1|AT\\&amp;T and \\&#35;1",
        // A bracket is text unless a closing one could make a link.
        "\\[Ch. XIX. The end|[Ch. XIX. The end",
        "see \\[a\\](b) here|see \\[a\\](b) here",
        // A number at a paragraph's start would start a list; after a soft break only 1 can.
        "150\\. s(t) = x|150\\. s(t) = x",
        "\"the law\n150. s(t) = x\"|\"the law\n150. s(t) = x\"",
        "\"the law\n1\\. s(t) = x\"|\"the law\n1\\. s(t) = x\"",
        // A less-than sign is text unless a tag or an autolink could start.
        "a < b and c <= d|a < b and c <= d",
        "\\<div> is a tag|\\<div> is a tag",
        // Emphasis and code characters stay escaped.
        "2 \\* 3 \\_x\\_ \\`y\\`|2 \\* 3 \\_x\\_ \\`y\\`",
        // Line-start markers of blocks stay escaped.
        "\\- not a list|\\- not a list",
        "\\> not a quote|\\> not a quote",
        "\\# not a heading|\\# not a heading",
      })
  void escapesOnlyWhatWouldChangeTheRenderedHtml(String engine, String expected) {
    String normalized = normalizer.normalize(engine);
    assertEquals(expected + "\n", normalized);
    assertEquals(html.render(parser.parse(engine)), html.render(parser.parse(normalized)));
    assertEquals(normalized, normalizer.normalize(normalized), "normalizing twice changes nothing");
  }
}

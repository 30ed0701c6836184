package org.convertalot.core.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.convertalot.core.internal.markdown.MarkdownNormalizer;

/** The normalizer is idempotent and never changes what a document renders to. */
class MarkdownNormalizerPropertyTest {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private final MarkdownNormalizer normalizer = new MarkdownNormalizer();
  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer html = HtmlRenderer.builder().extensions(EXTENSIONS).build();

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> word =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
            Arbitraries.of(
                "*",
                "_",
                "#",
                "-",
                "+",
                "1.",
                "`",
                "|",
                "\\",
                "<",
                ">",
                "&",
                "[",
                "]",
                "!",
                "~",
                "é",
                "→",
                "&amp;",
                "&#35;",
                "[x](y)",
                "[x]",
                "<a>",
                "</b>",
                "<http://x.y>",
                "150.",
                "2)",
                "=",
                "---",
                "\n",
                "\n1.",
                "\n7.",
                "\n-",
                "\n>",
                "\n=",
                "x]",
                "[y"));
    Arbitrary<String> inline =
        word.list().ofMinSize(1).ofMaxSize(8).map(ws -> String.join(" ", ws));
    Arbitrary<String> block =
        Arbitraries.oneOf(
            inline,
            inline.map(t -> "# " + t),
            inline.map(t -> "### " + t),
            inline.map(t -> "*" + t.replace("*", "") + "*"),
            inline.map(t -> "**" + t.replace("*", "") + "**"),
            inline.list().ofMinSize(1).ofMaxSize(4).map(items -> "- " + String.join("\n- ", items)),
            inline
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(items -> "1. " + String.join("\n2. ", items)),
            inline.map(t -> "`" + t.replace("`", "") + "`"),
            inline.map(t -> "```\n" + t + "\n```"),
            inline.map(t -> "> " + t),
            inline.map(t -> "    " + t.replace("\n", "") + "  "),
            inline.map(t -> "<div>" + t.replace("\n", "") + "  "),
            inline.map(t -> t + "  \nafter a hard break"),
            inline.map(t -> t + " \\\n2. after a backslash break"),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(5)
                .map(c -> "| h1 | h2 |\n|---|---|\n| " + c + " | x |"));
    return block.list().ofMinSize(1).ofMaxSize(8).map(blocks -> String.join("\n\n", blocks));
  }

  @Property(tries = 2000)
  void normalizingTwiceChangesNothing(@ForAll("documents") String markdown) {
    String once = normalizer.normalize(markdown);
    assertEquals(once, normalizer.normalize(once));
  }

  @Property(tries = 2000)
  void theRenderedHtmlIsUnchanged(@ForAll("documents") String markdown) {
    assertEquals(render(markdown), render(normalizer.normalize(markdown)));
  }

  @Example
  void aHardBreakIsABackslashThatKeepsTheBlanksBeforeIt() {
    assertEquals("a \\\n2. b\n", normalizer.normalize("a \\\n2. b"));
    assertEquals("a\\\nc\n", normalizer.normalize("a   \nc"));
    // Two trailing spaces after a tag alone on a line would start an HTML block.
    assertEquals("<a> \\\nb\n", normalizer.normalize("<a> \\\nb"));
  }

  @Example
  void aDocumentNeitherRendererCanWriteBackIsKeptAsWritten() {
    // Rendered back, the list would turn tight and the "a" would join the HTML block.
    assertEquals("- <a>\n\n  a\n", normalizer.normalize("- <a>\r\n\r\n  a\n\n"));
  }

  @Example
  void listMarkersAreFollowedByOneSpaceWhateverTheSource() {
    assertEquals("1. a\n2. b\n", normalizer.normalize(" 1.    a\n 2.  b"));
    assertEquals("- a\n  - b\n", normalizer.normalize("-   a\n    - b"));
  }

  @Example
  void outputEndsWithOneNewline() {
    String out = normalizer.normalize("# T\r\n\r\n\r\ntext   \r\n\n\n");
    assertEquals("# T\n\ntext\n", out);
    assertTrue(normalizer.normalize("   \n\n").isEmpty());
  }

  private String render(String markdown) {
    return html.render(parser.parse(markdown));
  }
}

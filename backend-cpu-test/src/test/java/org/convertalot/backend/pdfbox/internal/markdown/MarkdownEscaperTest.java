package org.convertalot.backend.pdfbox.internal.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.convertalot.backend.pdfbox.internal.text.TextCleanup;
import org.junit.jupiter.api.Test;

/** The escaped text renders as exactly the extracted text, checked with a CommonMark parser. */
class MarkdownEscaperTest {

  private static final Parser PARSER = Parser.builder().build();

  @Test
  void ordinaryProseIsLeftAlone() {
    String prose = "See [1] and AT&T, snake_case (x < y) or 3.5 - 2 = 1.5!";
    assertEquals(
        "See [1] and AT&T, snake_case (x \\< y) or 3.5 - 2 = 1.5!",
        MarkdownEscaper.paragraph(prose));
    assertEquals(prose, renderedParagraph(MarkdownEscaper.paragraph(prose)));
  }

  @Test
  void blockMarkersAtTheStartAreEscaped() {
    assertEquals("\\# x", MarkdownEscaper.paragraph("# x"));
    assertEquals("\\- x", MarkdownEscaper.paragraph("- x"));
    assertEquals("\\> x", MarkdownEscaper.paragraph("> x"));
    assertEquals("12\\) x", MarkdownEscaper.paragraph("12) x"));
    assertEquals("\\[a]: b", MarkdownEscaper.paragraph("[a]: b"));
  }

  @Test
  void headingTextKeepsItsHashes() {
    assertEquals("C\\# in depth \\#", MarkdownEscaper.heading("C# in depth #"));
  }

  @Property(tries = 2000)
  void anyParagraphRendersAsItsOwnText(@ForAll("lines") String line) {
    String text = TextCleanup.clean(line);
    if (text.isEmpty()) {
      return;
    }
    assertEquals(text, renderedParagraph(MarkdownEscaper.paragraph(text)), "input: " + text);
  }

  @Property(tries = 1000)
  void anyHeadingRendersAsItsOwnText(@ForAll("lines") String line) {
    String text = TextCleanup.clean(line);
    if (text.isEmpty()) {
      return;
    }
    Node document = PARSER.parse("## " + MarkdownEscaper.heading(text));
    Node heading = document.getFirstChild();
    assertEquals(Heading.class, heading.getClass(), "input: " + text);
    assertEquals(text, textOf(heading), "input: " + text);
  }

  /** Text built mostly from the characters that mean something in Markdown. */
  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.strings()
        .withChars("#>-+*_=~`[]()!<>&;\\|.:)0123456789 abcXYZé")
        .withChars("\u00A0\t")
        .ofMinLength(1)
        .ofMaxLength(24);
  }

  private static String renderedParagraph(String markdown) {
    Node document = PARSER.parse(markdown);
    Node first = document.getFirstChild();
    assertEquals(Paragraph.class, first == null ? null : first.getClass(), markdown);
    assertEquals(null, first.getNext(), markdown);
    return textOf(first);
  }

  /** The literal text of a node: its Text descendants joined, as a renderer would show them. */
  private static String textOf(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }
        });
    return text.toString();
  }
}

package org.convertalot.core.internal.markdown;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.markdown.MarkdownNodeRendererContext;
import org.commonmark.renderer.markdown.MarkdownNodeRendererFactory;
import org.commonmark.renderer.markdown.MarkdownWriter;
import org.commonmark.text.AsciiMatcher;

/**
 * Writes text with the escapes CommonMark needs and no others: commonmark-java's renderer escapes
 * every {@code & [ ] < >} and every list-like number at a line start, so {@code Wikipedia \&
 * Wikibooks}, {@code \[Ch. XIX.} and {@code 150\. s(t)} reach the user, although none of them would
 * render differently unescaped.
 *
 * <p>Escaped here: {@code ` * _ \} and the extensions' characters (a table's {@code |}) always;
 * {@code &} only before what reads as an entity or character reference; {@code [} only when a
 * {@code ]} follows it in the same text, {@code ]} only after a {@code [}; {@code <} only before a
 * letter, {@code /}, {@code ?} or {@code !} (a tag or an autolink); {@code >}, {@code -}, {@code
 * +}, {@code #}, {@code =} only where they start a line; an ordered-list number at a line start
 * only on a block's first line, or when it is 1 (only a list that starts at 1 interrupts a
 * paragraph); {@code #} anywhere in a heading. A hard line break is written as a backslash at the
 * line end. The normalizer checks the result renders to the same HTML as its input and falls back
 * to commonmark-java's own escaping when it does not.
 */
final class PlainTextRenderer implements NodeRenderer {
  private static final Pattern ORDERED_MARKER = Pattern.compile("^([0-9]{1,9})([.)])(?=[ \t]|$)");
  private static final Pattern REFERENCE =
      Pattern.compile("&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});");

  private final MarkdownWriter writer;
  private final AsciiMatcher always;
  private final AsciiMatcher alwaysInHeading;

  private PlainTextRenderer(MarkdownNodeRendererContext context) {
    this.writer = context.getWriter();
    this.always =
        AsciiMatcher.builder().anyOf("`*_\\").anyOf(context.getSpecialCharacters()).build();
    this.alwaysInHeading = AsciiMatcher.builder(always).c('#').build();
  }

  /** The factory to give {@code MarkdownRenderer.builder().nodeRendererFactory}. */
  static MarkdownNodeRendererFactory factory() {
    return new MarkdownNodeRendererFactory() {
      @Override
      public NodeRenderer create(MarkdownNodeRendererContext context) {
        return new PlainTextRenderer(context);
      }

      @Override
      public Set<Character> getSpecialCharacters() {
        return Set.of();
      }
    };
  }

  @Override
  public Set<Class<? extends Node>> getNodeTypes() {
    return Set.of(Text.class, HardLineBreak.class);
  }

  @Override
  public void render(Node node) {
    if (node instanceof HardLineBreak) {
      // A backslash, not two trailing spaces: it keeps the blanks before it, does not turn a line
      // holding only a tag into an HTML block, and survives editors that trim line ends.
      writer.raw("\\");
      writer.line();
      return;
    }
    Text text = (Text) node;
    String literal = text.getLiteral();
    if (writer.isAtLineStart() && !literal.isEmpty()) {
      literal = lineStart(text, literal);
    }
    AsciiMatcher escape = text.getParent() instanceof Heading ? alwaysInHeading : always;
    boolean bangBeforeLink = literal.endsWith("!") && text.getNext() instanceof Link;
    if (bangBeforeLink) {
      literal = literal.substring(0, literal.length() - 1);
    }
    int written = 0;
    for (int i = 0; i < literal.length(); i++) {
      if (needsEscape(literal, i)) {
        writer.text(literal.substring(written, i), escape);
        writer.raw("\\" + literal.charAt(i));
        written = i + 1;
      }
    }
    writer.text(literal.substring(written), escape);
    if (bangBeforeLink) {
      // Unescaped, the "!" would turn the link into an image.
      writer.raw("\\!");
    }
  }

  /** Writes what a line start needs escaped and returns the rest of the literal. */
  private String lineStart(Text text, String literal) {
    char c = literal.charAt(0);
    boolean firstLine = text.getPrevious() == null;
    switch (c) {
      case '-':
      case '+':
      case '>':
      case '#':
        writer.raw("\\" + c);
        return literal.substring(1);
      case '=':
        if (firstLine && text.getParent() instanceof Paragraph) {
          return literal;
        }
        writer.raw("\\=");
        return literal.substring(1);
      case '\t':
        writer.raw("&#9;");
        return literal.substring(1);
      case ' ':
        writer.raw("&#32;");
        return literal.substring(1);
      default:
        if (c >= '0' && c <= '9') {
          Matcher m = ORDERED_MARKER.matcher(literal);
          if (m.find() && (firstLine || Long.parseLong(m.group(1)) == 1)) {
            writer.raw(m.group(1) + "\\" + m.group(2));
            return literal.substring(m.end());
          }
        }
        return literal;
    }
  }

  private static boolean needsEscape(String literal, int i) {
    char c = literal.charAt(i);
    switch (c) {
      case '&':
        return REFERENCE.matcher(literal).region(i, literal.length()).lookingAt();
      case '[':
        return literal.indexOf(']', i + 1) >= 0;
      case ']':
        return literal.lastIndexOf('[', i - 1) >= 0;
      case '<':
        if (i + 1 >= literal.length()) {
          return false;
        }
        char next = literal.charAt(i + 1);
        return Character.isLetter(next) || next == '/' || next == '?' || next == '!';
      default:
        return false;
    }
  }
}

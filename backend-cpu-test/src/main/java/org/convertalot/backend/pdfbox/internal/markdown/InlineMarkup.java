package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.ArrayList;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextCleanup;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Adds inline markup to an already escaped paragraph: words covered by a web link become {@code
 * [text](uri)}, and runs of whole words set in bold or italic inside otherwise plain text become
 * {@code **text**} or {@code *text*}. A run is only marked where its text is certain: its words are
 * found once, at word boundaries, in the rest of the paragraph; otherwise it stays plain text.
 */
public final class InlineMarkup {

  private final boolean links;
  private final boolean emphasis;

  /** A word of a line: its glyph texts, and where the glyphs that carry its link start and end. */
  private record Word(List<Glyph> glyphs, String link) {

    String text(boolean trimStart, boolean trimEnd) {
      int from = 0;
      int to = glyphs.size();
      if (link != null) {
        while (trimStart && from < to && !link.equals(glyphs.get(from).link())) {
          from++;
        }
        while (trimEnd && to > from && !link.equals(glyphs.get(to - 1).link())) {
          to--;
        }
      }
      StringBuilder text = new StringBuilder();
      for (int i = from; i < to; i++) {
        text.append(glyphs.get(i).text());
      }
      return text.toString();
    }

    boolean all(boolean bold) {
      for (Glyph glyph : glyphs) {
        if (bold ? !glyph.bold() : !glyph.italic()) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Markup with links, emphasis, both or neither.
   *
   * @param links whether words under a web link become Markdown links
   * @param emphasis whether runs of bold or italic words become emphasis
   */
  public InlineMarkup(boolean links, boolean emphasis) {
    this.links = links;
    this.emphasis = emphasis;
  }

  /**
   * Marks up a paragraph or list item.
   *
   * @param rendered the escaped Markdown of the block's text
   * @param lines the block's lines, whose glyphs tell links and styles
   * @return the Markdown with links and emphasis where certain
   */
  String apply(String rendered, List<TextLine> lines) {
    if (!links && !emphasis) {
      return rendered;
    }
    List<Word> words = words(lines);
    String out = links ? linked(rendered, words) : rendered;
    if (emphasis) {
      out = emphasized(out, words, true);
      out = emphasized(out, words, false);
    }
    return out;
  }

  private static String linked(String rendered, List<Word> words) {
    StringBuilder out = new StringBuilder();
    int cursor = 0;
    int i = 0;
    while (i < words.size()) {
      String link = words.get(i).link();
      if (link == null) {
        i++;
        continue;
      }
      int end = i;
      while (end + 1 < words.size() && link.equals(words.get(end + 1).link())) {
        end++;
      }
      String text = runText(words, i, end);
      cursor = wrap(rendered, out, cursor, text, "[", "](" + destination(link) + ")", true);
      i = end + 1;
    }
    out.append(rendered, cursor, rendered.length());
    return out.toString();
  }

  /** Bold (or italic) runs of whole words, unless every word of the block has that style. */
  private static String emphasized(String rendered, List<Word> words, boolean bold) {
    int styled = 0;
    for (Word word : words) {
      styled += word.all(bold) ? 1 : 0;
    }
    if (styled == 0 || styled == words.size()) {
      return rendered;
    }
    String mark = bold ? "**" : "*";
    StringBuilder out = new StringBuilder();
    int cursor = 0;
    int i = 0;
    while (i < words.size()) {
      // Linked words keep their link markup alone; nesting would need the link's own text.
      if (!words.get(i).all(bold) || words.get(i).link() != null) {
        i++;
        continue;
      }
      int end = i;
      while (end + 1 < words.size()
          && words.get(end + 1).all(bold)
          && words.get(end + 1).link() == null) {
        end++;
      }
      cursor = wrap(rendered, out, cursor, runText(words, i, end), mark, mark, false);
      i = end + 1;
    }
    out.append(rendered, cursor, rendered.length());
    return out.toString();
  }

  /**
   * Finds the escaped run text once in {@code rendered} after {@code cursor}, at word boundaries,
   * and copies the text up to it and the wrapped run to {@code out}; returns the new cursor.
   */
  private static int wrap(
      String rendered,
      StringBuilder out,
      int cursor,
      String text,
      String open,
      String close,
      boolean link) {
    String escaped = MarkdownEscaper.inlineText(text);
    if (escaped.isBlank()) {
      return cursor;
    }
    int at = rendered.indexOf(escaped, cursor);
    if (at < 0 || rendered.indexOf(escaped, at + 1) >= 0) {
      return cursor;
    }
    int after = at + escaped.length();
    char before = at > 0 ? rendered.charAt(at - 1) : ' ';
    char next = after < rendered.length() ? rendered.charAt(after) : ' ';
    // Whole words only: the run starts after a space or an opening mark and ends before a space
    // or a closing mark.
    if (" (\"'\u201C\u2018".indexOf(before) < 0 || " .,;:!?)\"'\u201D\u2019".indexOf(next) < 0) {
      return cursor;
    }
    if (!link && (Character.isWhitespace(escaped.charAt(0)) || escaped.endsWith(" "))) {
      return cursor;
    }
    out.append(rendered, cursor, at).append(open);
    out.append(link ? escaped.replace("[", "\\[").replace("]", "\\]") : escaped);
    out.append(close);
    return after;
  }

  /** The words {@code from..to} joined by spaces; the link's ends trim the outer words. */
  private static String runText(List<Word> words, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i <= to; i++) {
      if (i > from) {
        text.append(' ');
      }
      text.append(words.get(i).text(i == from, i == to));
    }
    return TextCleanup.clean(text);
  }

  /** A link destination that CommonMark keeps whole: no spaces, brackets or parentheses. */
  static String destination(String uri) {
    StringBuilder out = new StringBuilder(uri.length());
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      switch (c) {
        case ' ' -> out.append("%20");
        case '(' -> out.append("%28");
        case ')' -> out.append("%29");
        case '<' -> out.append("%3C");
        case '>' -> out.append("%3E");
        default -> {
          if (!Character.isISOControl(c) && !Character.isWhitespace(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Splits lines into words as {@link LineBuilder#line} spaces them: at space glyphs and at gaps
   * wider than {@link LineBuilder#SPACE_GAP}. A word's link is the one all its letters and digits
   * lie in; punctuation next to a link may fall outside its rectangle.
   */
  private static List<Word> words(List<TextLine> lines) {
    List<Word> words = new ArrayList<>();
    for (TextLine line : lines) {
      List<Glyph> current = new ArrayList<>();
      float right = -Float.MAX_VALUE;
      Glyph previous = null;
      for (Glyph glyph : line.glyphs()) {
        boolean drawnSpace =
            previous != null && glyph.spaceBefore() && glyph.sequence() - previous.sequence() == 2;
        boolean gap = glyph.x() - right > LineBuilder.SPACE_GAP * glyph.size();
        if (glyph.isSpace() || ((drawnSpace || gap) && !current.isEmpty())) {
          addWord(words, current);
          current = new ArrayList<>();
        }
        if (!glyph.isSpace()) {
          current.add(glyph);
        }
        previous = glyph;
        right = Math.max(right, glyph.right());
      }
      addWord(words, current);
    }
    return words;
  }

  private static void addWord(List<Word> words, List<Glyph> glyphs) {
    if (glyphs.isEmpty()) {
      return;
    }
    String link = null;
    boolean mixed = false;
    for (Glyph glyph : glyphs) {
      boolean core = glyph.text().codePoints().anyMatch(Character::isLetterOrDigit);
      if (!core) {
        continue;
      }
      if (glyph.link() == null || (link != null && !link.equals(glyph.link()))) {
        mixed = true;
        break;
      }
      link = glyph.link();
    }
    words.add(new Word(List.copyOf(glyphs), mixed ? null : link));
  }
}

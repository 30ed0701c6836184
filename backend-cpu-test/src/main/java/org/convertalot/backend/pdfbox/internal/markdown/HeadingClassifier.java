package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.regex.Pattern;
import org.convertalot.backend.pdfbox.internal.layout.Block;
import org.convertalot.backend.pdfbox.internal.text.FontStatistics;
import org.convertalot.backend.pdfbox.internal.text.ListMarkers;

/**
 * Decides which text blocks are headings, from the document's font statistics: a short block set
 * clearly larger than the body text, or a short standalone bold block at body size when the body
 * itself is not bold. Text that reads like a caption, a date, a sentence fragment or a number, a
 * list item, and page furniture are never headings.
 */
final class HeadingClassifier {

  /** A block at least this much larger than the body text may be a heading. */
  static final float HEADING_SIZE_RATIO = 1.15f;

  static final int MAX_HEADING_LINES = 3;
  static final int MAX_BOLD_HEADING_LINES = 2;
  static final int MAX_HEADING_CHARS = 150;
  static final int MAX_BOLD_HEADING_CHARS = 100;
  static final int MAX_TITLE_CHARS = 60;

  /** Space (times the font size) above and below a title set in the body font. */
  static final float TITLE_GAP = 1.5f;

  /** Captions and notes start like this; they are set apart like headings but are not. */
  private static final Pattern CAPTION =
      Pattern.compile(
          "^(?i:figure|fig\\.|table|tab\\.|chart|graph|source|sources|note|notes|photo|exhibit)"
              + "(?:\\s*[0-9]|\\s*:|\\s+[A-Z]{1,4}[.:])");

  /** A date line ("June 2023", "12 March 2021"). */
  private static final Pattern DATE =
      Pattern.compile(
          "^(?:[0-9]{1,2}\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
              + "(?:\\s+[0-9]{1,2},?)?\\s+[0-9]{4}$",
          Pattern.CASE_INSENSITIVE);

  private final float bodySize;
  private final boolean boldMarksHeadings;

  HeadingClassifier(FontStatistics fonts) {
    this.bodySize = fonts.bodySize();
    // When the body text itself is bold, bold says nothing about headings.
    this.boldMarksHeadings = fonts.boldShare(bodySize) < 0.5;
  }

  /** Whether the block is set clearly larger than the body text. */
  boolean isLarger(Block block) {
    return bodySize > 0 && block.size() >= bodySize * HEADING_SIZE_RATIO;
  }

  /** Whether {@code block}, whose joined text is {@code text}, is a heading. */
  boolean isHeading(Block block, String text, Block previous, Block next) {
    if (block.furniture()
        || text.isEmpty()
        || letters(text) < 2
        || bodySize <= 0
        || !readsLikeHeading(text)) {
      return false;
    }
    float size = block.size();
    if (size >= bodySize * HEADING_SIZE_RATIO) {
      return block.lines().size() <= MAX_HEADING_LINES && text.length() <= MAX_HEADING_CHARS;
    }
    if (isIsolatedTitle(block, text, previous, next)) {
      return true;
    }
    if (!boldMarksHeadings
        || !block.bold()
        || block.lines().size() > MAX_BOLD_HEADING_LINES
        || size < bodySize * 0.95f
        || text.length() > MAX_BOLD_HEADING_CHARS) {
      return false;
    }
    char last = text.charAt(text.length() - 1);
    return ".,;".indexOf(last) < 0 || ListMarkers.isSectionNumber(text.split(" ", 2)[0]);
  }

  /**
   * A title set in the body font: one short title-case line with a blank line's worth of space
   * above and below, followed by text.
   */
  boolean isIsolatedTitle(Block block, String text, Block previous, Block next) {
    if (block.lines().size() != 1
        || text.length() > MAX_TITLE_CHARS
        || next == null
        || next.isTable()
        || !isTitleCase(text)) {
      return false;
    }
    float size = block.size();
    boolean spaceBelow = next.top() - block.bottom() >= TITLE_GAP * size;
    boolean spaceAbove = previous == null || block.top() - previous.bottom() >= TITLE_GAP * size;
    return size >= bodySize * 0.95f && spaceBelow && spaceAbove;
  }

  /** Two to eight words, no digits or closing punctuation, every long word capitalised. */
  static boolean isTitleCase(String text) {
    String[] words = text.split(" ");
    if (words.length < 2 || words.length > 8) {
      return false;
    }
    char last = text.charAt(text.length() - 1);
    if (".:,;!|".indexOf(last) >= 0) {
      return false;
    }
    for (String word : words) {
      for (int i = 0; i < word.length(); i++) {
        if (Character.isDigit(word.charAt(i))) {
          return false;
        }
      }
      if (word.length() >= 4 && !Character.isUpperCase(word.charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /** Text filters every heading passes, whatever its font. */
  static boolean readsLikeHeading(String text) {
    char first = text.charAt(0);
    char last = text.charAt(text.length() - 1);
    if (Character.isLowerCase(first) || last == ',' || last == ';' || last == '-') {
      return false;
    }
    // A bulleted line is a list item, however it is set; numbers may still start a heading.
    String marker = ListMarkers.marker(text);
    if (marker != null && ListMarkers.isBullet(marker)) {
      return false;
    }
    return !CAPTION.matcher(text).find() && !DATE.matcher(text).matches();
  }

  private static int letters(String text) {
    int letters = 0;
    for (int i = 0; i < text.length() && letters < 2; i++) {
      if (Character.isLetter(text.charAt(i))) {
        letters++;
      }
    }
    return letters;
  }
}

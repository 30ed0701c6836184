package org.convertalot.backend.pdfbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a document's lines into Markdown: lines become paragraphs, short lines in a clearly larger
 * size (or bold at body size) become headings, wrapped lines are joined (mending hyphenation), and
 * the text is escaped. Deterministic, and linear in the number of lines apart from sorting each
 * page's line spacings.
 */
final class MarkdownAssembler {

  /** A line spaced more than this times the page's usual leading starts a new paragraph. */
  static final float PARAGRAPH_GAP_FACTOR = 1.3f;

  /** Consecutive lines whose sizes differ by more than this ratio belong to different blocks. */
  static final float SIZE_CHANGE_RATIO = 1.1f;

  /** A block at least this much larger than the body text may be a heading. */
  static final float HEADING_SIZE_RATIO = 1.15f;

  /** Heading sizes within this ratio of each other share a level. */
  static final float SAME_LEVEL_RATIO = 1.05f;

  /** Leading, as a multiple of the font size, assumed when a page has too few lines to measure. */
  static final float DEFAULT_LEADING = 1.2f;

  static final int MAX_HEADING_LINES = 3;
  static final int MAX_HEADING_CHARS = 150;
  static final int MAX_BOLD_HEADING_CHARS = 80;
  static final int DEEPEST_LEVEL = 3;

  /** A run of consecutive lines that renders as one paragraph or heading. */
  private static final class Block {
    final List<TextLine> lines = new ArrayList<>();
    String text;
    float size;
    boolean bold;

    void close() {
      text = joinLines(lines);
      // The glyph-weighted dominant size, so one stray large line does not decide.
      Map<Float, Integer> glyphsBySize = new HashMap<>();
      float bestSize = 0;
      int best = -1;
      boolean allBold = true;
      for (TextLine line : lines) {
        int glyphs = glyphsBySize.merge(line.fontSize(), line.glyphs(), Integer::sum);
        if (glyphs > best || (glyphs == best && line.fontSize() > bestSize)) {
          best = glyphs;
          bestSize = line.fontSize();
        }
        allBold &= line.bold();
      }
      size = bestSize;
      bold = allBold;
    }
  }

  private MarkdownAssembler() {}

  /**
   * Builds the Markdown of a document: blocks separated by blank lines, pages too, ending with one
   * newline; empty when the document has no text.
   */
  static String assemble(DocumentText document) {
    float bodySize = document.fonts().bodySize();
    // When the body text itself is bold, bold says nothing about headings.
    boolean boldMarksHeadings = document.fonts().boldShare(bodySize) < 0.5;

    List<Block> blocks = new ArrayList<>();
    for (List<TextLine> page : document.pages()) {
      blocks.addAll(blocksOf(page, bodySize));
    }

    TreeSet<Float> headingSizes = new TreeSet<>();
    for (Block block : blocks) {
      if (isSizedHeading(block, bodySize)) {
        headingSizes.add(block.size);
      }
    }
    Map<Float, Integer> levelBySize = levelsBySize(headingSizes);
    int sizedLevels = levelBySize.isEmpty() ? 0 : levelBySize.get(headingSizes.first());
    int boldLevel = Math.min(DEEPEST_LEVEL, Math.max(2, sizedLevels + 1));

    StringBuilder markdown = new StringBuilder();
    for (Block block : blocks) {
      if (block.text.isEmpty()) {
        continue;
      }
      if (markdown.length() > 0) {
        markdown.append("\n\n");
      }
      Integer level = levelBySize.get(block.size);
      if (level != null && isSizedHeading(block, bodySize)) {
        appendHeading(markdown, level, block.text);
      } else if (boldMarksHeadings && isBoldHeading(block, bodySize)) {
        appendHeading(markdown, boldLevel, block.text);
      } else {
        markdown.append(MarkdownEscaper.paragraph(block.text));
      }
    }
    if (markdown.length() > 0) {
      markdown.append('\n');
    }
    return markdown.toString();
  }

  private static void appendHeading(StringBuilder markdown, int level, String text) {
    markdown.append("#".repeat(level)).append(' ').append(MarkdownEscaper.heading(text));
  }

  /** Splits one page's lines into blocks. */
  private static List<Block> blocksOf(List<TextLine> lines, float bodySize) {
    List<Block> blocks = new ArrayList<>();
    float leading = typicalLeading(lines);
    Block current = null;
    TextLine previous = null;
    for (TextLine line : lines) {
      if (current == null || startsBlock(previous, line, leading, bodySize)) {
        if (current != null) {
          current.close();
          blocks.add(current);
        }
        current = new Block();
      }
      current.lines.add(line);
      previous = line;
    }
    if (current != null) {
      current.close();
      blocks.add(current);
    }
    return blocks;
  }

  private static boolean startsBlock(
      TextLine previous, TextLine line, float leading, float bodySize) {
    // PDFBox's indentation hint splits centred or ragged titles line by line; large text ignores
    // it.
    boolean large = bodySize > 0 && line.fontSize() >= bodySize * HEADING_SIZE_RATIO;
    if ((line.paragraphHint() && !large) || previous.bold() != line.bold()) {
      return true;
    }
    float larger = Math.max(previous.fontSize(), line.fontSize());
    float smaller = Math.min(previous.fontSize(), line.fontSize());
    if (larger > smaller * SIZE_CHANGE_RATIO) {
      return true;
    }
    float drop = line.baseline() - previous.baseline();
    // Moving up means a new column or a new region of the page.
    return drop <= 0 || drop > leading * PARAGRAPH_GAP_FACTOR * previous.fontSize();
  }

  /**
   * The page's usual baseline-to-baseline distance as a multiple of the font size: the median over
   * pairs of consecutive lines of one size.
   */
  static float typicalLeading(List<TextLine> lines) {
    float[] ratios = new float[Math.max(0, lines.size() - 1)];
    int count = 0;
    for (int i = 1; i < lines.size(); i++) {
      TextLine previous = lines.get(i - 1);
      TextLine line = lines.get(i);
      float size = previous.fontSize();
      if (size <= 0 || Math.abs(line.fontSize() - size) > size * 0.05f) {
        continue;
      }
      float ratio = (line.baseline() - previous.baseline()) / size;
      if (ratio >= 0.6f && ratio <= 3f) {
        ratios[count++] = ratio;
      }
    }
    if (count == 0) {
      return DEFAULT_LEADING;
    }
    Arrays.sort(ratios, 0, count);
    return ratios[count / 2];
  }

  private static boolean isSizedHeading(Block block, float bodySize) {
    return bodySize > 0
        && block.size >= bodySize * HEADING_SIZE_RATIO
        && block.lines.size() <= MAX_HEADING_LINES
        && block.text.length() <= MAX_HEADING_CHARS
        && letters(block.text) >= 2;
  }

  /** A standalone, short, bold line at body size that does not read like a sentence or a label. */
  private static boolean isBoldHeading(Block block, float bodySize) {
    if (!block.bold
        || block.lines.size() != 1
        || block.size < bodySize * 0.95f
        || block.size >= bodySize * HEADING_SIZE_RATIO
        || block.text.length() > MAX_BOLD_HEADING_CHARS
        || letters(block.text) < 2) {
      return false;
    }
    char last = block.text.charAt(block.text.length() - 1);
    char first = block.text.charAt(0);
    return ".,;:".indexOf(last) < 0 && !Character.isLowerCase(first);
  }

  /** Heading levels by size: the largest size is level 1; deeper levels stop at {@code ###}. */
  static Map<Float, Integer> levelsBySize(TreeSet<Float> sizes) {
    Map<Float, Integer> levels = new HashMap<>();
    int level = 0;
    float levelTop = Float.MAX_VALUE;
    for (float size : sizes.descendingSet()) {
      if (size * SAME_LEVEL_RATIO < levelTop) {
        level = Math.min(DEEPEST_LEVEL, level + 1);
        levelTop = size;
      }
      levels.put(size, level);
    }
    return levels;
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

  /**
   * Joins wrapped lines with spaces. A word hyphenated at a line end is mended when the next line
   * goes on in lower case ("exam-" + "ple" gives "example"); soft hyphens are always mended and
   * removed.
   */
  static String joinLines(List<TextLine> lines) {
    StringBuilder joined = new StringBuilder();
    for (TextLine line : lines) {
      String text = line.text();
      int end = joined.length();
      if (end == 0) {
        joined.append(text);
        continue;
      }
      char last = joined.charAt(end - 1);
      boolean hyphen = last == '-' || last == '\u2010';
      boolean mend =
          last == '\u00AD'
              || (hyphen
                  && end >= 2
                  && Character.isLetter(joined.charAt(end - 2))
                  && Character.isLowerCase(text.charAt(0)));
      if (mend) {
        joined.setLength(end - 1);
      } else {
        joined.append(' ');
      }
      joined.append(text);
    }
    return removeSoftHyphens(joined);
  }

  private static String removeSoftHyphens(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\u00AD') {
        out.append(c);
      }
    }
    return LayoutCollector.clean(out);
  }
}

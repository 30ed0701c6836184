package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.convertalot.backend.pdfbox.internal.layout.Block;
import org.convertalot.backend.pdfbox.internal.layout.DocumentText;
import org.convertalot.backend.pdfbox.internal.layout.RunningText;
import org.convertalot.backend.pdfbox.internal.text.ListMarkers;
import org.convertalot.backend.pdfbox.internal.text.TextCleanup;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Turns a document's blocks into Markdown: tables, headings (by {@link HeadingClassifier}), list
 * items (bullets become {@code -}, numbered items stay numbered, as Markdown ordered items where
 * {@link NumberedItems} allows, nesting follows indentation) and paragraphs (wrapped lines joined,
 * hyphenation mended, text escaped, links and emphasis added when asked for). Running headers,
 * footers and page numbers are dropped first ({@link RunningText}). Deterministic, and linear in
 * the number of blocks apart from sorting the distinct heading sizes.
 */
public final class MarkdownAssembler {

  /** Heading sizes within this ratio of each other share a level. */
  static final float SAME_LEVEL_RATIO = 1.05f;

  static final int DEEPEST_LEVEL = 3;

  /** A list item indented this many font sizes past the one above is nested under it. */
  static final float NEST_INDENT = 0.8f;

  private MarkdownAssembler() {}

  /**
   * Builds the Markdown of a document: blocks separated by blank lines, pages too, ending with one
   * newline; empty when the document has no text.
   */
  static String assemble(DocumentText document) {
    return assemble(document, new InlineMarkup(false, false));
  }

  /** As {@link #assemble(DocumentText)}, with the given links and emphasis in paragraphs. */
  public static String assemble(DocumentText laidOut, InlineMarkup markup) {
    DocumentText document = RunningText.strip(laidOut);
    HeadingClassifier headings = new HeadingClassifier(document.fonts());
    List<Block> blocks = new ArrayList<>();
    List<Integer> pageStarts = new ArrayList<>();
    for (List<Block> page : document.pages()) {
      pageStarts.add(blocks.size());
      blocks.addAll(page);
    }
    int count = blocks.size();
    String[] texts = new String[count];
    boolean[] isHeading = new boolean[count];
    TreeSet<Float> headingSizes = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      Block block = blocks.get(i);
      if (!block.isTable()) {
        texts[i] = joinLines(block.lines());
        Block previous = i > 0 ? blocks.get(i - 1) : null;
        Block next = i + 1 < count ? blocks.get(i + 1) : null;
        isHeading[i] = headings.isHeading(block, texts[i], previous, next);
      }
    }
    // Labels of a table drawn without lines look like headings, row after row.
    for (int p = 0; p < pageStarts.size(); p++) {
      int end = p + 1 < pageStarts.size() ? pageStarts.get(p + 1) : count;
      SideBySideLabels.clear(blocks, pageStarts.get(p), end, isHeading);
    }
    for (int i = 0; i < count; i++) {
      if (isHeading[i] && headings.isLarger(blocks.get(i))) {
        headingSizes.add(blocks.get(i).size());
      }
    }
    Map<Float, Integer> levelBySize = levelsBySize(headingSizes);
    // Headings at body size (bold or set apart) rank below every larger one.
    int sizedLevels = levelBySize.isEmpty() ? 0 : levelBySize.get(headingSizes.first());
    int bodyLevel = Math.min(DEEPEST_LEVEL, Math.max(2, sizedLevels + 1));

    // List items: their markers and nesting depths, then which numbered ones are ordered items.
    String[] markers = new String[count];
    int[] depths = new int[count];
    boolean[] skipped = new boolean[count];
    List<Float> listIndents = new ArrayList<>();
    boolean previousWasItem = false;
    for (int i = 0; i < count; i++) {
      Block block = blocks.get(i);
      skipped[i] = texts[i] != null && texts[i].isEmpty();
      if (skipped[i]) {
        continue;
      }
      markers[i] = texts[i] == null || isHeading[i] ? null : ListMarkers.marker(texts[i]);
      if (markers[i] != null) {
        if (!previousWasItem) {
          listIndents.clear();
        }
        depths[i] = depth(listIndents, block.first().x0(), block.first().fontSize());
      }
      previousWasItem = markers[i] != null;
    }
    boolean[] ordered = NumberedItems.of(markers, depths, skipped);

    StringBuilder markdown = new StringBuilder();
    boolean previousWasOrdered = false;
    previousWasItem = false;
    for (int i = 0; i < count; i++) {
      if (skipped[i]) {
        continue;
      }
      Block block = blocks.get(i);
      String rendered;
      boolean item = markers[i] != null;
      if (block.isTable()) {
        rendered = TableRenderer.render(block.table());
      } else if (isHeading[i]) {
        int level =
            headings.isLarger(block)
                ? levelBySize.getOrDefault(block.size(), DEEPEST_LEVEL)
                : bodyLevel;
        rendered = "#".repeat(level) + ' ' + MarkdownEscaper.heading(texts[i]);
      } else if (item) {
        rendered =
            markup.apply(listItem(markers[i], texts[i], depths[i], ordered[i]), block.lines());
      } else {
        rendered = markup.apply(MarkdownEscaper.paragraph(texts[i]), block.lines());
      }
      if (markdown.length() > 0) {
        // Consecutive items of one kind form one tight list; anything else is its own block, so
        // that no item reads as the lazy continuation of an item of the other kind.
        boolean sameList = item && previousWasItem && ordered[i] == previousWasOrdered;
        markdown.append(sameList ? "\n" : "\n\n");
      }
      markdown.append(rendered);
      previousWasItem = item;
      previousWasOrdered = ordered[i];
    }
    if (markdown.length() > 0) {
      markdown.append('\n');
    }
    return markdown.toString();
  }

  /** The nesting depth of a list item at {@code x}, updating the stack of open indents. */
  static int depth(List<Float> indents, float x, float size) {
    while (!indents.isEmpty() && x < indents.get(indents.size() - 1) - NEST_INDENT * size) {
      indents.remove(indents.size() - 1);
    }
    if (indents.isEmpty() || x > indents.get(indents.size() - 1) + NEST_INDENT * size) {
      indents.add(x);
    }
    return Math.min(indents.size() - 1, 4);
  }

  /**
   * A list item: bullets become {@code -}; a numbered item is a Markdown ordered item when {@code
   * ordered} ({@link NumberedItems}), else escaped text that keeps its number.
   */
  static String listItem(String marker, String text, int depth, boolean ordered) {
    String rest = text.substring(marker.length()).strip();
    if (ListMarkers.isBullet(marker)) {
      return "   ".repeat(depth) + "- " + MarkdownEscaper.paragraph(rest);
    }
    return ordered
        ? marker + ' ' + MarkdownEscaper.paragraph(rest)
        : MarkdownEscaper.paragraph(text);
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
      if (text.isEmpty()) {
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
    return TextCleanup.clean(out);
  }
}

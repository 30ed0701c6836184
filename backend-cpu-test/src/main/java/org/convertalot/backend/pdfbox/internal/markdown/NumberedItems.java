package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which numbered list items are written as Markdown ordered items. CommonMark numbers an
 * ordered list from its first item and counts up by one, whatever the source says, so a group of
 * numbered items that follow each other at the list's outer level becomes an ordered list only when
 * its numbers count up by one with one delimiter; any other group stays escaped text, so the reader
 * sees the numbers the document shows. Letters, roman numerals and parenthesised numbers are not
 * Markdown list markers and stay text; so do nested numbered items, whose indentation would depend
 * on the width of the marker above.
 */
final class NumberedItems {

  /**
   * A marker CommonMark accepts for an ordered item: up to nine digits and {@code .} or {@code )}.
   */
  private static final Pattern MARKDOWN_NUMBER = Pattern.compile("^([0-9]{1,9})([.)])$");

  private final List<Integer> group = new ArrayList<>();
  private final List<Long> numbers = new ArrayList<>();
  private final boolean[] ordered;
  private char delimiter;

  private NumberedItems(int blocks) {
    this.ordered = new boolean[blocks];
  }

  /**
   * Which blocks are ordered items.
   *
   * @param markers each block's list marker, null for a block that is not a list item (headings,
   *     tables and paragraphs); empty blocks, which the Markdown leaves out, are null too
   * @param depths each list item's nesting depth, 0 for the outer level
   * @param skipped whether a block is left out of the Markdown, so does not end a group
   */
  static boolean[] of(String[] markers, int[] depths, boolean[] skipped) {
    NumberedItems items = new NumberedItems(markers.length);
    for (int i = 0; i < markers.length; i++) {
      if (skipped[i]) {
        continue;
      }
      Matcher number = markers[i] == null ? null : MARKDOWN_NUMBER.matcher(markers[i]);
      if (number != null && depths[i] == 0 && number.matches()) {
        items.add(i, Long.parseLong(number.group(1)), number.group(2).charAt(0));
      } else {
        items.close();
      }
    }
    items.close();
    return items.ordered;
  }

  private void add(int block, long number, char itsDelimiter) {
    if (!group.isEmpty() && itsDelimiter != delimiter) {
      close();
    }
    delimiter = itsDelimiter;
    group.add(block);
    numbers.add(number);
  }

  /** Ends the current group, marking its items ordered when their numbers count up by one. */
  private void close() {
    boolean counting = true;
    for (int k = 1; k < numbers.size(); k++) {
      counting &= numbers.get(k) == numbers.get(k - 1) + 1;
    }
    if (counting) {
      for (int block : group) {
        ordered[block] = true;
      }
    }
    group.clear();
    numbers.clear();
  }
}

package org.convertalot.cli;

import java.util.List;
import java.util.StringJoiner;
import org.convertalot.api.Warning;

/** Warnings of a result in one short phrase, for progress lines and summaries. */
final class WarningText {
  private WarningText() {}

  /**
   * {@code warning garbled_text_layer on pages 2, 3}; several warnings joined with {@code ;}; empty
   * for none. Codes and pages only: the messages go to the summary.
   */
  static String brief(List<Warning> warnings) {
    StringJoiner j = new StringJoiner("; ");
    for (Warning w : warnings) {
      String pages = w.pagesInWords();
      j.add("warning " + Display.safe(w.code()) + (pages.isEmpty() ? "" : " on " + pages));
    }
    return j.toString();
  }
}

package org.convertalot.backend.pdfbox.internal.engine;

import java.util.ArrayList;
import java.util.List;
import org.convertalot.api.Warning;
import org.convertalot.backend.pdfbox.internal.layout.DocumentText;

/**
 * The pages that yielded no text at all: a conversion that succeeds with them says so, with the
 * likely reason, instead of publishing silence for them.
 */
final class PagesWithoutText {

  /** Why recognition did not give these pages text. */
  enum Recognition {
    /** No text recognizer is installed. */
    ABSENT,
    /** A recognizer is installed, but the job switched recognition off. */
    SWITCHED_OFF,
    /** Recognition ran on the pages and found nothing. */
    RAN
  }

  private PagesWithoutText() {}

  /**
   * The warning for the pages of {@code document} that hold no block, by their numbers in the PDF,
   * or none; pages another warning already explains (a garbled text layer left out) are not named
   * again.
   */
  static List<Warning> warnings(
      DocumentText document, Recognition recognition, List<Integer> explained) {
    List<Integer> empty = new ArrayList<>();
    for (int i = 0; i < document.pages().size(); i++) {
      int number = document.pageNumbers().get(i);
      if (document.pages().get(i).isEmpty() && !explained.contains(number)) {
        empty.add(number);
      }
    }
    if (empty.isEmpty()) {
      return List.of();
    }
    Warning unworded = new Warning(Warning.PAGES_WITHOUT_TEXT, "", empty);
    boolean one = empty.size() == 1;
    String why =
        switch (recognition) {
          case ABSENT ->
              "no text recognizer is installed to read text shown as pixels (add"
                  + " convertalot-ocr-tesseract)";
          case SWITCHED_OFF -> "text recognition was switched off for this job (pdfbox.ocr=off)";
          case RAN -> "recognition found no text on " + (one ? "it" : "them");
        };
    String message =
        unworded.pagesInWords()
            + (one ? " yields no text: it has" : " yield no text: they have")
            + " no text layer, and "
            + why
            + " (a page left blank on purpose lacks nothing)";
    return List.of(new Warning(Warning.PAGES_WITHOUT_TEXT, message, empty));
  }
}

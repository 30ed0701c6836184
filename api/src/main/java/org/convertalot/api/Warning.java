package org.convertalot.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something a successful conversion wants its user to know: the Markdown was published, but part of
 * it may not be what the PDF shows. Engines return warnings with their output; the runtime keeps
 * them in the artifact manifest, so they survive restarts on every store and come back with the
 * result ({@link ConversionResult#warnings()}).
 *
 * <p>Codes are stable lower_snake_case words, like error codes: match on {@link #code()}, show
 * {@link #message()}. The codes this library's engines return:
 *
 * <ul>
 *   <li>{@value #GARBLED_TEXT_LAYER}: the text layer of the pages named is mostly unreadable
 *       (replacement characters, control or private-use characters, glyphs without a Unicode
 *       mapping), typically from a broken font or a damaged file. When a text recognizer is
 *       present, those pages were recognized from their image instead; otherwise their readable
 *       characters were kept and the unreadable ones left out.
 *   <li>{@value #PAGES_WITHOUT_TEXT}: the pages named yielded no text at all: blank pages, or pages
 *       whose text is only pixels while no recognizer is installed or recognition was switched off
 *       for the job. The message says which.
 * </ul>
 *
 * @param code the stable lower_snake_case code, for example {@value #GARBLED_TEXT_LAYER}
 * @param message what happened, in words, for people
 * @param pages the pages it concerns, from 1, ascending and distinct; empty when it concerns the
 *     whole document
 */
public record Warning(String code, String message, List<Integer> pages) {

  /** The code of a page whose text layer is mostly unreadable; see the class comment. */
  public static final String GARBLED_TEXT_LAYER = "garbled_text_layer";

  /** The code of pages that yielded no text at all; see the class comment. */
  public static final String PAGES_WITHOUT_TEXT = "pages_without_text";

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  /**
   * Validates and copies the fields.
   *
   * @param code the stable lower_snake_case code
   * @param message what happened, in words
   * @param pages the pages it concerns, from 1, ascending and distinct
   */
  public Warning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("warning code is not lower_snake_case: " + code);
    }
    pages = pages == null ? List.of() : List.copyOf(pages);
    int previous = 0;
    for (int page : pages) {
      if (page <= previous) {
        throw new IllegalArgumentException(
            "warning pages must be ascending, distinct and from 1: " + pages);
      }
      previous = page;
    }
  }

  /**
   * A warning about whole documents.
   *
   * @param code the stable lower_snake_case code
   * @param message what happened, in words
   * @return the warning, naming no page
   */
  public static Warning of(String code, String message) {
    return new Warning(code, message, List.of());
  }

  /**
   * The pages in words: {@code page 2} or {@code pages 2, 3}; empty when it names none.
   *
   * @return the pages in words
   */
  public String pagesInWords() {
    if (pages.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(pages.size() == 1 ? "page " : "pages ");
    for (int i = 0; i < pages.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(pages.get(i));
    }
    return b.toString();
  }
}

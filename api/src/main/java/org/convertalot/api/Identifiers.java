package org.convertalot.api;

import java.util.regex.Pattern;

/**
 * The one grammar of the short names this library hands around: engine ids and store namespaces.
 * Lower-case letters and digits first, then letters, digits, dot, dash or underscore, at most 64
 * characters. One rule, so an id a runtime accepts is an id every store, command and option prefix
 * accepts too.
 */
public final class Identifiers {
  /** The grammar as a regular expression. */
  public static final String GRAMMAR = "[a-z0-9][a-z0-9._-]{0,63}";

  private static final Pattern PATTERN = Pattern.compile(GRAMMAR);

  private Identifiers() {}

  /**
   * Whether a text follows the grammar.
   *
   * @param text the text, may be {@code null}
   * @return {@code true} for a well-formed id
   */
  public static boolean isValid(String text) {
    return text != null && PATTERN.matcher(text).matches();
  }
}

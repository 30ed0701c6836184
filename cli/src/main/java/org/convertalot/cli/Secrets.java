package org.convertalot.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strings no output of a command may show: the database password and the JDBC URL as given.
 * Every error a command prints passes through {@link #scrub(String)}, so that a driver or pool
 * message that repeats the URL or the password cannot leak it.
 *
 * <p>A password of fewer than {@value #SHORT} characters is replaced only where it stands alone (no
 * letter or digit next to it): a wrong password {@code x} must not turn every {@code tx} of a stack
 * trace into {@code t***}.
 */
final class Secrets {
  /** Nothing to hide: the file store. */
  static final Secrets NONE = new Secrets(null, List.of());

  /** Passwords shorter than this are replaced only as whole words. */
  static final int SHORT = 8;

  private final String url;
  private final List<String> passwords;

  private Secrets(String url, List<String> passwords) {
    this.url = url;
    this.passwords = passwords;
  }

  /**
   * The secrets of one database connection.
   *
   * @param url the JDBC URL as the user gave it, shown redacted
   * @param passwords every form of every password (from the environment, a file, the URL)
   */
  static Secrets of(String url, List<String> passwords) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String p : passwords) {
      if (p != null && !p.isEmpty()) {
        distinct.add(p);
      }
    }
    List<String> longestFirst = new ArrayList<>(distinct);
    // One password may contain another; replace the longer one first.
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(url, List.copyOf(longestFirst));
  }

  /** The text with the URL shown redacted and every password replaced by {@code ***}. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String clean = text;
    if (url != null && !url.isEmpty()) {
      clean = clean.replace(url, JdbcUrl.redact(url));
    }
    for (String password : passwords) {
      clean =
          password.length() >= SHORT
              ? clean.replace(password, JdbcUrl.MASK)
              : clean.replaceAll(
                  "(?<![\\p{L}\\p{N}])" + Pattern.quote(password) + "(?![\\p{L}\\p{N}])",
                  Matcher.quoteReplacement(JdbcUrl.MASK));
    }
    return clean;
  }
}

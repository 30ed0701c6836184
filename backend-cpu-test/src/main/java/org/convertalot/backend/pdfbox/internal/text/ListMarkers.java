package org.convertalot.backend.pdfbox.internal.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the marker that starts a list item: a bullet, or a number or letter with a period. */
public final class ListMarkers {

  /** Bullet characters producers use, including the Wingdings and Symbol private-use forms. */
  private static final String BULLETS = "•◦▪▫■□●○‣⁃∙·–—-*➢➤►▶✓✔❖\uF0B7\uF0A7\uF0D8\uF076\uF0FC";

  private static final Pattern ORDERED =
      Pattern.compile("^(\\(?(?:[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\\s+\\S");

  private ListMarkers() {}

  /** The marker at the start of {@code text}, or null when it does not start a list item. */
  public static String marker(String text) {
    if (text.length() < 3) {
      return null;
    }
    char first = text.charAt(0);
    if (BULLETS.indexOf(first) >= 0 && Character.isWhitespace(text.charAt(1))) {
      return String.valueOf(first);
    }
    Matcher ordered = ORDERED.matcher(text);
    return ordered.find() ? ordered.group(1) : null;
  }

  private static final Pattern ORDERED_ONLY =
      Pattern.compile("^\\(?(?:[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]$");

  /** Whether {@code text} is nothing but a list marker. */
  static boolean isMarkerOnly(String text) {
    if (text.length() == 1) {
      return BULLETS.indexOf(text.charAt(0)) >= 0;
    }
    return ORDERED_ONLY.matcher(text).matches();
  }

  private static final Pattern SECTION_NUMBER =
      Pattern.compile("^(?:[0-9]{1,2}|[A-Z])(?:\\.[0-9]{1,2}){0,3}\\.?$");

  /** Whether {@code text} is a section number such as "4", "4.2.1" or "B.1". */
  public static boolean isSectionNumber(String text) {
    return SECTION_NUMBER.matcher(text).matches();
  }

  /** Whether the marker is a bullet rather than a number or letter. */
  public static boolean isBullet(String marker) {
    return marker.length() == 1 && BULLETS.indexOf(marker.charAt(0)) >= 0;
  }
}

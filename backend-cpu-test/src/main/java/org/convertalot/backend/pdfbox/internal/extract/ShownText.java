package org.convertalot.backend.pdfbox.internal.extract;

/**
 * How readable a page's text layer is, counted over the character codes its text operators show
 * (before the text stripper drops any): how many show something other than white space, and how
 * many of those cannot be read (see {@link UnreadableText}).
 *
 * @param characters codes shown that are not white space
 * @param unreadable of those, codes without a readable Unicode value
 */
public record ShownText(int characters, int unreadable) {

  /** A page that shows no text. */
  public static final ShownText NONE = new ShownText(0, 0);

  /** Checks the counts. */
  public ShownText {
    if (characters < 0 || unreadable < 0 || unreadable > characters) {
      throw new IllegalArgumentException(
          "unreadable " + unreadable + " of " + characters + " characters");
    }
  }

  /** {@return the share of unreadable characters, from 0 to 1; 0 when nothing is shown} */
  public float unreadableShare() {
    return characters == 0 ? 0 : unreadable / (float) characters;
  }
}

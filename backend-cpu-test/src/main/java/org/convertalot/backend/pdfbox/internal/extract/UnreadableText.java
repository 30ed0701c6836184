package org.convertalot.backend.pdfbox.internal.extract;

/**
 * Which characters a text layer yields that no reader can use: what broken fonts and damaged files
 * produce instead of text. Letters, digits, punctuation and symbols of every script are readable;
 * so is any assigned character this rule does not name.
 */
public final class UnreadableText {

  private UnreadableText() {}

  /**
   * Whether a code point carries no text:
   *
   * <ul>
   *   <li>U+FFFD, the replacement character that decoders put where they could not decode;
   *   <li>C0 and C1 control characters and DEL (tab, line feed and carriage return are white space,
   *       not text, and never reach this check);
   *   <li>private-use characters: their meaning is private to one font (icon fonts, symbol fonts
   *       remapped by word processors), so no other program can show or search them;
   *   <li>noncharacters, lone surrogates and unassigned code points (as of the JDK's Unicode
   *       version), which no font maps to on purpose.
   * </ul>
   *
   * @param codePoint the code point
   * @return whether it is unreadable
   */
  public static boolean isUnreadable(int codePoint) {
    if (codePoint == 0xFFFD) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE
        || type == Character.UNASSIGNED;
  }

  /**
   * Whether a text has no readable character: empty, or only unreadable code points and white space
   * (a ligature such as "fi" is readable; a lone U+FFFD is not).
   *
   * @param text the text of one glyph
   * @return whether nothing in it is readable
   */
  public static boolean hasNothingReadable(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!Character.isWhitespace(cp) && !isUnreadable(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}

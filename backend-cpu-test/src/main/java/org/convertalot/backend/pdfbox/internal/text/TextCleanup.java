package org.convertalot.backend.pdfbox.internal.text;

import java.text.Normalizer;

/**
 * Text clean-up shared by every stage: the text of a glyph as it enters, and line or cell text as
 * it is put together. Broken ToUnicode maps yield control characters, and producers mix ligatures,
 * presentation forms and odd spaces into ordinary words.
 */
public final class TextCleanup {

  private TextCleanup() {}

  /**
   * A glyph's text: ligatures and presentation forms become plain letters (NFKC, as PDFBox's text
   * stripper does for its own output), white space a plain space, and control characters from
   * broken ToUnicode maps are dropped.
   */
  public static String normalize(String unicode) {
    String text = unicode;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '\uFB00' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFF')) {
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        break;
      }
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        out.append(' ');
      } else if (!Character.isISOControl(c) && c != '\uFEFF') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Replaces control characters (broken ToUnicode maps produce them) by spaces, collapses runs of
   * white space and trims.
   */
  public static String clean(CharSequence raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean pendingSpace = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c);
    }
    return out.toString();
  }
}

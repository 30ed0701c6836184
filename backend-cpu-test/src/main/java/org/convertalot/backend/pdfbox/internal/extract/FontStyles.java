package org.convertalot.backend.pdfbox.internal.extract;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Tells bold and italic fonts apart from their descriptors and names, for one document: a document
 * draws many glyphs in few fonts, so each font is judged once.
 */
final class FontStyles {

  /**
   * A font's style.
   *
   * @param bold whether the font is bold
   * @param italic whether the font is italic or oblique
   */
  record Style(boolean bold, boolean italic) {}

  private static final Style PLAIN = new Style(false, false);

  private final Map<PDFont, Style> byFont = new IdentityHashMap<>();

  /** The style of a font; plain when the glyph has no font. */
  Style of(PDFont font) {
    if (font == null) {
      return PLAIN;
    }
    return byFont.computeIfAbsent(font, f -> new Style(looksBold(f), looksItalic(f)));
  }

  /** Bold by font descriptor (ForceBold, weight 600 and up) or by a weight word in the name. */
  private static boolean looksBold(PDFont font) {
    PDFontDescriptor descriptor = font.getFontDescriptor();
    if (descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600)) {
      return true;
    }
    return isBoldName(font.getName());
  }

  /** Whether a font name carries a heavy weight word. */
  static boolean isBoldName(String name) {
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("bold")
        || lower.contains("black")
        || lower.contains("heavy")
        || lower.contains("semibold")
        || lower.contains("demi")
        // Medium and "Medi" (URW's Times bold) are used as the heavier face of a family.
        || lower.contains("medi");
  }

  /** Italic by the descriptor's flag or angle, or by a style word in the name. */
  private static boolean looksItalic(PDFont font) {
    PDFontDescriptor descriptor = font.getFontDescriptor();
    if (descriptor != null && (descriptor.isItalic() || descriptor.getItalicAngle() != 0)) {
      return true;
    }
    String name = font.getName();
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("italic") || lower.contains("oblique");
  }
}

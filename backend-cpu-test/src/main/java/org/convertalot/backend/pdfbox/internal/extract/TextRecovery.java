package org.convertalot.backend.pdfbox.internal.extract;

import java.io.IOException;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;

/**
 * Recovers text that a page shows but its text layer lacks, between reading a page and laying it
 * out. Recognition implements it; extraction only calls it, so it does not depend on recognition.
 */
public interface TextRecovery {

  /**
   * Adds the text the page shows but its text layer lacks to {@code glyphs}, and removes text-layer
   * glyphs that the added text replaces.
   *
   * @param pageIndex the page's index in the document, from 0
   * @param glyphs the page's text-layer glyphs in display space; changed in place
   * @param directions the text direction of each glyph, in degrees; kept parallel to {@code glyphs}
   *     (added glyphs are upright)
   * @param drawing what the page draws besides text
   * @param pageWidth the page's width in display space
   * @param pageHeight the page's height in display space
   * @return whether anything was added
   * @throws IOException when the page cannot be rendered
   */
  boolean recover(
      int pageIndex,
      List<Glyph> glyphs,
      List<Integer> directions,
      PageDrawing drawing,
      float pageWidth,
      float pageHeight)
      throws IOException;
}

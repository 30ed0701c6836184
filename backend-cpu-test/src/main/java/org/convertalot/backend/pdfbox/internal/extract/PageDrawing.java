package org.convertalot.backend.pdfbox.internal.extract;

import java.util.List;

/**
 * What a page draws besides text, and how readable the text it shows is.
 *
 * @param images where raster images lie, in display space; empty on rotated pages, where display
 *     space and the page's own coordinates differ
 * @param imageCoverage the share of the page that images cover, from 0 to 1 (overlaps counted
 *     twice, capped at 1)
 * @param paintedPaths how many visible paths (strokes and fills) the page paints
 * @param text the character codes its text operators show, and how many of them are unreadable
 */
public record PageDrawing(
    List<ImageArea> images, float imageCoverage, int paintedPaths, ShownText text) {

  /** A drawing whose text is not counted. */
  public PageDrawing(List<ImageArea> images, float imageCoverage, int paintedPaths) {
    this(images, imageCoverage, paintedPaths, ShownText.NONE);
  }
}

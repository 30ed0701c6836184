package org.convertalot.backend.pdfbox.internal.extract;

import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Where a page draws a raster image, in display space (points, y growing downwards).
 *
 * @param x0 the left edge
 * @param top the top edge
 * @param x1 the right edge
 * @param bottom the bottom edge
 * @param image the image, when it is drawn upright and unclipped by the page, so that its own
 *     pixels show what the page shows there; null otherwise
 */
public record ImageArea(float x0, float top, float x1, float bottom, PDImageXObject image) {

  public float width() {
    return x1 - x0;
  }

  public float height() {
    return bottom - top;
  }

  public float area() {
    return width() * height();
  }

  public boolean contains(float x, float y) {
    return x >= x0 && x <= x1 && y >= top && y <= bottom;
  }
}

package org.convertalot.backend.pdfbox;

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
record ImageArea(float x0, float top, float x1, float bottom, PDImageXObject image) {

  float width() {
    return x1 - x0;
  }

  float height() {
    return bottom - top;
  }

  float area() {
    return width() * height();
  }

  boolean contains(float x, float y) {
    return x >= x0 && x <= x1 && y >= top && y <= bottom;
  }
}

package org.convertalot.backend.pdfbox.internal.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * The web links of one page: the rectangles of link annotations whose action opens a URI, in
 * display space (points from the crop box's top-left corner, y down), as glyph positions are.
 */
final class LinkAreas {

  private record Area(float x0, float top, float x1, float bottom, String uri) {}

  private final List<Area> areas = new ArrayList<>();

  /**
   * Reads the page's link annotations. Rotated pages get none: their glyph positions are turned,
   * and a link is only kept where the text it covers is certain.
   */
  void startPage(PDPage page) {
    areas.clear();
    if (page.getRotation() % 360 != 0) {
      return;
    }
    List<PDAnnotation> annotations;
    try {
      annotations = page.getAnnotations();
    } catch (IOException | RuntimeException e) {
      // Damaged annotations only cost the links, never the text.
      return;
    }
    PDRectangle crop = page.getCropBox();
    for (PDAnnotation annotation : annotations) {
      if (!(annotation instanceof PDAnnotationLink link)) {
        continue;
      }
      String uri = uriOf(link);
      PDRectangle rect = link.getRectangle();
      if (uri == null || rect == null) {
        continue;
      }
      areas.add(
          new Area(
              rect.getLowerLeftX() - crop.getLowerLeftX(),
              crop.getUpperRightY() - rect.getUpperRightY(),
              rect.getUpperRightX() - crop.getLowerLeftX(),
              crop.getUpperRightY() - rect.getLowerLeftY(),
              uri));
    }
  }

  private static String uriOf(PDAnnotationLink link) {
    try {
      PDAction action = link.getAction();
      if (action instanceof PDActionURI web) {
        String uri = web.getURI();
        return uri == null || uri.isBlank() ? null : uri.strip();
      }
    } catch (RuntimeException e) {
      // A malformed action dictionary: no link.
    }
    return null;
  }

  /** The URI of the link whose rectangle holds the point, or null; few links per page. */
  String uriAt(float x, float y) {
    for (Area area : areas) {
      if (x >= area.x0() && x <= area.x1() && y >= area.top() && y <= area.bottom()) {
        return area.uri();
      }
    }
    return null;
  }
}

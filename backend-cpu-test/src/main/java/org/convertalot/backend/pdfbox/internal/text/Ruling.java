package org.convertalot.backend.pdfbox.internal.text;

/**
 * A straight horizontal or vertical line drawn on a page (a stroked segment, a thin filled
 * rectangle, or the edge of a shaded cell), in display space.
 *
 * @param horizontal whether the line runs left to right
 * @param position its y when horizontal, else its x
 * @param start where it starts along its direction (the smaller coordinate)
 * @param end where it ends along its direction
 * @param shading whether it is the edge of a filled area rather than a drawn line
 */
public record Ruling(boolean horizontal, float position, float start, float end, boolean shading) {

  public Ruling(boolean horizontal, float position, float start, float end) {
    this(horizontal, position, start, end, false);
  }

  public float length() {
    return end - start;
  }

  /** Whether this line covers {@code [from, to]} along its direction, up to {@code tolerance}. */
  public boolean covers(float from, float to, float tolerance) {
    return start <= from + tolerance && end >= to - tolerance;
  }
}

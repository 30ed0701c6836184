package org.convertalot.backend.pdfbox.internal.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.state.SetLineWidth;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.util.Matrix;
import org.convertalot.backend.pdfbox.internal.text.Ruling;

/**
 * Records the straight lines a page draws, so that table grids can be found, and where it places
 * raster images, so that text inside them can be recognized. The text stripper ignores path
 * operators and images; this class adds processors for them (and for the colour and line-width
 * operators they depend on) to the stripper, so one pass over the content stream yields text, lines
 * and images.
 *
 * <p>Kept: stroked horizontal and vertical segments, filled rectangles thinner than {@link
 * #THIN_FILL} (drawn rules), and the edges of larger filled rectangles (shaded cells). Dropped:
 * curves, white paint, clipping paths and page-sized backgrounds.
 */
final class PathRecorder {

  /** A filled rectangle at most this thick (points) is a drawn rule. */
  static final float THIN_FILL = 3f;

  /** A segment whose ends differ by at most this across its direction counts as straight. */
  private static final float STRAIGHT = 1f;

  private static final int MAX_RULINGS = 5000;

  private static final int MAX_IMAGES = 500;

  private final PDFStreamEngine engine;
  private final TextAudit text;
  private final List<Ruling> rulings = new ArrayList<>();
  private final List<ImageArea> images = new ArrayList<>();

  // The current path: subpaths as flat x,y lists in display space.
  private final List<float[]> subpaths = new ArrayList<>();
  private float[] current = new float[16];
  private int currentLength;
  private boolean currentCurved;
  private final List<Boolean> curved = new ArrayList<>();

  private boolean enabled;
  private int paintedPaths;
  private double imageArea;
  private float offsetX;
  private float top;
  private float pageWidth;
  private float pageHeight;

  private PathRecorder(PDFStreamEngine engine) {
    this.engine = engine;
    // Counted in the same pass for the same reason: recovery decides per page from the drawing.
    this.text = TextAudit.attach(engine);
  }

  /**
   * Adds the path, colour and line-width operators to {@code engine}, recording into the result,
   * and counts how readable the text it shows is ({@link TextAudit}).
   */
  static PathRecorder attach(PDFStreamEngine engine) {
    PathRecorder recorder = new PathRecorder(engine);
    engine.addOperator(new SetLineWidth(engine));
    engine.addOperator(new SetStrokingColorSpace(engine));
    engine.addOperator(new SetStrokingColor(engine));
    engine.addOperator(new SetStrokingColorN(engine));
    engine.addOperator(new SetStrokingDeviceGrayColor(engine));
    engine.addOperator(new SetStrokingDeviceRGBColor(engine));
    engine.addOperator(new SetStrokingDeviceCMYKColor(engine));
    engine.addOperator(new SetNonStrokingColorSpace(engine));
    engine.addOperator(new SetNonStrokingColor(engine));
    engine.addOperator(new SetNonStrokingColorN(engine));
    engine.addOperator(new SetNonStrokingDeviceGrayColor(engine));
    engine.addOperator(new SetNonStrokingDeviceRGBColor(engine));
    engine.addOperator(new SetNonStrokingDeviceCMYKColor(engine));
    for (String name : new String[] {"m", "l", "c", "v", "y", "h", "re"}) {
      engine.addOperator(recorder.new Construct(name));
    }
    for (String name : new String[] {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}) {
      engine.addOperator(recorder.new Paint(name));
    }
    engine.addOperator(recorder.new DrawImageOrForm());
    engine.addOperator(recorder.new InlineImage());
    return recorder;
  }

  /**
   * Starts a page. Lines are only kept on unrotated pages, where display space is the crop box
   * flipped upside down; elsewhere text coordinates are rotated and the two would not match.
   */
  void startPage(PDRectangle cropBox, int rotation) {
    rulings.clear();
    images.clear();
    text.startPage();
    paintedPaths = 0;
    imageArea = 0;
    subpaths.clear();
    curved.clear();
    currentLength = 0;
    enabled = rotation % 360 == 0;
    offsetX = cropBox.getLowerLeftX();
    top = cropBox.getUpperRightY();
    pageWidth = cropBox.getWidth();
    pageHeight = cropBox.getHeight();
  }

  /** The lines recorded on the current page. */
  List<Ruling> rulings() {
    return rulings;
  }

  /**
   * What the current page draws besides text: where its images lie (on unrotated pages), how much
   * of the page they cover, and how many visible paths it paints; and how readable its text is.
   */
  PageDrawing drawing() {
    float pageArea = pageWidth * pageHeight;
    return new PageDrawing(
        List.copyOf(images),
        pageArea > 0 ? (float) Math.min(1, imageArea / pageArea) : 0,
        paintedPaths,
        text.shown());
  }

  /**
   * {@code Do}: records where an image lands (the current matrix maps the unit square onto it) and
   * leaves forms to the stripper's own processor, which walks into them for their text.
   */
  private final class DrawImageOrForm extends OperatorProcessor {
    private final DrawObject forms;

    DrawImageOrForm() {
      super(engine);
      forms = new DrawObject(engine);
    }

    @Override
    public String getName() {
      return "Do";
    }

    @Override
    public void process(Operator operator, List<COSBase> operands) throws IOException {
      if (!operands.isEmpty() && operands.get(0) instanceof COSName name) {
        PDResources resources = engine.getResources();
        if (resources != null && resources.isImageXObject(name)) {
          recordImage(resources.getXObject(name) instanceof PDImageXObject image ? image : null);
          return;
        }
      }
      forms.process(operator, operands);
    }
  }

  /**
   * {@code BI}: an image inside the content stream (scanners write them too). Only its place is
   * kept; recognition reads it from the rendered page.
   */
  private final class InlineImage extends OperatorProcessor {
    InlineImage() {
      super(engine);
    }

    @Override
    public String getName() {
      return "BI";
    }

    @Override
    public void process(Operator operator, List<COSBase> operands) {
      recordImage(null);
    }
  }

  /** Records an image drawn into the unit square of the current matrix; its pixels if known. */
  private void recordImage(PDImageXObject pixels) {
    Matrix ctm = engine.getGraphicsState().getCurrentTransformationMatrix();
    // The unit square's area under the matrix; clipped to the page below where the place is known.
    imageArea +=
        Math.min(
            (double) pageWidth * pageHeight,
            Math.abs(
                (double) ctm.getScaleX() * ctm.getScaleY()
                    - (double) ctm.getShearX() * ctm.getShearY()));
    if (!enabled || images.size() >= MAX_IMAGES) {
      return;
    }
    float[] xs = new float[4];
    float[] ys = new float[4];
    for (int i = 0; i < 4; i++) {
      float ux = i % 2;
      float uy = i / 2;
      xs[i] = ctm.getScaleX() * ux + ctm.getShearX() * uy + ctm.getTranslateX() - offsetX;
      ys[i] = top - (ctm.getShearY() * ux + ctm.getScaleY() * uy + ctm.getTranslateY());
    }
    float left = Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3]));
    float right = Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3]));
    float upper = Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]));
    float lower = Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3]));
    float x0 = Math.max(0, left);
    float x1 = Math.min(pageWidth, right);
    float y0 = Math.max(0, upper);
    float y1 = Math.min(pageHeight, lower);
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    // Upright (no rotation, shear or flip) and whole on the page: the image's pixels are what the
    // page shows there, and can be read without rendering the page.
    boolean upright =
        ctm.getShearX() == 0
            && ctm.getShearY() == 0
            && ctm.getScaleX() > 0
            && ctm.getScaleY() > 0
            && x0 == left
            && x1 == right
            && y0 == upper
            && y1 == lower;
    images.add(new ImageArea(x0, y0, x1, y1, upright ? pixels : null));
  }

  private final class Construct extends OperatorProcessor {
    private final String name;

    Construct(String name) {
      super(engine);
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public void process(Operator operator, List<COSBase> operands) {
      if (!enabled) {
        return;
      }
      float[] v = numbers(operands);
      switch (name) {
        case "m" -> {
          if (v.length >= 2) {
            closeSubpath();
            addPoint(v[0], v[1]);
          }
        }
        case "l" -> {
          if (v.length >= 2) {
            addPoint(v[0], v[1]);
          }
        }
        case "c" -> curveTo(v, 6);
        case "v", "y" -> curveTo(v, 4);
        case "h" -> {
          if (currentLength >= 2) {
            addPoint(current[0], current[1], false);
          }
        }
        case "re" -> {
          if (v.length >= 4) {
            closeSubpath();
            addPoint(v[0], v[1]);
            addPoint(v[0] + v[2], v[1]);
            addPoint(v[0] + v[2], v[1] + v[3]);
            addPoint(v[0], v[1] + v[3]);
            addPoint(current[0], current[1], false);
            closeSubpath();
          }
        }
        default -> {}
      }
    }

    private void curveTo(float[] v, int count) {
      if (v.length >= count) {
        currentCurved = true;
        addPoint(v[count - 2], v[count - 1]);
      }
    }
  }

  private final class Paint extends OperatorProcessor {
    private final String name;

    Paint(String name) {
      super(engine);
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public void process(Operator operator, List<COSBase> operands) throws IOException {
      if (!enabled) {
        if (!name.equals("n")) {
          paintedPaths++;
        }
        return;
      }
      closeSubpath();
      PDGraphicsState state = engine.getGraphicsState();
      boolean stroke =
          !name.startsWith("f")
              && !name.equals("F")
              && !name.equals("n")
              && !isWhite(state.getStrokingColor());
      boolean fill =
          !name.equals("S")
              && !name.equals("s")
              && !name.equals("n")
              && !isWhite(state.getNonStrokingColor());
      if (stroke || fill) {
        paintedPaths++;
      }
      if (rulings.size() < MAX_RULINGS) {
        if (stroke) {
          stroke();
        }
        if (fill) {
          fill();
        }
      }
      subpaths.clear();
      curved.clear();
    }
  }

  private static float[] numbers(List<COSBase> operands) {
    float[] values = new float[operands.size()];
    for (int i = 0; i < values.length; i++) {
      if (!(operands.get(i) instanceof COSNumber number)) {
        return new float[0];
      }
      values[i] = number.floatValue();
    }
    return values;
  }

  private void addPoint(float x, float y) {
    addPoint(x, y, true);
  }

  /** Adds a point, transforming it from user space unless it is already in display space. */
  private void addPoint(float x, float y, boolean user) {
    float px = x;
    float py = y;
    if (user) {
      Matrix ctm = engine.getGraphicsState().getCurrentTransformationMatrix();
      // Matrix.transformPoint returns an AWT type that the pdfbox module does not export.
      float ux = ctm.getScaleX() * x + ctm.getShearX() * y + ctm.getTranslateX();
      float uy = ctm.getShearY() * x + ctm.getScaleY() * y + ctm.getTranslateY();
      px = ux - offsetX;
      py = top - uy;
    }
    if (currentLength + 2 > current.length) {
      current = Arrays.copyOf(current, current.length * 2);
    }
    current[currentLength++] = px;
    current[currentLength++] = py;
  }

  private void closeSubpath() {
    if (currentLength >= 4) {
      subpaths.add(Arrays.copyOf(current, currentLength));
      curved.add(currentCurved);
    }
    currentLength = 0;
    currentCurved = false;
  }

  private void stroke() {
    Matrix ctm = engine.getGraphicsState().getCurrentTransformationMatrix();
    float width = engine.getGraphicsState().getLineWidth() * Math.abs(ctm.getScalingFactorX());
    if (width > 2 * THIN_FILL) {
      return;
    }
    for (int s = 0; s < subpaths.size(); s++) {
      if (curved.get(s)) {
        continue;
      }
      float[] p = subpaths.get(s);
      for (int i = 0; i + 3 < p.length; i += 2) {
        addSegment(p[i], p[i + 1], p[i + 2], p[i + 3]);
      }
    }
  }

  /** Filled axis-aligned rectangles: thin ones are rules, larger ones contribute their edges. */
  private void fill() {
    for (int s = 0; s < subpaths.size(); s++) {
      float[] p = subpaths.get(s);
      if (curved.get(s) || !isRectangle(p)) {
        continue;
      }
      float x0 = Math.min(Math.min(p[0], p[2]), p[4]);
      float x1 = Math.max(Math.max(p[0], p[2]), p[4]);
      float y0 = Math.min(Math.min(p[1], p[3]), p[5]);
      float y1 = Math.max(Math.max(p[1], p[3]), p[5]);
      float w = x1 - x0;
      float h = y1 - y0;
      if (h <= THIN_FILL && w > h) {
        add(new Ruling(true, (y0 + y1) / 2, x0, x1));
      } else if (w <= THIN_FILL && h > w) {
        add(new Ruling(false, (x0 + x1) / 2, y0, y1));
      } else if (!isBackground(w, h)) {
        add(new Ruling(true, y0, x0, x1, true));
        add(new Ruling(true, y1, x0, x1, true));
        add(new Ruling(false, x0, y0, y1, true));
        add(new Ruling(false, x1, y0, y1, true));
      }
    }
  }

  /** Page and panel backgrounds are not cells. */
  private boolean isBackground(float w, float h) {
    return (w > 0.5f * pageWidth && h > 0.1f * pageHeight)
        || (h > 0.5f * pageHeight && w > 0.1f * pageWidth);
  }

  private static boolean isRectangle(float[] p) {
    // Four corners, optionally closed by repeating the first.
    int points = p.length / 2;
    if (points == 5 && (Math.abs(p[0] - p[8]) > STRAIGHT || Math.abs(p[1] - p[9]) > STRAIGHT)) {
      return false;
    }
    if (points != 4 && points != 5) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      int j = (i + 1) % 4;
      boolean horizontal = Math.abs(p[2 * i + 1] - p[2 * j + 1]) <= STRAIGHT;
      boolean vertical = Math.abs(p[2 * i] - p[2 * j]) <= STRAIGHT;
      if (!horizontal && !vertical) {
        return false;
      }
    }
    return true;
  }

  private void addSegment(float x0, float y0, float x1, float y1) {
    if (Math.abs(y0 - y1) <= STRAIGHT && Math.abs(x0 - x1) > STRAIGHT) {
      add(new Ruling(true, (y0 + y1) / 2, Math.min(x0, x1), Math.max(x0, x1)));
    } else if (Math.abs(x0 - x1) <= STRAIGHT && Math.abs(y0 - y1) > STRAIGHT) {
      add(new Ruling(false, (x0 + x1) / 2, Math.min(y0, y1), Math.max(y0, y1)));
    }
  }

  private void add(Ruling ruling) {
    if (rulings.size() < MAX_RULINGS && ruling.length() > 0) {
      rulings.add(ruling);
    }
  }

  /** White (or nearly) paint draws nothing visible on a white page. */
  private static boolean isWhite(PDColor color) {
    if (color == null || color.getColorSpace() == null) {
      return false;
    }
    try {
      float[] rgb = color.getColorSpace().toRGB(color.getComponents());
      return rgb.length >= 3 && rgb[0] > 0.95f && rgb[1] > 0.95f && rgb[2] > 0.95f;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

package org.convertalot.backend.pdfbox.internal.recognition;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDTransparencyGroup;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.convertalot.backend.pdfbox.internal.extract.WorkBudget;

/**
 * A renderer whose page drawer counts operators, forms and glyphs against the conversion's {@link
 * WorkBudget} and checks every image before decoding it: rendering runs the page's content again,
 * plus its annotations' appearances, and decodes every image it draws at full size.
 */
final class BudgetedRenderer extends PDFRenderer {
  private final WorkBudget budget;

  BudgetedRenderer(PDDocument document, WorkBudget budget) {
    super(document);
    this.budget = budget;
  }

  @Override
  protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
    PageDrawer drawer = new Drawer(parameters, budget);
    drawer.setAnnotationFilter(getAnnotationsFilter());
    return drawer;
  }

  private static final class Drawer extends PageDrawer {
    private final WorkBudget budget;

    Drawer(PageDrawerParameters parameters, WorkBudget budget) throws IOException {
      super(parameters);
      this.budget = budget;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
      budget.operator();
      if (!budget.skipsTooDeepForm(operator, getLevel())) {
        super.processOperator(operator, operands);
      }
    }

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
        throws IOException {
      budget.glyph();
      super.showGlyph(textRenderingMatrix, font, code, displacement);
    }

    @Override
    public void showForm(PDFormXObject form) throws IOException {
      budget.form();
      super.showForm(form);
    }

    @Override
    public void showTransparencyGroup(PDTransparencyGroup form) throws IOException {
      budget.form();
      super.showTransparencyGroup(form);
    }

    @Override
    public void drawImage(PDImage image) throws IOException {
      budget.image(image);
      super.drawImage(image);
    }
  }
}

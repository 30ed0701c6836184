package org.convertalot.backend.pdfbox.internal.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDSimpleFont;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;

/**
 * Counts, per page, the character codes the text operators show and how many of them have no
 * readable Unicode value ({@link ShownText}). The text stripper hides exactly the worst cases: it
 * drops codes of composite fonts without a Unicode mapping, and the glyph clean-up drops control
 * characters, so a page of broken text can look empty or merely short. This class sees the codes
 * before either happens, by wrapping {@code Tj} and {@code TJ} ({@code '} and {@code "} show their
 * text through {@code Tj}); it only reads, and never disturbs the text extraction: a code it cannot
 * decode ends its count of that string, not the page.
 */
final class TextAudit {

  /**
   * Codes counted per page at most: enough for a share, and the audit's work stays bounded even on
   * pages whose text the work budget stops.
   */
  static final int MAX_CODES = 100_000;

  private final PDFStreamEngine engine;
  private int characters;
  private int unreadable;
  private int seen;

  private TextAudit(PDFStreamEngine engine) {
    this.engine = engine;
  }

  /** Wraps the engine's text-showing operators; call after the engine added its own. */
  static TextAudit attach(PDFStreamEngine engine) {
    TextAudit audit = new TextAudit(engine);
    engine.addOperator(audit.new Audited(new ShowText(engine)));
    engine.addOperator(audit.new Audited(new ShowTextAdjusted(engine)));
    return audit;
  }

  /** Starts a page. */
  void startPage() {
    characters = 0;
    unreadable = 0;
    seen = 0;
  }

  /** What the current page showed so far. */
  ShownText shown() {
    return new ShownText(characters, unreadable);
  }

  private void audit(List<COSBase> operands) {
    // Outside BT ... ET PDFBox shows nothing, so there is nothing to count.
    if (operands.isEmpty() || seen >= MAX_CODES || engine.getTextMatrix() == null) {
      return;
    }
    PDGraphicsState state = engine.getGraphicsState();
    PDFont font = state == null ? null : state.getTextState().getFont();
    if (font == null) {
      return;
    }
    COSBase first = operands.get(0);
    if (first instanceof COSString string) {
      count(font, string.getBytes());
    } else if (first instanceof COSArray array) {
      for (COSBase item : array) {
        if (item instanceof COSString string) {
          count(font, string.getBytes());
        }
      }
    }
  }

  private void count(PDFont font, byte[] bytes) {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    try {
      while (in.available() > 0 && seen < MAX_CODES) {
        seen++;
        int code = font.readCode(in);
        String unicode = font.toUnicode(code);
        if (unicode == null) {
          // The stripper drops such codes of composite fonts, and shows those of simple fonts as
          // the code itself: below 0x20 (and in the C1 range) that is a control, not the letter
          // the font draws; above, it may be right (fonts that keep ASCII codes) or not, which the
          // codes alone cannot tell, so it counts as readable.
          if (!(font instanceof PDSimpleFont) || code < 0x20 || (code >= 0x7F && code <= 0x9F)) {
            characters++;
            unreadable++;
          } else if (code != ' ') {
            characters++;
          }
        } else if (!unicode.isBlank()) {
          characters++;
          if (UnreadableText.hasNothingReadable(unicode)) {
            unreadable++;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // A string the font cannot decode: the stripper will say so, this count just stops.
    }
  }

  /** A text-showing operator that is counted, then run as before. */
  private final class Audited extends OperatorProcessor {
    private final OperatorProcessor shown;

    Audited(OperatorProcessor shown) {
      super(engine);
      this.shown = shown;
    }

    @Override
    public String getName() {
      return shown.getName();
    }

    @Override
    public void process(Operator operator, List<COSBase> operands) throws IOException {
      audit(operands);
      shown.process(operator, operands);
    }
  }
}

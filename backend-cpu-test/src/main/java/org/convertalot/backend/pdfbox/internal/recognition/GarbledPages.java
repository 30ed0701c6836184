package org.convertalot.backend.pdfbox.internal.recognition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.api.Warning;
import org.convertalot.backend.pdfbox.internal.extract.PageDrawing;
import org.convertalot.backend.pdfbox.internal.extract.ShownText;
import org.convertalot.backend.pdfbox.internal.extract.TextRecovery;
import org.convertalot.backend.pdfbox.internal.extract.UnreadableText;
import org.convertalot.backend.pdfbox.internal.text.Glyph;

/**
 * Finds pages whose text layer is garbled — mostly replacement, control or private-use characters,
 * or glyphs without a Unicode mapping, as broken fonts and damaged files leave them — and keeps
 * their nonsense out of the Markdown:
 *
 * <ul>
 *   <li>with a recognizer, the page is recognized whole from its image instead, under the same work
 *       budget as any recognized page ({@link PageRecognition#recognizeWhole});
 *   <li>without one (or when recognition reads nothing), the page keeps its readable characters and
 *       loses the unreadable ones: readable text is never thrown away, and characters that no
 *       reader can use never reach the Markdown.
 * </ul>
 *
 * <p>Either way the page is named in a {@link Warning#GARBLED_TEXT_LAYER} warning. Other pages go
 * to the recognition as before (when there is one). One instance serves one document on one thread.
 */
public final class GarbledPages implements TextRecovery {

  /**
   * Pages showing fewer characters than this are never called garbled: a few stray symbols (an
   * icon, a bullet) on an otherwise empty page are not a broken text layer.
   */
  static final int MIN_CHARACTERS = 20;

  /**
   * A page is garbled when at least this share of its characters is unreadable. Ordinary text in
   * any script has none; icon fonts and remapped symbols stay far below it (a handful per page),
   * while a font without a usable Unicode mapping turns nearly all of its text unreadable.
   */
  static final float GARBLED_SHARE = 0.3f;

  private final PageRecognition recognition;
  private final boolean switchedOff;
  private final List<Integer> garbled = new ArrayList<>();
  private final List<Integer> recognized = new ArrayList<>();

  /**
   * Checks every page; hands the rest to {@code recognition}.
   *
   * @param recognition the document's recognition, or null when there is no recognizer or it is
   *     switched off
   * @param switchedOff whether a recognizer is present but the request switched recognition off
   *     (the warning then says so instead of suggesting one)
   */
  public GarbledPages(PageRecognition recognition, boolean switchedOff) {
    this.recognition = recognition;
    this.switchedOff = switchedOff;
  }

  /**
   * Whether a page's shown text is garbled; see {@link #MIN_CHARACTERS}, {@link #GARBLED_SHARE}.
   */
  static boolean isGarbled(ShownText text) {
    return text.characters() >= MIN_CHARACTERS && text.unreadableShare() >= GARBLED_SHARE;
  }

  @Override
  public boolean recover(
      int pageIndex,
      List<Glyph> glyphs,
      List<Integer> directions,
      PageDrawing drawing,
      float pageWidth,
      float pageHeight)
      throws IOException {
    if (!isGarbled(drawing.text())) {
      return recognition != null
          && recognition.recover(pageIndex, glyphs, directions, drawing, pageWidth, pageHeight);
    }
    garbled.add(pageIndex + 1);
    boolean removed = removeUnreadable(glyphs, directions);
    if (recognition != null
        && recognition.recognizeWhole(pageIndex, glyphs, directions, pageWidth, pageHeight)) {
      recognized.add(pageIndex + 1);
      return true;
    }
    return removed;
  }

  /** The pages found garbled so far, from 1. */
  public List<Integer> garbledPages() {
    return List.copyOf(garbled);
  }

  /** The warning about the garbled pages, or none when every page read well. */
  public List<Warning> warnings() {
    if (garbled.isEmpty()) {
      return List.of();
    }
    List<Integer> kept = new ArrayList<>(garbled);
    kept.removeAll(recognized);
    StringBuilder m = new StringBuilder("the text layer of ");
    m.append(inWords(garbled))
        .append(" is mostly unreadable (replacement, control or private-use characters, or glyphs")
        .append(" without a Unicode mapping: a broken font or a damaged file)");
    if (!recognized.isEmpty()) {
      m.append(kept.isEmpty() ? "; recognized" : "; " + inWords(recognized) + " recognized")
          .append(" from the page image instead");
    }
    if (!kept.isEmpty()) {
      m.append(recognized.isEmpty() ? "; kept" : "; " + inWords(kept) + " kept")
          .append(" only the readable characters")
          .append(
              recognition != null
                  ? ": recognition read nothing there"
                  : switchedOff
                      ? ": recognition is switched off (pdfbox.ocr=off)"
                      : ": add a text recognizer (convertalot-ocr-tesseract) to recognize such"
                          + " pages");
    }
    return List.of(new Warning(Warning.GARBLED_TEXT_LAYER, m.toString(), garbled));
  }

  private static String inWords(List<Integer> pages) {
    return new Warning(Warning.GARBLED_TEXT_LAYER, "", pages).pagesInWords();
  }

  private static boolean removeUnreadable(List<Glyph> glyphs, List<Integer> directions) {
    boolean removed = false;
    for (int i = glyphs.size() - 1; i >= 0; i--) {
      Glyph glyph = glyphs.get(i);
      if (!glyph.isSpace() && UnreadableText.hasNothingReadable(glyph.text())) {
        glyphs.remove(i);
        directions.remove(i);
        removed = true;
      }
    }
    return removed;
  }
}

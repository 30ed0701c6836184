package org.convertalot.eval.internal;

import java.util.Map;

/** What {@link PyHtmlParser} reports. */
interface HtmlEvents {
  /** A start tag; {@code selfClosing} for the {@code <tag/>} syntax. */
  void startTag(String tag, Map<String, String> attributes, boolean selfClosing);

  void endTag(String tag);

  void text(String data);

  /** A comment, processing instruction or declaration: dropped, but it ends the current text. */
  void comment();

  /** A {@code <!DOCTYPE …>}, which BeautifulSoup writes back followed by a line break. */
  void doctype();
}

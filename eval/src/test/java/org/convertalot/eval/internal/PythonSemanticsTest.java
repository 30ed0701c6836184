package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Python string behaviours the scores depend on. */
class PythonSemanticsTest {
  @Test
  void whitespaceIsPythonsNotJavas() {
    assertEquals(
        "a b c d", PyText.collapseWhitespace("\u001c a\u00a0\u00a0b\u2028c\u000bd \u3000"));
    assertEquals("x\u200bx", PyText.collapseWhitespace("x\u200bx")); // zero-width space is no space
  }

  @Test
  void splitLinesBreaksWherePythonDoes() {
    assertEquals(
        List.of("a", "b", "c", "d", ""), PyText.splitLines("a\r\nb\u000bc\u2028d\n\r", false));
    assertEquals(List.of("a\r\n", "b"), PyText.splitLines("a\r\nb", true));
  }

  @Test
  void unescapeFollowsHtmlUnescape() {
    assertEquals("AT&T", HtmlEntities.unescape("AT&amp;T"));
    assertEquals("\u00a9 \u00a9x; x", HtmlEntities.unescape("&copy &copyx; x"));
    assertEquals("\u2013\uFFFD\uFFFDA", HtmlEntities.unescape("&#150;&#0;&#x110000;&#65"));
    assertEquals("&foo; &", HtmlEntities.unescape("&foo; &"));
    assertEquals("\u2202\u0338", HtmlEntities.unescape("&npart;"));
  }

  @Test
  void parseIntAcceptsWhatPythonIntAccepts() {
    assertEquals(2, PyText.parseInt(" 2 "));
    assertEquals(-3, PyText.parseInt("-3"));
    assertEquals(10, PyText.parseInt("1_0"));
    assertThrows(IllegalArgumentException.class, () -> PyText.parseInt(""));
    assertThrows(IllegalArgumentException.class, () -> PyText.parseInt("2.0"));
    assertThrows(IllegalArgumentException.class, () -> PyText.parseInt("1__0"));
  }
}

package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pipe-table pre-step, including the reference converter's quirks. */
class MarkdownTablesTest {
  @Test
  void pipeTableBecomesOneLineOfHtml() {
    assertEquals(
        "before\n<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table>\nafter",
        MarkdownTables.toHtml("before\n| h1 | h2 |\n| --- | :-: |\n| a | b |\nafter"));
  }

  @Test
  void rowsArePaddedOrTruncatedToTheWidth() {
    assertEquals(
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td></td></tr>"
            + "<tr><td>1</td><td>2</td></tr></table>\n",
        MarkdownTables.toHtml("|a|b|\n|-|-|\n|1|\n|1|2|3|"));
  }

  @Test
  void threeCellRowInAWiderTableRepeatsItsMiddleCell() {
    assertEquals(
        "<table><tr><th>a</th><th>b</th><th>c</th><th>d</th></tr>"
            + "<tr><td>x</td><td>y</td><td>y</td><td>z</td></tr></table>\n",
        MarkdownTables.toHtml("|a|b|c|d|\n|-|-|-|-|\n|x|y|z|"));
  }

  @Test
  void emptyHeaderIsReplacedByTheFirstBodyRow() {
    assertEquals(
        "<table><tr><th>a</th></tr><tr><td>b</td></tr></table>\n",
        MarkdownTables.toHtml("| |\n|---|\n| a |\n| b |"));
  }

  @Test
  void cellsAreHtmlEscapedAndEscapedPipesStillSplit() {
    assertEquals(
        "<table><tr><th>a \\</th><th>b &amp; &lt;br&gt; &#x27;q&#x27;</th></tr></table>\n",
        MarkdownTables.toHtml("| a \\| b & <br> 'q' |\n|---|---|"));
  }

  @Test
  void withoutASeparatorRowNothingChanges() {
    String text = "| not | a table |\n| still | text |\nend\r\n";
    assertEquals(text, MarkdownTables.toHtml(text));
  }

  @Test
  void theTableKeepsItsHeaderLineEnding() {
    assertEquals(
        "<table><tr><th>a</th></tr></table>\r\nnext", MarkdownTables.toHtml("|a|\r\n|-|\r\nnext"));
  }
}

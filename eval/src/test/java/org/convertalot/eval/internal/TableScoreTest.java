package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * TEDS and TEDS-S on hand-made tables. N counts every element under the synthetic root: for a 2x2
 * pipe table that is table + 2 tr + 4 cells = 7.
 */
class TableScoreTest {
  private static final double EPS = 1e-12;
  private static final String TWO_BY_TWO = "| a | b |\n|---|---|\n| c | d |\n";

  @Test
  void noTableInGroundTruthIsNotScored() {
    assertNull(TableScore.score("just text", TWO_BY_TWO));
  }

  @Test
  void noTableInPredictionScoresZero() {
    TableScore.Result r = TableScore.score(TWO_BY_TWO, "a b c d");
    assertEquals(0.0, r.teds(), EPS);
    assertEquals(0.0, r.tedsS(), EPS);
  }

  @Test
  void identicalTablesScoreOne() {
    TableScore.Result r = TableScore.score(TWO_BY_TWO, TWO_BY_TWO);
    assertEquals(1.0, r.teds(), EPS);
    assertEquals(1.0, r.tedsS(), EPS);
  }

  @Test
  void oneWrongCellCostsItsNormalizedEditDistance() {
    TableScore.Result wrong = TableScore.score(TWO_BY_TWO, "| a | b |\n|---|---|\n| c | x |\n");
    assertEquals(1.0 - 1.0 / 7.0, wrong.teds(), EPS);
    assertEquals(1.0, wrong.tedsS(), EPS);
    TableScore.Result typo =
        TableScore.score("| cat |\n|---|\n", "| cut |\n|---|\n"); // table, tr, th: N = 3
    assertEquals(1.0 - (1.0 / 3.0) / 3.0, typo.teds(), EPS);
  }

  @Test
  void aMissingRowCostsItsNodes() {
    // Deleting one tr and its two cells: 3 of 7.
    TableScore.Result r = TableScore.score(TWO_BY_TWO, "| a | b |\n|---|---|\n");
    assertEquals(4.0 / 7.0, r.teds(), EPS);
    assertEquals(4.0 / 7.0, r.tedsS(), EPS);
  }

  @Test
  void headerCellsCountAsDataCells() {
    TableScore.Result r =
        TableScore.score(
            "<table><tr><th>a</th></tr></table>", "<table><tr><td>a</td></tr></table>");
    assertEquals(1.0, r.teds(), EPS);
  }

  @Test
  void spanMismatchCostsAFullRename() {
    TableScore.Result r =
        TableScore.score(
            "<table><tr><td colspan=\"2\">a</td></tr></table>",
            "<table><tr><td>a</td></tr></table>");
    assertEquals(1.0 - 1.0 / 3.0, r.teds(), EPS);
    assertEquals(1.0 - 1.0 / 3.0, r.tedsS(), EPS);
  }

  @Test
  void lineBreakElementCountsAsANodeAndAsMarkup() {
    // The HTML cell reads "a<br></br>b" -> "a </br>b"; the pipe cell's literal "<br>" -> "a b".
    // N = max(table, tr, td, br = 4; table, tr, th = 3); the rename costs 5 / 8.
    TableScore.Result r =
        TableScore.score("<table><tr><td>a<br>b</td></tr></table>", "| a<br>b |\n|---|\n");
    assertEquals(1.0 - 0.625 / 4.0, r.teds(), EPS);
  }

  @Test
  void entitiesAreDecodedBeforeComparing() {
    TableScore.Result r =
        TableScore.score("<table><tr><td>AT&amp;T</td></tr></table>", "| AT&amp;T |\n|---|\n");
    assertEquals(1.0, r.teds(), EPS);
  }

  @Test
  void bareTheadAndTbodyAreIgnored() {
    TableScore.Result r =
        TableScore.score(
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>",
            "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>");
    assertEquals(1.0, r.teds(), EPS);
  }

  @Test
  void unclosedCellsAreClosedAsLibxml2Does() {
    TableScore.Result r =
        TableScore.score(
            "<table><tr><td>a</td><td>b</td></tr></table>", "<table><tr><td>a<td>b</tr></table>");
    assertEquals(1.0, r.teds(), EPS);
  }

  @Test
  void allTablesOfAPageAreComparedInOrder() {
    String one = "<table><tr><td>1</td></tr></table>";
    String two = "<table><tr><td>2</td></tr></table>";
    assertEquals(1.0, TableScore.score(one + "\n" + two, one + "\ntext\n" + two).teds(), EPS);
    // Swapped: both cells renamed at cost 1 each, N = 6.
    assertEquals(1.0 - 2.0 / 6.0, TableScore.score(one + two, two + one).teds(), EPS);
  }

  @Test
  void aSpanThatIsNoIntegerFailsThePage() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TableScore.score(
                "<table><tr><td colspan=\"x\">a</td></tr></table>", "<table></table>"));
  }
}

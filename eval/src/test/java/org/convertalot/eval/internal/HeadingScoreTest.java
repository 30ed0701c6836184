package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** MHS and MHS-S on hand-made pages; node counts include the root. */
class HeadingScoreTest {
  private static final double EPS = 1e-12;

  @Test
  void noHeadingInGroundTruthIsNotScored() {
    assertNull(HeadingScore.score("plain text\nmore", "# A heading"));
    assertNull(HeadingScore.score("#NoSpace\n####### seven", "# A heading"));
  }

  @Test
  void noHeadingInPredictionScoresZero() {
    HeadingScore.Result r = HeadingScore.score("# Title\nbody", "Title\nbody");
    assertEquals(0.0, r.mhs(), EPS);
    assertEquals(0.0, r.mhsS(), EPS);
  }

  @Test
  void identicalPagesScoreOne() {
    String page = "intro\n# One\ntext\n## Two\nmore text\n";
    HeadingScore.Result r = HeadingScore.score(page, page);
    assertEquals(1.0, r.mhs(), EPS);
    assertEquals(1.0, r.mhsS(), EPS);
  }

  @Test
  void headingLevelsAreAllAlike() {
    HeadingScore.Result r = HeadingScore.score("# Title\ntext", "###\tTitle\ntext");
    assertEquals(1.0, r.mhs(), EPS);
  }

  @Test
  void headingTextEditCostsNormalizedLevenshtein() {
    // root, heading, content = 3 nodes; "Intro" -> "Intra" costs 1/5.
    HeadingScore.Result r = HeadingScore.score("# Intro\nbody", "# Intra\nbody");
    assertEquals(1.0 - 0.2 / 3.0, r.mhs(), EPS);
    assertEquals(1.0, r.mhsS(), EPS);
  }

  @Test
  void aMissingHeadingCostsItsNodes() {
    // gt: root, A, "x", B, "y" (5); pred: root, A, "x y" (3). Delete B and "y" (2) and
    // rename "x" to "x y" (2/3).
    HeadingScore.Result r = HeadingScore.score("# A\nx\n# B\ny", "# A\nx\ny");
    assertEquals(1.0 - (2.0 + 2.0 / 3.0) / 5.0, r.mhs(), EPS);
    assertEquals(1.0 - 2.0 / 5.0, r.mhsS(), EPS);
  }

  @Test
  void textBeforeTheFirstHeadingIsOneContentNode() {
    // gt: root, "lead one lead two", A (3); pred: root, A (2). Delete the content node: 1 of 3.
    HeadingScore.Result r = HeadingScore.score("lead one\n\nlead two\n# A", "# A");
    assertEquals(1.0 - 1.0 / 3.0, r.mhs(), EPS);
  }

  @Test
  void extraHeadingsCostOneEach() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      many.append("# H").append(i).append('\n');
    }
    // gt: root, Z (2); pred: root and 20 headings (21). Insert 19, rename "Z" -> "H0" (2/2).
    HeadingScore.Result r = HeadingScore.score("# Z", many.toString());
    assertEquals(1.0 - 20.0 / 21.0, r.mhs(), EPS);
    assertEquals(1.0 - 19.0 / 21.0, r.mhsS(), EPS);
  }
}

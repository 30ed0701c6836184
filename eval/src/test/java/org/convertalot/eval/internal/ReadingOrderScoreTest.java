package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** NID and NID-S on hand-made pages, expected values worked out from the definition. */
class ReadingOrderScoreTest {
  private static final double EPS = 1e-12;

  @Test
  void identicalTextScoresOne() {
    ReadingOrderScore.Result r = ReadingOrderScore.score("Hello world.", "Hello world.");
    assertEquals(1.0, r.nid(), EPS);
    assertEquals(1.0, r.nidS(), EPS);
  }

  @Test
  void whitespaceRunsCollapseIncludingUnicodeSpaces() {
    // Python's \s covers NBSP and the ideographic space; only the characters count.
    assertEquals(1.0, ReadingOrderScore.score("a  b\n\n c\t", "a\u00a0b\u3000c").nid(), EPS);
  }

  @Test
  void oneSubstitutionIsTwoIndelOperations() {
    // LCS("abcd", "abed") = 3, |gt| + |pred| = 8: 1 - (8 - 6) / 8.
    assertEquals(0.75, ReadingOrderScore.score("abcd", "abed").nid(), EPS);
  }

  @Test
  void lengthIsCountedInCodePoints() {
    // The emoji is one character for Python: LCS 1 of 2 + 1 characters.
    assertEquals(1.0 - 1.0 / 3.0, ReadingOrderScore.score("\uD83D\uDE00a", "a").nid(), EPS);
  }

  @Test
  void emphasisMarkersCountAsCharacters() {
    // "**a**" vs "a": LCS 1 of 6 characters, so 1 - 4/6.
    assertEquals(1.0 / 3.0, ReadingOrderScore.score("**a**", "a").nid(), EPS);
  }

  @Test
  void emptyPredictionScoresZeroAndEmptyGroundTruthIsNotScored() {
    assertEquals(0.0, ReadingOrderScore.score("text", "").nid(), EPS);
    assertEquals(0.0, ReadingOrderScore.score("text", " \n ").nid(), EPS);
    assertNull(ReadingOrderScore.score(" \n\t", "anything"));
  }

  @Test
  void tableMarkupCountsInNidButNotInNidS() {
    String gt = "x\n\n| a |\n|---|\n| b |\n";
    ReadingOrderScore.Result r = ReadingOrderScore.score(gt, "x");
    // gt becomes "x " + "<table><tr><th>a</th></tr><tr><td>b</td></tr></table>" (2 + 53 chars).
    assertEquals(2.0 / 56.0, r.nid(), EPS);
    assertEquals(1.0, r.nidS(), EPS);
  }

  @Test
  void everyHtmlTableIsRemovedForNidS() {
    String gt = "before <TABLE class=\"t\"><tr><td>1</td></tr></TABLE> after";
    ReadingOrderScore.Result r = ReadingOrderScore.score(gt, "before after");
    assertEquals(1.0, r.nidS(), EPS);
  }
}

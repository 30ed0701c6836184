package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The string distances, the bit-parallel LCS checked against the textbook recurrence. */
class TextDistanceTest {
  @Test
  void levenshteinKnownValues() {
    assertEquals(3, TextDistance.levenshtein("kitten", "sitting"));
    assertEquals(0, TextDistance.levenshtein("", ""));
    assertEquals(4, TextDistance.levenshtein("", "abcd"));
    assertEquals(1, TextDistance.levenshtein("a\uD83D\uDE00b", "ab"));
  }

  @Test
  void indelRatioOfEmptyStringsIsOne() {
    assertEquals(1.0, TextDistance.indelRatio("", ""));
    assertEquals(0.0, TextDistance.indelRatio("abc", ""));
  }

  @Test
  void bitParallelLcsMatchesDynamicProgrammingAcrossWordBoundaries() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int[] a = random.ints(random.nextInt(300), 'a', 'e').toArray();
      int[] b = random.ints(random.nextInt(300), 'a', 'e').toArray();
      assertEquals(naiveLcs(a, b), TextDistance.lcsLength(a, b), "round " + round);
    }
  }

  private static int naiveLcs(int[] a, int[] b) {
    int[][] d = new int[a.length + 1][b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        d[i][j] = a[i - 1] == b[j - 1] ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
      }
    }
    return d[a.length][b.length];
  }
}

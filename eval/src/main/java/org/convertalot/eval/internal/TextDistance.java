package org.convertalot.eval.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Character-level string distances over Unicode code points (Python's unit of string length): the
 * normalized Indel similarity of rapidfuzz's {@code fuzz.ratio} and the Levenshtein distance of
 * {@code rapidfuzz.distance.Levenshtein}.
 */
final class TextDistance {
  private TextDistance() {}

  /**
   * {@code fuzz.ratio(a, b) / 100}: 1 − (|a| + |b| − 2·LCS) / (|a| + |b|), and 1 for two empty
   * strings.
   */
  static double indelRatio(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    long lensum = (long) x.length + y.length;
    if (lensum == 0) {
      return 1.0;
    }
    long dist = lensum - 2L * lcsLength(x, y);
    // rapidfuzz scales the similarity to a percentage, which the reference divides back.
    return (1.0 - (double) dist / lensum) * 100.0 / 100.0;
  }

  /**
   * The length of a longest common subsequence, with the bit-parallel algorithm of Hyyrö (2004):
   * one machine word covers 64 characters of {@code a}, so long pages stay fast.
   */
  static int lcsLength(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    int words = (a.length + 63) >>> 6;
    Map<Integer, long[]> positions = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      positions.computeIfAbsent(a[i], k -> new long[words])[i >>> 6] |= 1L << (i & 63);
    }
    long[] s = new long[words];
    java.util.Arrays.fill(s, -1L);
    for (int c : b) {
      long[] match = positions.get(c);
      if (match == null) {
        continue;
      }
      long carry = 0;
      for (int w = 0; w < words; w++) {
        long u = s[w] & match[w];
        long x = s[w];
        long t = x + carry;
        long c1 = (carry != 0 && t == 0) ? 1 : 0;
        long sum = t + u;
        long c2 = Long.compareUnsigned(sum, t) < 0 ? 1 : 0;
        carry = c1 | c2;
        s[w] = sum | (x & ~match[w]);
      }
    }
    int zeros = 0;
    for (int w = 0; w < words; w++) {
      long word = s[w];
      int bits = Math.min(64, a.length - (w << 6));
      long mask = bits == 64 ? -1L : (1L << bits) - 1;
      zeros += Long.bitCount(~word & mask);
    }
    return zeros;
  }

  /** The Levenshtein distance (unit insert, delete and substitute) between two strings. */
  static int levenshtein(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int start = 0;
    while (start < x.length && start < y.length && x[start] == y[start]) {
      start++;
    }
    int endX = x.length;
    int endY = y.length;
    while (endX > start && endY > start && x[endX - 1] == y[endY - 1]) {
      endX--;
      endY--;
    }
    int m = endX - start;
    int n = endY - start;
    if (m == 0 || n == 0) {
      return m + n;
    }
    int[] prev = new int[n + 1];
    int[] cur = new int[n + 1];
    for (int j = 0; j <= n; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= m; i++) {
      cur[0] = i;
      int xi = x[start + i - 1];
      for (int j = 1; j <= n; j++) {
        int substitute = prev[j - 1] + (xi == y[start + j - 1] ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[n];
  }

  /** The code-point length of a string (Python's {@code len}). */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}

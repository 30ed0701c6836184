package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Zhang–Shasha on small trees with known distances. */
class TreeEditDistanceTest {
  private static final TreeEditDistance.RenameCost<String> UNIT = (a, b) -> a.equals(b) ? 0 : 1;

  @SafeVarargs
  private static TreeEditDistance.Node<String> n(
      String label, TreeEditDistance.Node<String>... kids) {
    return new TreeEditDistance.Node<>(label, List.of(kids));
  }

  @Test
  void identicalTreesAreAtDistanceZero() {
    assertEquals(
        0.0, TreeEditDistance.distance(n("a", n("b"), n("c")), n("a", n("b"), n("c")), UNIT));
  }

  @Test
  void insertDeleteAndRenameCostOne() {
    assertEquals(1.0, TreeEditDistance.distance(n("a", n("b")), n("a", n("b"), n("c")), UNIT));
    assertEquals(1.0, TreeEditDistance.distance(n("a", n("b"), n("c")), n("a", n("c")), UNIT));
    assertEquals(1.0, TreeEditDistance.distance(n("a", n("b")), n("a", n("x")), UNIT));
  }

  @Test
  void classicZhangShashaExample() {
    // f(d(a, c(b)), e) -> f(c(d(a, b)), e): delete c, insert c above d: 2.
    TreeEditDistance.Node<String> t1 = n("f", n("d", n("a"), n("c", n("b"))), n("e"));
    TreeEditDistance.Node<String> t2 = n("f", n("c", n("d", n("a"), n("b"))), n("e"));
    assertEquals(2.0, TreeEditDistance.distance(t1, t2, UNIT));
  }

  @Test
  void deletingAnInnerNodeKeepsItsChildren() {
    // a(b(c, d)) -> a(c, d): one delete.
    assertEquals(
        1.0,
        TreeEditDistance.distance(n("a", n("b", n("c"), n("d"))), n("a", n("c"), n("d")), UNIT));
  }

  @Test
  void fractionalRenameIsUsedWhenCheaper() {
    TreeEditDistance.RenameCost<String> cheap = (a, b) -> a.equals(b) ? 0 : 0.25;
    assertEquals(
        0.5, TreeEditDistance.distance(n("r", n("x"), n("y")), n("r", n("p"), n("q")), cheap));
  }
}

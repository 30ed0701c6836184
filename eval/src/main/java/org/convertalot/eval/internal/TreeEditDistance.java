package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact tree edit distance of Zhang and Shasha (1989) between ordered labelled trees, with unit
 * insert and delete costs and a caller-given rename cost. APTED, which the reference uses, computes
 * the same minimum with a different strategy, so the two agree up to floating-point rounding.
 */
final class TreeEditDistance {
  /** A tree node: a label and its ordered children. */
  record Node<L>(L label, List<Node<L>> children) {
    Node {
      children = List.copyOf(children);
    }

    Node(L label) {
      this(label, List.of());
    }
  }

  /** The cost of turning one label into another (0 for equal labels). */
  @FunctionalInterface
  interface RenameCost<L> {
    double cost(L from, L to);
  }

  private TreeEditDistance() {}

  /**
   * The least total cost of node inserts, deletes (1 each) and renames turning {@code a} into
   * {@code b}.
   */
  static <L> double distance(Node<L> a, Node<L> b, RenameCost<L> rename) {
    PostOrder<L> t1 = new PostOrder<>(a);
    PostOrder<L> t2 = new PostOrder<>(b);
    int n1 = t1.size();
    int n2 = t2.size();
    double[][] treeDist = new double[n1][n2];
    double[][] renameCost = new double[n1][n2];
    for (double[] row : renameCost) {
      Arrays.fill(row, Double.NaN);
    }
    double[][] forest = new double[n1 + 1][n2 + 1];
    for (int i : t1.keyRoots()) {
      for (int j : t2.keyRoots()) {
        int li = t1.leftmost[i];
        int lj = t2.leftmost[j];
        int m = i - li + 2;
        int n = j - lj + 2;
        forest[0][0] = 0;
        for (int x = 1; x < m; x++) {
          forest[x][0] = forest[x - 1][0] + 1;
        }
        for (int y = 1; y < n; y++) {
          forest[0][y] = forest[0][y - 1] + 1;
        }
        for (int x = 1; x < m; x++) {
          int p = li + x - 1;
          for (int y = 1; y < n; y++) {
            int q = lj + y - 1;
            double edit = Math.min(forest[x - 1][y] + 1, forest[x][y - 1] + 1);
            if (t1.leftmost[p] == li && t2.leftmost[q] == lj) {
              double r = renameCost[p][q];
              if (Double.isNaN(r)) {
                r = rename.cost(t1.labels.get(p), t2.labels.get(q));
                renameCost[p][q] = r;
              }
              forest[x][y] = Math.min(edit, forest[x - 1][y - 1] + r);
              treeDist[p][q] = forest[x][y];
            } else {
              int px = t1.leftmost[p] - li;
              int qy = t2.leftmost[q] - lj;
              forest[x][y] = Math.min(edit, forest[px][qy] + treeDist[p][q]);
            }
          }
        }
      }
    }
    return treeDist[n1 - 1][n2 - 1];
  }

  /** A tree flattened in post-order, with each node's leftmost leaf. */
  private static final class PostOrder<L> {
    final List<L> labels = new ArrayList<>();
    final int[] leftmost;

    PostOrder(Node<L> root) {
      List<Integer> lml = new ArrayList<>();
      visit(root, lml);
      leftmost = lml.stream().mapToInt(Integer::intValue).toArray();
    }

    private int visit(Node<L> node, List<Integer> lml) {
      int first = -1;
      for (Node<L> child : node.children()) {
        int leaf = visit(child, lml);
        if (first < 0) {
          first = leaf;
        }
      }
      labels.add(node.label());
      int index = labels.size() - 1;
      lml.add(first < 0 ? index : first);
      return lml.get(index);
    }

    int size() {
      return labels.size();
    }

    /** The nodes that have no later node with the same leftmost leaf, in increasing order. */
    int[] keyRoots() {
      int[] lastWithLeaf = new int[size()];
      Arrays.fill(lastWithLeaf, -1);
      for (int i = 0; i < size(); i++) {
        lastWithLeaf[leftmost[i]] = i;
      }
      return Arrays.stream(lastWithLeaf).filter(i -> i >= 0).sorted().toArray();
    }
  }
}

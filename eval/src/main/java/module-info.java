/**
 * The Markdown quality scorer of the opendataloader-bench: NID (text and reading order), TEDS
 * (tables) and MHS (headings), reimplemented so that it reproduces the benchmark's published
 * per-document scores. {@link org.convertalot.eval.Evaluator} scores a folder of predictions
 * against a folder of ground truth; the implementation is not exported.
 */
module org.convertalot.eval {
  requires com.fasterxml.jackson.databind;

  exports org.convertalot.eval;
}

package org.convertalot.cli.eval;

/**
 * The scores of one document; a null score means the metric does not apply to it (no text, no table
 * or no heading in the ground truth). A document whose scoring failed has only {@code error}.
 */
record DocumentScores(
    String documentId,
    Double overall,
    Double nid,
    Double nidS,
    Double teds,
    Double tedsS,
    Double mhs,
    Double mhsS,
    boolean predictionAvailable,
    String error) {

  boolean failed() {
    return error != null;
  }
}

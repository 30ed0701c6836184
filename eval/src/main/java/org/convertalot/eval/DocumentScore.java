package org.convertalot.eval;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The scores of one ground-truth document, each in [0, 1]. An empty score means that the metric
 * does not apply to the document: NID applies to a ground truth with text, TEDS to one with a
 * table, MHS to one with a {@code #} heading; {@code overall} is the mean of those that apply. A
 * document whose scoring failed has an {@code error} and no score, and counts in no mean.
 *
 * @param id the document's id: its ground-truth file name without {@code .md}
 * @param overall the mean of the metrics that apply
 * @param nid NID, the normalized Indel similarity of the two texts in reading order
 * @param nidS NID-S, NID with every table of both texts left out
 * @param teds TEDS, the tree edit distance similarity of the tables, cell texts included
 * @param tedsS TEDS-S, TEDS of the table structure only
 * @param mhs MHS, the tree edit distance similarity of the headings with their sections' text
 * @param mhsS MHS-S, MHS of the heading structure only
 * @param predictionAvailable false when the document had no prediction and was scored as an empty
 *     page
 * @param error why the document's scoring failed; empty when it did not
 */
public record DocumentScore(
    String id,
    OptionalDouble overall,
    OptionalDouble nid,
    OptionalDouble nidS,
    OptionalDouble teds,
    OptionalDouble tedsS,
    OptionalDouble mhs,
    OptionalDouble mhsS,
    boolean predictionAvailable,
    Optional<String> error) {

  /**
   * Checks that no component is null.
   *
   * @param id the document's id
   * @param overall the mean of the metrics that apply
   * @param nid NID
   * @param nidS NID-S
   * @param teds TEDS
   * @param tedsS TEDS-S
   * @param mhs MHS
   * @param mhsS MHS-S
   * @param predictionAvailable whether the document had a prediction
   * @param error why the document's scoring failed
   * @throws NullPointerException if a component is null
   */
  public DocumentScore {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(overall, "overall");
    Objects.requireNonNull(nid, "nid");
    Objects.requireNonNull(nidS, "nidS");
    Objects.requireNonNull(teds, "teds");
    Objects.requireNonNull(tedsS, "tedsS");
    Objects.requireNonNull(mhs, "mhs");
    Objects.requireNonNull(mhsS, "mhsS");
    Objects.requireNonNull(error, "error");
  }

  /**
   * Whether the document's scoring failed (see {@link #error()}).
   *
   * @return true when the document has an error
   */
  public boolean failed() {
    return error.isPresent();
  }
}

/**
 * The Markdown quality scorer of the opendataloader-bench (NID, TEDS, MHS), as {@code
 * shared/design/quality-metrics.md} defines it.
 *
 * <pre>{@code
 * EvalReport report = Evaluator.create().evaluate(groundTruthDir, predictionsDir);
 * System.out.print(report.toText());
 * report.writeJson(Path.of("eval.json"));
 * }</pre>
 *
 * <p>{@link org.convertalot.eval.Evaluator} scores every ground-truth {@code <id>.md} against the
 * prediction of the same name; {@link org.convertalot.eval.EvalReport} holds one {@link
 * org.convertalot.eval.DocumentScore} per document and their {@link org.convertalot.eval.Mean
 * means}. All types are immutable and safe to share between threads.
 */
package org.convertalot.eval;

/**
 * {@code convertalot eval}: the command over the scorer of {@code convertalot-eval} ({@link
 * org.convertalot.eval.Evaluator}). Only {@link org.convertalot.cli.eval.EvalCommand} is here.
 */
package org.convertalot.cli.eval;

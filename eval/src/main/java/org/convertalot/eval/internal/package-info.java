/**
 * The scorer behind {@link org.convertalot.eval.Evaluator}: NID ({@code ReadingOrderScore}), TEDS
 * ({@code TableScore}) and MHS ({@code HeadingScore}), with the Python string, HTML-parsing and
 * tree behaviours they depend on, reimplemented so that they reproduce the benchmark's published
 * per-document scores. Not exported: only the classes the public API calls are public.
 */
package org.convertalot.eval.internal;

/**
 * {@code convertalot eval}: the Markdown quality scorer of the opendataloader-bench, NID (text and
 * reading order), TEDS (tables) and MHS (headings), reimplemented so that it reproduces the
 * benchmark's published per-document scores. Only {@link org.convertalot.cli.eval.EvalCommand} is
 * public.
 */
package org.convertalot.cli.eval;

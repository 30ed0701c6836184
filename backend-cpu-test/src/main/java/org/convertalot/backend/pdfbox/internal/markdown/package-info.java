/**
 * Markdown output: headings, list items, paragraphs and tables from a document's blocks, escaped so
 * that CommonMark renders the text literally, with links and emphasis when asked for. Not exported.
 */
package org.convertalot.backend.pdfbox.internal.markdown;

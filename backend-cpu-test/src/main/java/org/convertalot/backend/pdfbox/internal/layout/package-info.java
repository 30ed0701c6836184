/**
 * Page layout: tables out of the text flow, reading order over lines and tables, and blocks
 * (paragraphs, headings, list items, tables) from the ordered lines; running headers and footers
 * are dropped over the whole document. Not exported.
 */
package org.convertalot.backend.pdfbox.internal.layout;

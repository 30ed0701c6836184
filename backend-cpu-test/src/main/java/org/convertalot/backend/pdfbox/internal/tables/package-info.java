/**
 * Table detection: grids of drawn lines, stacks of horizontal rules, and aligned text without any
 * lines, each giving a {@link org.convertalot.backend.pdfbox.internal.tables.DetectedTable}; {@link
 * org.convertalot.backend.pdfbox.internal.tables.TableDetection} runs them in order. Not exported.
 */
package org.convertalot.backend.pdfbox.internal.tables;

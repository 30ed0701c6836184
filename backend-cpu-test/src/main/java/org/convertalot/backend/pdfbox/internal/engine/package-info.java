/**
 * The engine: reads a request's options, checks the input file, opens the PDF, runs the stages
 * ({@code extract} with {@code recognition}, then {@code markdown}) and turns failures into the
 * runtime's error codes. Not exported.
 */
package org.convertalot.backend.pdfbox.internal.engine;

package org.convertalot.cli;

import java.nio.file.Path;

/**
 * One PDF to convert and where its Markdown goes.
 *
 * @param source the absolute, normalized path of the PDF
 * @param output the absolute path of the Markdown file
 * @param display the path shown in progress and summaries: relative to its input folder, or the
 *     file name for a file input; terminal-safe ({@link Display#safe})
 */
record PlannedFile(Path source, Path output, String display) {}

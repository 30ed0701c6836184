package org.convertalot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Files that only pretend to be PDFs; the real ones come from the test kit's {@code TestPdf}. */
final class NotAPdf {
  private NotAPdf() {}

  /** Random bytes under a {@code .pdf} name: the engine must refuse it as {@code not_a_pdf}. */
  static Path randomBytes(Path file, long seed) {
    byte[] bytes = new byte[4096];
    new Random(seed).nextBytes(bytes);
    // Make sure the random bytes cannot start like a PDF by accident.
    bytes[0] = 'X';
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.convertalot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A file of API keys, one a line; blank lines and lines starting with '#' are skipped. */
final class ApiKeyFile {
  private ApiKeyFile() {}

  static List<String> read(Path file) throws IOException {
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String key = line.strip();
      if (!key.isEmpty() && !key.startsWith("#")) {
        keys.add(key);
      }
    }
    return keys;
  }
}

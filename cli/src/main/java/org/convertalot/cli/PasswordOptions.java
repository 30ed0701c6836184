package org.convertalot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Option;

/**
 * {@code --password} and {@code --password-file}: passwords to try on encrypted PDFs. They stay in
 * this process: never stored with a job, never printed.
 */
final class PasswordOptions {
  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description =
          "A password to try on encrypted PDFs (repeatable). Visible to other users of this"
              + " machine (ps): prefer --password-file.")
  private List<String> passwords = new ArrayList<>();

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "A file of passwords to try on encrypted PDFs, one a line.")
  private Path passwordFile;

  /** Adds the passwords to the runtime; a file that cannot be read is a usage error. */
  ConvertALot.Builder applyTo(ConvertALot.Builder builder) {
    List<String> all = new ArrayList<>(passwords);
    if (passwordFile != null) {
      try {
        for (String line : Files.readAllLines(passwordFile, StandardCharsets.UTF_8)) {
          if (!line.isEmpty()) {
            all.add(line);
          }
        }
      } catch (IOException e) {
        throw new UsageError("cannot read --password-file " + passwordFile + ": " + e);
      }
    }
    for (String password : all) {
      if (password.isEmpty()) {
        throw new UsageError("--password must not be empty (the empty password is always tried)");
      }
      builder.password(password);
    }
    return builder;
  }
}

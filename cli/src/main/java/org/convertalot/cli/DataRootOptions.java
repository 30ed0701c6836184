package org.convertalot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of commands that work on existing jobs ({@code worker}, {@code status}, {@code
 * verify}, {@code export}, {@code cancel}): the store, and for the file store its data root.
 * Opening a file store creates a missing root, so these commands check first: a mistyped path must
 * be an error, not a new empty data root.
 */
final class DataRootOptions {
  /** What picocli says of a missing required option, kept for {@code --store file}. */
  static final String MISSING_DATA_ROOT = "Missing required option: '--data-root=DIR'";

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "The data root to read (for example <out>/.convertalot); required with --store file.")
  private Path dataRoot;

  @Mixin private StoreOptions store;

  /**
   * A data root that a command may create ({@code submit}, {@code serve}): absolute and normal.
   *
   * @param dataRoot the option's value, or null when it was not given
   */
  static Path toCreate(Path dataRoot) {
    if (dataRoot == null) {
      throw new UsageError(MISSING_DATA_ROOT);
    }
    return dataRoot.toAbsolutePath().normalize();
  }

  /** The data root, after checking that it exists and is not an empty folder. */
  Path existingRoot() {
    if (dataRoot == null) {
      throw new UsageError(MISSING_DATA_ROOT);
    }
    Path root = dataRoot.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UsageError("data root not found: " + dataRoot);
    }
    try (Stream<Path> entries = Files.list(root)) {
      if (entries.findAny().isEmpty()) {
        throw new UsageError("not a data root (empty folder): " + dataRoot);
      }
    } catch (IOException e) {
      throw new UsageError("cannot read data root " + dataRoot + ": " + e.getMessage());
    }
    return root;
  }

  /**
   * The checked store; a bad option or data root is a picocli usage error (exit 2).
   *
   * @param spec the command being run
   */
  StoreTarget resolve(CommandSpec spec) {
    try {
      return store.resolve(dataRoot, this::existingRoot);
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

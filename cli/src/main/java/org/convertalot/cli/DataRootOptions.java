package org.convertalot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of commands that read an existing data root. Opening a store creates a missing root,
 * so these commands check first: a mistyped path must be an error, not a new empty data root.
 */
final class DataRootOptions {
  @Option(
      names = "--data-root",
      required = true,
      paramLabel = "DIR",
      description = "The data root to read (for example <out>/.convertalot).")
  private Path dataRoot;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = JobStores.DEFAULT_NAMESPACE,
      description = "The data root's namespace (default: ${DEFAULT-VALUE}).")
  private String namespace;

  /** The data root, after checking that it exists and is not an empty folder. */
  Path existingRoot() {
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

  /** A checked data root and namespace. */
  record Resolved(Path root, String namespace) {
    /**
     * Opens the store for a command that only reads ({@code status}, {@code verify}): read-only
     * when this process cannot write the root (a read-only mount, another user's root), so that
     * looking never needs a lock file.
     */
    JobStore openForReading() {
      return readOnly()
          ? JobStores.openFileStoreReadOnly(root, namespace, Clock.systemUTC())
          : JobStores.openFileStore(root, namespace, Clock.systemUTC());
    }

    /**
     * A runtime builder for a command that only reads ({@code status}, {@code export}): no workers,
     * and on a root this process cannot write, the read-only store, so no lock file, recovery or
     * reaping is attempted.
     */
    ConvertALot.Builder readerRuntime() {
      ConvertALot.Builder builder = ConvertALot.builder().namespace(namespace).workers(0);
      return readOnly() ? builder.store(openForReading()).sanitizer(false) : builder.dataRoot(root);
    }

    boolean readOnly() {
      return !Files.isWritable(root) || !Files.isWritable(root.resolve("locks"));
    }
  }

  /**
   * The checked data root and namespace; a bad one is a picocli usage error (exit 2).
   *
   * @param spec the command being run
   */
  Resolved resolve(CommandSpec spec) {
    try {
      return new Resolved(existingRoot(), namespace());
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The namespace, validated. */
  String namespace() {
    try {
      return JobStores.checkNamespace(namespace);
    } catch (ConfigurationException e) {
      throw new UsageError("--namespace: " + e.getMessage());
    }
  }
}

package org.convertalot.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.internal.filestore.FileJobStore;

/** Opens the stores that ship with the core. */
public final class JobStores {
  /** The namespace of a data root when none is given. */
  public static final String DEFAULT_NAMESPACE = "default";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private JobStores() {}

  /**
   * Opens the embedded file store on a data root, creating it when absent.
   *
   * @param root the data root folder
   * @param namespace the namespace the root must carry (created with it when new)
   * @param clock the clock for every timestamp the store writes
   * @return the open store
   * @throws org.convertalot.api.error.DataRootConflictException when the root carries another
   *     namespace or format, or is a non-empty folder that is not a data root
   * @throws org.convertalot.api.error.StoreUnavailableException when it cannot be created or read
   */
  public static JobStore openFileStore(Path root, String namespace, Clock clock) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(clock, "clock");
    return FileJobStore.open(root, checkNamespace(namespace), clock);
  }

  /**
   * Opens an existing data root for reading only: nothing is locked, recovered or repaired, and
   * every write is refused with {@code store_unavailable} (reason {@code read_only}). For looking
   * at a root on a read-only mount or owned by another user.
   *
   * @param root the data root folder, which must exist
   * @param namespace the namespace the root must carry
   * @param clock the store's clock
   * @return the read-only store
   * @throws org.convertalot.api.error.DataRootConflictException when it is not a data root of this
   *     format and namespace
   * @throws org.convertalot.api.error.StoreUnavailableException when it cannot be read
   */
  public static JobStore openFileStoreReadOnly(Path root, String namespace, Clock clock) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(clock, "clock");
    return FileJobStore.openReadOnly(root, checkNamespace(namespace), clock);
  }

  /**
   * Validates a namespace: lower case letters, digits, dot, dash, underscore.
   *
   * @param namespace the candidate
   * @return the namespace, when valid
   * @throws ConfigurationException when it is not
   */
  public static String checkNamespace(String namespace) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new ConfigurationException(
          "namespace must match " + NAMESPACE.pattern() + ": '" + namespace + "'");
    }
    return namespace;
  }
}

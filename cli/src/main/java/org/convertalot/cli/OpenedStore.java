package org.convertalot.cli;

import java.nio.file.Path;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;

/**
 * A store opened for one command, or a data root that the runtime opens (and closes) itself. The
 * runtime never closes a store it is given, so the command closes this after the runtime.
 */
final class OpenedStore implements AutoCloseable {
  private final Path dataRoot;
  private final JobStore store;
  private final String namespace;
  private final boolean sanitizer;

  private OpenedStore(Path dataRoot, JobStore store, String namespace, boolean sanitizer) {
    this.dataRoot = dataRoot;
    this.store = store;
    this.namespace = namespace;
    this.sanitizer = sanitizer;
  }

  /** A data root the runtime opens itself. */
  static OpenedStore dataRoot(Path root, String namespace) {
    return new OpenedStore(root, null, namespace, true);
  }

  /**
   * An open store.
   *
   * @param sanitizer whether the runtime repairs impossible states on open (never on a read-only
   *     store)
   */
  static OpenedStore of(JobStore store, String namespace, boolean sanitizer) {
    return new OpenedStore(null, store, namespace, sanitizer);
  }

  /** Points the builder at this store. */
  ConvertALot.Builder applyTo(ConvertALot.Builder builder) {
    builder.namespace(namespace);
    return store != null ? builder.store(store).sanitizer(sanitizer) : builder.dataRoot(dataRoot);
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }
}

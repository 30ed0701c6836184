package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;

/** The file store on a data root of this machine: the default, as the CLI always had it. */
record FileStoreTarget(Path dataRoot, String namespace) implements StoreTarget {
  @Override
  public Secrets secrets() {
    return Secrets.NONE;
  }

  @Override
  public String describe() {
    return dataRoot.toString();
  }

  @Override
  public String summaryLine() {
    return "data root: " + dataRoot;
  }

  @Override
  public void describeIn(ObjectNode json) {
    json.put("data_root", dataRoot.toString());
  }

  @Override
  public OpenedStore open(int workers) {
    return OpenedStore.dataRoot(dataRoot, namespace);
  }

  /**
   * On a root this process cannot write (a read-only mount, another user's root) the read-only
   * store, so that no lock file, recovery or reaping is attempted.
   */
  @Override
  public OpenedStore openForReading() {
    return readOnly()
        ? OpenedStore.of(openStoreForReading(), namespace, false)
        : OpenedStore.dataRoot(dataRoot, namespace);
  }

  /** Read-only when this process cannot write the root, so that looking never needs a lock. */
  @Override
  public JobStore openStoreForReading() {
    return readOnly()
        ? JobStores.openFileStoreReadOnly(dataRoot, namespace, Clock.systemUTC())
        : JobStores.openFileStore(dataRoot, namespace, Clock.systemUTC());
  }

  @Override
  public JobStore openStore() {
    return JobStores.openFileStore(dataRoot, namespace, Clock.systemUTC());
  }

  private boolean readOnly() {
    return !Files.isWritable(dataRoot) || !Files.isWritable(dataRoot.resolve("locks"));
  }
}

package org.convertalot.store.postgres;

import org.convertalot.core.store.JobStore;
import org.convertalot.testkit.StoreScope;

/**
 * The conformance suite again, with sources and artifacts kept as files in a shared folder (one per
 * scope) instead of in the database.
 */
class PostgresSharedFolderContractTest extends PostgresJobStoreContractTest {
  @Override
  protected JobStore openStore(StoreScope scope) {
    return builder(scope).sharedFolder(scope.tempDir().resolve("shared")).open();
  }
}

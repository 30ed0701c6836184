package org.convertalot.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.convertalot.core.store.JobStore;

/**
 * A store written outside core passes the whole contract with only the two hooks implemented: no
 * clock injection, no file system.
 */
class InMemoryJobStoreContractTest extends JobStoreContract {
  private final Map<String, InMemoryJobStore> stores = new HashMap<>();
  private InMemoryJobStore open;

  @Override
  protected JobStore openStore(StoreScope scope) {
    open = stores.computeIfAbsent(scope.id(), id -> new InMemoryJobStore());
    return open;
  }

  @Override
  protected void advanceTime(Duration amount) {
    open.shift(amount);
  }
}

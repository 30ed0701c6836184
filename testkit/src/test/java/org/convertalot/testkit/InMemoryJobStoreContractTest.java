package org.convertalot.testkit;

import java.time.Duration;
import org.convertalot.core.store.JobStore;

/**
 * A store written outside core passes the whole contract with only the two hooks implemented: no
 * clock injection, no file system.
 */
class InMemoryJobStoreContractTest extends JobStoreContract {
  private InMemoryJobStore open;

  @Override
  protected JobStore openStore() {
    if (open == null) {
      open = new InMemoryJobStore();
    }
    return open;
  }

  @Override
  protected void advanceTime(Duration amount) {
    open.shift(amount);
  }
}

package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convertalot.core.store.JobStore;
import org.junit.jupiter.api.Test;

/** The race's own checks bite: it fails a store that the worker JVMs do not really share. */
class ClaimRaceContractTest {
  /** A store per JVM: the workers race on stores of their own and never see the test's jobs. */
  public static final class StorePerJvm implements JobStoreFactory {
    private static final InMemoryJobStore IN_THIS_JVM = new InMemoryJobStore();

    @Override
    public JobStore open(String location) {
      return IN_THIS_JVM;
    }
  }

  /** A factory the workers cannot make. */
  public static final class NoNoArgConstructor implements JobStoreFactory {
    public NoNoArgConstructor(String location) {}

    @Override
    public JobStore open(String location) {
      throw new UnsupportedOperationException();
    }
  }

  private static final class UnsharedRace extends ClaimRaceContract {
    @Override
    protected Class<? extends JobStoreFactory> storeFactory() {
      return StorePerJvm.class;
    }

    @Override
    protected String newStoreLocation() {
      return "memory";
    }

    @Override
    protected int jobs() {
      return 20;
    }
  }

  @Test
  void aStoreTheWorkersDoNotShareFails() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> new UnsharedRace().everyJobIsClaimedByExactlyOneRunAcrossWorkerProcesses());
    assertTrue(e.getMessage().startsWith("20 submitted jobs no worker claimed"), e::getMessage);
  }

  @Test
  void aFactoryNeedsANoArgConstructor() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClaimRaceWorker.instantiate(NoNoArgConstructor.class));
    assertTrue(e.getMessage().contains("no-arg constructor"), e::getMessage);
    assertThrows(IllegalArgumentException.class, () -> ClaimRaceWorker.instantiate(String.class));
  }
}

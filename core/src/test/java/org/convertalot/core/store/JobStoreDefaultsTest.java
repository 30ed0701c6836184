package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.core.testing.TestJobs;
import org.junit.jupiter.api.Test;

/** What a store gets when it implements only what the SPI requires (a SQL store, say). */
class JobStoreDefaultsTest {
  private static final JobId A = JobId.of("01kdvdna0069t314j3afch8xq3");
  private static final JobId B = JobId.of("01kdvdna00wszv7xzgn06jr6ah");
  private static final JobId MISSING = JobId.of("01kdvdna00830fkeyhw2edv032");

  /** A store that answers find from a map, runs every default method, and refuses the rest. */
  private static JobStore minimalStore(Map<JobId, JobSnapshot> jobs) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          if (method.getName().equals("find")) {
            return Optional.ofNullable(jobs.get((JobId) args[0]));
          }
          throw new UnsupportedOperationException(method.getName());
        };
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class}, handler);
  }

  @Test
  void aStoreThatCannotHoldImpossibleStatesNeedsNoSanitizer() {
    JobStore store = minimalStore(Map.of());
    assertEquals(0, store.sanitize());
    assertEquals(0, store.impossibleStatesRepaired());
    assertEquals(Set.of(), store.integrityViolations());
  }

  @Test
  void findAllDefaultsToOneFindPerId() {
    JobSnapshot a = JobTransitions.submit(TestJobs.job("a"), A, 1, Instant.EPOCH);
    JobSnapshot b = JobTransitions.submit(TestJobs.job("b"), B, 2, Instant.EPOCH);
    JobStore store = minimalStore(Map.of(A, a, B, b));
    assertEquals(List.of(b, a), store.findAll(List.of(B, MISSING, A)));
  }
}

package org.convertalot.api.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;

/**
 * Iterates a {@link ServiceLoader} so that one broken entry (a missing class, a constructor that
 * throws, a linkage error) is reported and skipped instead of ending the search. The caller creates
 * the loader, since {@code ServiceLoader.load} must be called from the module that {@code uses} the
 * service.
 */
public final class ServiceProviders {
  /** How many broken entries in a row end the search: a loader may fail on the same one forever. */
  static final int MAX_FAILURES = 100;

  private ServiceProviders() {}

  /**
   * Every provider that loads, in the loader's order.
   *
   * @param loader the caller's loader
   * @param onBroken told of each entry that fails to load, with a description and the error
   * @param <S> the service type
   * @return the providers that loaded
   */
  public static <S> List<S> loadAll(
      ServiceLoader<S> loader, BiConsumer<String, Throwable> onBroken) {
    List<S> out = new ArrayList<>();
    Iterator<S> it = loader.iterator();
    for (int failures = 0; failures < MAX_FAILURES; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        failures++;
        onBroken.accept("provider: " + e.getMessage(), e);
      }
    }
    return out;
  }
}

package org.convertalot.core.internal.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.error.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines of one runtime, in resolution order: engines registered on the builder first (in
 * registration order), then engines found by {@link ServiceLoader} (by id). Every provider load is
 * guarded: a broken one is recorded and skipped. Duplicate ids are a configuration error.
 */
final class EngineRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);

  private final List<Engine> engines;
  private final List<String> broken;

  private EngineRegistry(List<Engine> engines, List<String> broken) {
    this.engines = List.copyOf(engines);
    this.broken = List.copyOf(broken);
  }

  static EngineRegistry discover(
      List<ConversionBackend> registered,
      boolean useServiceLoader,
      ClassLoader classLoader,
      Map<String, Integer> concurrencyOverrides) {
    Map<String, ConversionBackend> byId = new LinkedHashMap<>();
    List<String> broken = new ArrayList<>();
    for (ConversionBackend b : registered) {
      String id = b.id();
      if (byId.putIfAbsent(id, b) != null) {
        throw new ConfigurationException("engine id '" + id + "' is registered twice");
      }
    }
    if (useServiceLoader) {
      List<ConversionBackend> found = new ArrayList<>();
      for (ConversionBackendProvider provider : loadProviders(classLoader, broken)) {
        String providerId = safeId(provider);
        if (byId.containsKey(providerId)) {
          // The builder's registration wins; the service entry is the same engine found again.
          LOG.debug(
              "engine {} registered on the builder; skipping its service provider", providerId);
          continue;
        }
        try {
          ConversionBackend backend = provider.create();
          if (backend == null || !backend.id().equals(providerId)) {
            broken.add(providerId + ": provider created an engine with another id");
            continue;
          }
          found.add(backend);
        } catch (RuntimeException | LinkageError e) {
          LOG.warn("engine provider {} failed to create its engine; skipped", providerId, e);
          broken.add(providerId + ": " + e);
        }
      }
      found.sort(Comparator.comparing(ConversionBackend::id));
      for (ConversionBackend b : found) {
        if (byId.putIfAbsent(b.id(), b) != null) {
          throw new ConfigurationException(
              "two service providers declare engine id '" + b.id() + "'");
        }
      }
    }
    List<Engine> engines = new ArrayList<>();
    for (ConversionBackend b : byId.values()) {
      BackendCapabilities caps = b.capabilities();
      int concurrency = concurrencyOverrides.getOrDefault(b.id(), caps.defaultConcurrency());
      engines.add(new Engine(b, concurrency));
    }
    for (String id : concurrencyOverrides.keySet()) {
      if (!byId.containsKey(id)) {
        throw new ConfigurationException("concurrency set for unknown engine '" + id + "'");
      }
    }
    return new EngineRegistry(engines, broken);
  }

  private static List<ConversionBackendProvider> loadProviders(
      ClassLoader classLoader, List<String> broken) {
    List<ConversionBackendProvider> out = new ArrayList<>();
    ServiceLoader<ConversionBackendProvider> loader =
        ServiceLoader.load(ConversionBackendProvider.class, classLoader);
    Iterator<ConversionBackendProvider> it = loader.iterator();
    // hasNext/next can each throw for one broken entry; keep going with the rest, with a bound in
    // case a loader keeps failing on the same entry.
    for (int failures = 0; failures < 100; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        failures++;
        LOG.warn("skipping a broken engine provider", e);
        broken.add("provider: " + e.getMessage());
      }
    }
    return out;
  }

  private static String safeId(ConversionBackendProvider provider) {
    try {
      return provider.id();
    } catch (RuntimeException e) {
      return provider.getClass().getName();
    }
  }

  List<Engine> engines() {
    return engines;
  }

  List<String> broken() {
    return broken;
  }

  Optional<Engine> find(String id) {
    return engines.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  @Override
  public void close() {
    for (Engine e : engines) {
      try {
        e.backend().close();
      } catch (RuntimeException ex) {
        LOG.warn("engine {} failed to close", e.id(), ex);
      }
    }
  }

  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    engines.forEach(e -> ids.add(e.id()));
    return Collections.unmodifiableList(ids).toString();
  }
}

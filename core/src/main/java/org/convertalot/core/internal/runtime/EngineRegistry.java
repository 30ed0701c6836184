package org.convertalot.core.internal.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.PageSelection;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ServiceProviders;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines of one runtime, in resolution order: engines registered on the builder first (in
 * registration order), then engines found by {@link ServiceLoader} by priority (highest first),
 * then id. Every provider load and every call an engine answers at registration is guarded: a
 * broken one is recorded and skipped. Duplicate ids are a configuration error. It also checks what
 * a request asks of the engines (the engine, its options) before the request becomes a job.
 */
public final class EngineRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);

  private static final Comparator<Engine> DISCOVERED_ORDER =
      Comparator.comparingInt(Engine::priority).reversed().thenComparing(Engine::id);

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
    Map<String, Engine> byId = new LinkedHashMap<>();
    List<String> broken = new ArrayList<>();
    for (ConversionBackend b : registered) {
      Optional<Engine> engine = describe(b, concurrencyOverrides, broken);
      if (engine.isPresent() && byId.putIfAbsent(engine.get().id(), engine.get()) != null) {
        throw new ConfigurationException(
            "engine id '" + engine.get().id() + "' is registered twice");
      }
    }
    if (useServiceLoader) {
      List<Engine> found = new ArrayList<>();
      List<ConversionBackendProvider> providers =
          ServiceProviders.loadAll(
              ServiceLoader.load(ConversionBackendProvider.class, classLoader),
              (what, e) -> {
                LOG.warn("skipping a broken engine provider", e);
                broken.add(what);
              });
      Set<String> providerIds = new LinkedHashSet<>();
      for (ConversionBackendProvider provider : providers) {
        String providerId = safeId(provider);
        if (byId.containsKey(providerId)) {
          // The builder's registration wins; the service entry is the same engine found again.
          LOG.debug("engine {} registered on the builder; skipping its provider", providerId);
          continue;
        }
        if (!providerIds.add(providerId)) {
          throw new ConfigurationException(
              "two service providers declare engine id '" + providerId + "'");
        }
        create(provider, providerId, broken)
            .flatMap(b -> describe(b, concurrencyOverrides, broken))
            .ifPresent(found::add);
      }
      found.sort(DISCOVERED_ORDER);
      found.forEach(e -> byId.put(e.id(), e));
    }
    for (String id : concurrencyOverrides.keySet()) {
      if (!byId.containsKey(id)) {
        throw new ConfigurationException("concurrency set for unknown engine '" + id + "'");
      }
    }
    return new EngineRegistry(new ArrayList<>(byId.values()), broken);
  }

  private static Optional<ConversionBackend> create(
      ConversionBackendProvider provider, String providerId, List<String> broken) {
    try {
      ConversionBackend backend = provider.create();
      if (backend == null) {
        broken.add(providerId + ": provider created no engine");
        return Optional.empty();
      }
      String id = backend.id();
      if (!providerId.equals(id)) {
        broken.add(providerId + ": provider created an engine with another id ('" + id + "')");
        return Optional.empty();
      }
      return Optional.of(backend);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("engine provider {} failed to create its engine; skipped", providerId, e);
      broken.add(providerId + ": " + e);
      return Optional.empty();
    }
  }

  private static Optional<Engine> describe(
      ConversionBackend backend, Map<String, Integer> concurrencyOverrides, List<String> broken) {
    try {
      return Optional.of(Engine.describe(backend, concurrencyOverrides));
    } catch (Engine.BrokenEngine e) {
      LOG.warn("engine {} is broken and skipped: {}", e.engine(), e.getMessage());
      broken.add(e.getMessage());
      return Optional.empty();
    }
  }

  private static String safeId(ConversionBackendProvider provider) {
    try {
      String id = provider.id();
      return id == null ? provider.getClass().getName() : id;
    } catch (RuntimeException | LinkageError e) {
      return provider.getClass().getName();
    }
  }

  List<Engine> engines() {
    return engines;
  }

  List<String> broken() {
    return broken;
  }

  /**
   * The engines that may take a job of these pages, in priority order: all of them for every page,
   * else those that declare {@link org.convertalot.api.backend.BackendCapabilities#selectsPages()}.
   */
  List<Engine> engines(PageSelection pages) {
    return pages.isAll()
        ? engines
        : engines.stream().filter(e -> e.capabilities().selectsPages()).toList();
  }

  /** The refusal of a job that selects pages by an engine that would convert them all. */
  static InvalidRequestException cannotSelectPages(Engine engine, PageSelection pages) {
    return new InvalidRequestException(
        "engine '"
            + engine.id()
            + "' converts every page and cannot convert only pages "
            + pages
            + "; ask for an engine that can, or for all pages",
        Map.of("engine", engine.id(), "pages", pages.toString()),
        null,
        0);
  }

  Optional<Engine> find(String id) {
    return engines.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /**
   * Refuses, before a job exists, a request this runtime's engines cannot take: an unknown engine,
   * an engine the policy may not use, an option no engine declares or a value it does not take.
   *
   * @throws InvalidRequestException naming what is wrong
   */
  void checkRequest(ConversionRequest request) {
    if (request.engineHint() != null) {
      Engine engine =
          find(request.engineHint())
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "unknown engine '"
                              + request.engineHint()
                              + "'; available: "
                              + String.join(", ", engines.stream().map(Engine::id).toList()),
                          Map.of("engine", request.engineHint()),
                          null,
                          0));
      if (!engine.capabilities().admits(request.policy())) {
        throw new InvalidRequestException(
            "engine '" + engine.id() + "' " + engine.capabilities().refusal(request.policy()),
            Map.of("engine", engine.id(), "policy", request.policy().code()),
            null,
            0);
      }
      if (!engines(request.pages()).contains(engine)) {
        throw cannotSelectPages(engine, request.pages());
      }
    } else if (!request.pages().isAll()
        && engines(request.pages()).stream()
            .noneMatch(e -> e.capabilities().admits(request.policy()))) {
      throw new InvalidRequestException(
          "no engine that policy "
              + request.policy().code()
              + " may use can convert only pages "
              + request.pages()
              + "; engines: "
              + this,
          Map.of("pages", request.pages().toString(), "policy", request.policy().code()),
          null,
          0);
    }
    request.options().forEach(this::checkOption);
  }

  private void checkOption(String key, String value) {
    int dot = key.indexOf('.');
    Engine engine = dot > 0 ? find(key.substring(0, dot)).orElse(null) : null;
    if (engine == null) {
      throw new InvalidRequestException(
          "engine option '"
              + key
              + "' names no engine of this runtime; options are <engine id>.<name>, engines: "
              + this,
          Map.of("option", key),
          null,
          0);
    }
    EngineOption declared =
        engine.options().stream().filter(o -> o.key().equals(key)).findFirst().orElse(null);
    if (declared == null) {
      String known =
          engine.options().stream().map(EngineOption::key).collect(Collectors.joining(", "));
      throw new InvalidRequestException(
          "engine "
              + engine.id()
              + " has no option '"
              + key
              + "'"
              + (known.isEmpty() ? "; it takes none" : "; it takes " + known),
          Map.of("option", key, "engine", engine.id()),
          null,
          0);
    }
    declared.check(value);
  }

  /**
   * Applies {@link #checkRequest} with the engines a runtime of these settings would have, before
   * there is one (and so before its data root or store is opened): engines found by {@link
   * ServiceLoader} are created for the check and closed after it, registered ones stay open for the
   * runtime they are handed to.
   *
   * @param registered the engines registered on the builder
   * @param useServiceLoader whether the runtime would look for more
   * @param classLoader where it would look
   * @param request the request to check
   * @throws InvalidRequestException naming what is wrong
   */
  public static void checkBeforeStart(
      List<ConversionBackend> registered,
      boolean useServiceLoader,
      ClassLoader classLoader,
      ConversionRequest request) {
    EngineRegistry registry = discover(registered, useServiceLoader, classLoader, Map.of());
    try {
      registry.checkRequest(request);
    } finally {
      for (Engine e : registry.engines) {
        if (registered.stream().noneMatch(b -> b == e.backend())) {
          closeQuietly(e);
        }
      }
    }
  }

  @Override
  public void close() {
    engines.forEach(EngineRegistry::closeQuietly);
  }

  private static void closeQuietly(Engine e) {
    try {
      e.backend().close();
    } catch (RuntimeException | LinkageError ex) {
      LOG.warn("engine {} failed to close", e.id(), ex);
    }
  }

  @Override
  public String toString() {
    return engines.stream().map(Engine::id).toList().toString();
  }
}

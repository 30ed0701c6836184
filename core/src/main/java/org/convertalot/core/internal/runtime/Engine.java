package org.convertalot.core.internal.runtime;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convertalot.api.Identifiers;
import org.convertalot.api.StatusSnapshot.EngineStatus;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered engine: what it said about itself at registration (each call guarded), its probe
 * (taken lazily, taken again after a device failure) and its concurrency permits, sized after the
 * probe.
 */
final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final ConversionBackend backend;
  private final String id;
  private final String version;
  private final BackendCapabilities capabilities;
  private final int priority;
  private final List<EngineOption> options;
  private final Integer concurrencyOverride;
  private final EnginePermits permits;
  private final EngineCalls calls = new EngineCalls();
  private volatile ProbeResult probe;
  private volatile boolean probeStale;

  private Engine(
      ConversionBackend backend,
      String id,
      String version,
      BackendCapabilities capabilities,
      int priority,
      List<EngineOption> options,
      Integer concurrencyOverride) {
    this.backend = backend;
    this.id = id;
    this.version = version;
    this.capabilities = capabilities;
    this.priority = priority;
    this.options = options;
    this.concurrencyOverride = concurrencyOverride;
    this.permits =
        new EnginePermits(
            concurrencyOverride != null ? concurrencyOverride : capabilities.defaultConcurrency());
  }

  /**
   * Asks an engine to describe itself. Every call is guarded: an engine that throws, returns null,
   * a malformed id or an option of another engine's namespace is broken.
   *
   * @param concurrencyOverrides the builder's concurrency per engine id
   * @throws BrokenEngine naming what is wrong
   */
  static Engine describe(ConversionBackend backend, Map<String, Integer> concurrencyOverrides) {
    String id = null;
    try {
      id = backend.id();
      if (!Identifiers.isValid(id)) {
        throw new BrokenEngine(id, "malformed engine id '" + id + "'");
      }
      String version = require(backend.version(), "version()");
      BackendCapabilities caps = require(backend.capabilities(), "capabilities()");
      int priority = backend.priority();
      List<EngineOption> options = List.copyOf(require(backend.options(), "options()"));
      for (EngineOption o : options) {
        if (!o.engineId().equals(id)) {
          throw new BrokenEngine(id, "declares option " + o.key() + " outside its namespace");
        }
      }
      return new Engine(
          backend, id, version, caps, priority, options, concurrencyOverrides.get(id));
    } catch (BrokenEngine e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new BrokenEngine(id == null ? backend.getClass().getName() : id, e.toString());
    }
  }

  private static <T> T require(T value, String what) {
    if (value == null) {
      throw new IllegalStateException(what + " returned null");
    }
    return value;
  }

  /** An engine that could not describe itself; it is listed as broken and skipped. */
  static final class BrokenEngine extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String engine;

    BrokenEngine(String engine, String why) {
      super(engine + ": " + why, null, false, false);
      this.engine = engine;
    }

    String engine() {
      return engine;
    }
  }

  ConversionBackend backend() {
    return backend;
  }

  String id() {
    return id;
  }

  String version() {
    return version;
  }

  BackendCapabilities capabilities() {
    return capabilities;
  }

  int priority() {
    return priority;
  }

  List<EngineOption> options() {
    return options;
  }

  /** How many conversions run on it at once: decided after the probe. */
  int concurrency() {
    return permits.limit();
  }

  /**
   * The probe, taken on first use and again after {@link #probeAgain()}; a probe that throws counts
   * as unavailable. Taking it sizes the permits.
   */
  ProbeResult probe() {
    ProbeResult p = probe;
    if (p == null || probeStale) {
      synchronized (this) {
        p = probe;
        if (p == null || probeStale) {
          p = takeProbe();
          probe = p;
          probeStale = false;
          permits.setLimit(concurrencyAfter(p));
        }
      }
    }
    return p;
  }

  /** The probe when one was taken and is still current, without taking one. */
  Optional<ProbeResult> knownProbe() {
    ProbeResult p = probe;
    return p == null || probeStale ? Optional.empty() : Optional.of(p);
  }

  private ProbeResult takeProbe() {
    try {
      ProbeResult p = backend.probe();
      if (p == null) {
        throw new IllegalStateException("probe returned null");
      }
      return p;
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("probe of engine {} failed", id, e);
      return ProbeResult.unavailable(
          capabilities.accelerations().iterator().next(),
          ProbeCause.BACKEND_UNAVAILABLE,
          "probe failed: " + e);
    }
  }

  private int concurrencyAfter(ProbeResult p) {
    if (concurrencyOverride != null) {
      return concurrencyOverride;
    }
    try {
      return Math.max(1, backend.concurrency(p));
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("engine {} failed to say its concurrency; running one at a time", id, e);
      return 1;
    }
  }

  /** Marks the probe stale after a device failure: the next job probes again. */
  void probeAgain() {
    if (!probeStale) {
      LOG.info("engine {} had a device failure; probing it again before its next job", id);
    }
    probeStale = true;
  }

  EnginePermits permits() {
    return permits;
  }

  /** The calls running on it and the ones the runtime gave up on. */
  EngineCalls calls() {
    return calls;
  }

  /**
   * Why the engine gets no jobs now, or {@code null} while it is healthy: too many of its calls
   * ignored the runtime's stop and still hold their threads.
   */
  String unhealthyReason(Instant now) {
    int abandoned = calls.abandoned(now);
    int limit = EngineCalls.unhealthyAt(concurrency());
    if (abandoned < limit) {
      return null;
    }
    return abandoned
        + " of its calls still run "
        + EngineCalls.ABANDONED_AFTER.toSeconds()
        + " s or more after the runtime stopped them (it ignores interrupts and stop requests);"
        + " it gets jobs again once they return";
  }

  /**
   * What the engine reports about itself, guarded since status must never fail on an engine, plus
   * what the runtime knows about its calls (the {@link EngineStatus} keys, which win).
   */
  Map<String, String> diagnostics(Instant now) {
    Map<String, String> d = new LinkedHashMap<>();
    try {
      Map<String, String> own = backend.diagnostics();
      if (own != null) {
        d.putAll(own);
      }
    } catch (RuntimeException | LinkageError e) {
      d.put("diagnostics_error", e.toString());
    }
    d.put(EngineStatus.CALLS_RUNNING, Integer.toString(calls.running()));
    d.put(EngineStatus.ABANDONED_CALLS, Integer.toString(calls.abandoned(now)));
    d.put(EngineStatus.ABANDONED_CALLS_TOTAL, Long.toString(calls.abandonedTotal(now)));
    String unhealthy = unhealthyReason(now);
    d.put(EngineStatus.HEALTHY, Boolean.toString(unhealthy == null));
    if (unhealthy != null) {
      d.put(EngineStatus.UNHEALTHY_REASON, unhealthy);
    }
    return d;
  }
}

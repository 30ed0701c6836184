package org.convertalot.core.internal.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convertalot.api.Acceleration;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.BackendUnavailableException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Section 6 of the contract: picks the engine and acceleration for a job from its policy, its
 * engine hint and the engines' probes. Only the request's policy decides; nothing in the
 * environment can change it. An engine that is unhealthy (too many abandoned calls, see {@link
 * EngineCalls}) is passed over like an unavailable one; a job that only it could serve fails with
 * {@code backend_unavailable}, reason {@value #ENGINE_UNHEALTHY_REASON}.
 */
final class PolicyResolver {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyResolver.class);

  /** The detail reason of every {@code gpu_not_available} this resolver raises. */
  static final String GPU_UNAVAILABLE_REASON = "backend_gpu_runtime_unavailable";

  /** The detail reason of a {@code backend_unavailable} for an engine that is unhealthy. */
  static final String ENGINE_UNHEALTHY_REASON = "engine_unhealthy";

  private final EngineRegistry registry;
  private final Clock clock;
  private final AtomicBoolean fallbackLogged = new AtomicBoolean();

  PolicyResolver(EngineRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * The engine a job runs on.
   *
   * @param engine the engine
   * @param acceleration the acceleration it must use
   * @param fallbackReason why a {@code gpu_prefer} job runs on CPU, or {@code null}
   */
  record Resolution(Engine engine, Acceleration acceleration, String fallbackReason) {}

  /**
   * Refuses at submit a {@code gpu_required} request that can only fail: no GPU engine is
   * registered, or every GPU engine it could use has a current probe without a usable GPU. When a
   * probe has not been taken yet the job is created and its run fails the same way, before any
   * engine runs; a submit never takes a probe.
   *
   * @throws GpuNotAvailableException when the outcome is already known
   */
  void refuseKnownGpuFailure(Policy policy, String engineHint) {
    if (policy != Policy.GPU_REQUIRED) {
      return;
    }
    List<Engine> candidates =
        engineHint != null
            ? registry.find(engineHint).stream().toList()
            : registry.engines().stream()
                .filter(e -> e.capabilities().admits(Policy.GPU_REQUIRED))
                .toList();
    if (candidates.isEmpty()) {
      throw gpuNotAvailable();
    }
    for (Engine e : candidates) {
      Optional<ProbeResult> known = e.knownProbe();
      if (known.isEmpty() || (known.get().available() && known.get().acceleration().isGpu())) {
        return;
      }
    }
    throw gpuNotAvailable(candidates.get(0));
  }

  Resolution resolve(Policy policy, String engineHint, PageSelection pages) {
    Instant now = clock.instant();
    if (engineHint != null) {
      Engine engine =
          registry
              .find(engineHint)
              .orElseThrow(
                  () ->
                      new BackendUnavailableException(
                          "engine '" + engineHint + "' is not registered in this runtime",
                          Map.of("engine", engineHint)));
      if (!registry.engines(pages).contains(engine)) {
        throw EngineRegistry.cannotSelectPages(engine, pages);
      }
      checkHealthy(engine, now);
      return resolveOn(policy, engine);
    }
    switch (policy) {
      case GPU_REQUIRED:
        Optional<Resolution> required = gpuEngine(now, pages);
        if (required.isPresent()) {
          return required.get();
        }
        for (Engine e : registry.engines(pages)) {
          if (usableGpu(e)) {
            checkHealthy(e, now);
          }
        }
        throw gpuNotAvailable();
      case GPU_PREFER:
        Optional<Resolution> gpu = gpuEngine(now, pages);
        if (gpu.isPresent()) {
          return gpu.get();
        }
        return cpuEngine(fallbackReasonFor(null, now), now, pages);
      case CPU_ONLY:
        return cpuEngine(null, now, pages);
      default:
        throw new AssertionError(policy);
    }
  }

  /**
   * Refuses a job to an unhealthy engine.
   *
   * @throws BackendUnavailableException with reason {@value #ENGINE_UNHEALTHY_REASON}
   */
  static void checkHealthy(Engine engine, Instant now) {
    String why = engine.unhealthyReason(now);
    if (why == null) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", ENGINE_UNHEALTHY_REASON);
    details.put("engine", engine.id());
    details.put("abandoned_calls", Integer.toString(engine.calls().abandoned(now)));
    details.put(
        "max_abandoned_calls", Integer.toString(EngineCalls.unhealthyAt(engine.concurrency())));
    throw new BackendUnavailableException(
        "engine " + engine.id() + " is unhealthy: " + why, details);
  }

  private static boolean healthy(Engine engine, Instant now) {
    return engine.unhealthyReason(now) == null;
  }

  private Resolution resolveOn(Policy policy, Engine engine) {
    boolean gpuUsable =
        engine.capabilities().admits(Policy.GPU_REQUIRED)
            && engine.probe().available()
            && engine.probe().acceleration().isGpu();
    switch (policy) {
      case GPU_REQUIRED:
        if (!gpuUsable) {
          throw gpuNotAvailable(engine);
        }
        return new Resolution(engine, engine.probe().acceleration(), null);
      case GPU_PREFER:
        if (gpuUsable) {
          return new Resolution(engine, engine.probe().acceleration(), null);
        }
        if (canRunOnCpu(engine)) {
          return fallback(engine, fallbackReasonFor(engine, clock.instant()));
        }
        throw unavailable(engine, "cannot run on CPU and has no usable GPU");
      case CPU_ONLY:
        if (canRunOnCpu(engine)) {
          return new Resolution(engine, Acceleration.CPU, null);
        }
        throw unavailable(engine, "cannot run on CPU");
      default:
        throw new AssertionError(policy);
    }
  }

  /**
   * Whether an engine can run on CPU here: a GPU engine whose GPU is missing may still run on CPU,
   * an engine whose own runtime is missing cannot run at all.
   */
  private static boolean canRunOnCpu(Engine engine) {
    if (!engine.capabilities().admits(Policy.CPU_ONLY)) {
      return false;
    }
    ProbeResult p = engine.probe();
    return p.available() || p.cause() != ProbeCause.BACKEND_UNAVAILABLE;
  }

  private static boolean usableGpu(Engine e) {
    if (!e.capabilities().admits(Policy.GPU_REQUIRED)) {
      return false;
    }
    ProbeResult p = e.probe();
    return p.available() && p.acceleration().isGpu();
  }

  private Optional<Resolution> gpuEngine(Instant now, PageSelection pages) {
    for (Engine e : registry.engines(pages)) {
      if (usableGpu(e) && healthy(e, now)) {
        return Optional.of(new Resolution(e, e.probe().acceleration(), null));
      }
    }
    return Optional.empty();
  }

  private Resolution cpuEngine(String fallbackReason, Instant now, PageSelection pages) {
    for (Engine e : registry.engines(pages)) {
      if (canRunOnCpu(e) && healthy(e, now)) {
        return fallbackReason == null
            ? new Resolution(e, Acceleration.CPU, null)
            : fallback(e, fallbackReason);
      }
    }
    for (Engine e : registry.engines(pages)) {
      if (canRunOnCpu(e)) {
        checkHealthy(e, now);
      }
    }
    throw new BackendUnavailableException(
        "no engine that runs on CPU is available; engines: " + registry, Map.of("policy", "cpu"));
  }

  private Resolution fallback(Engine engine, String reason) {
    if (fallbackLogged.compareAndSet(false, true)) {
      LOG.warn(
          "policy gpu_prefer: no usable GPU ({}); running on CPU with engine {}",
          reason,
          engine.id());
    }
    return new Resolution(engine, Acceleration.CPU, reason);
  }

  /**
   * The first GPU engine's probe cause ({@value #ENGINE_UNHEALTHY_REASON} when its GPU is usable
   * but it is unhealthy), or {@code no_gpu_engine} when none is registered.
   */
  private String fallbackReasonFor(Engine preferred, Instant now) {
    if (preferred != null && preferred.capabilities().supportsGpu()) {
      return causeCode(preferred.probe(), "gpu_not_usable");
    }
    for (Engine e : registry.engines()) {
      if (e.capabilities().supportsGpu()) {
        return usableGpu(e) && !healthy(e, now)
            ? ENGINE_UNHEALTHY_REASON
            : causeCode(e.probe(), "gpu_not_usable");
      }
    }
    return "no_gpu_engine";
  }

  private static String causeCode(ProbeResult probe, String whenNone) {
    return probe.cause() == null ? whenNone : probe.cause().code();
  }

  private GpuNotAvailableException gpuNotAvailable() {
    for (Engine e : registry.engines()) {
      if (e.capabilities().supportsGpu()) {
        return gpuNotAvailable(e);
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", GPU_UNAVAILABLE_REASON);
    details.put("probe_cause", "no_gpu_engine");
    return new GpuNotAvailableException(
        "policy gpu_required, but no GPU engine is registered (engines: " + registry + ")",
        details,
        null,
        0);
  }

  private static GpuNotAvailableException gpuNotAvailable(Engine engine) {
    ProbeResult p = engine.probe();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", GPU_UNAVAILABLE_REASON);
    details.put("engine", engine.id());
    details.put(
        "probe_cause",
        causeCode(p, engine.capabilities().supportsGpu() ? "not_a_gpu_probe" : "cpu_only_engine"));
    if (!p.message().isEmpty()) {
      details.put("probe_message", p.message());
    }
    return new GpuNotAvailableException(
        "policy gpu_required, but engine " + engine.id() + " has no usable GPU: " + p.message(),
        details,
        null,
        0);
  }

  private static BackendUnavailableException unavailable(Engine engine, String why) {
    return new BackendUnavailableException(
        "engine " + engine.id() + " " + why + ": " + engine.probe().message(),
        Map.of("engine", engine.id()));
  }
}

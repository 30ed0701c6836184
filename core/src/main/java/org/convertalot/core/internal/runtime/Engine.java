package org.convertalot.core.internal.runtime;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One registered engine with its lazily taken probe and its concurrency permits. */
final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final ConversionBackend backend;
  private final String id;
  private final String version;
  private final BackendCapabilities capabilities;
  private final int concurrency;
  private final Semaphore permits;
  private volatile ProbeResult probe;

  Engine(ConversionBackend backend, int concurrency) {
    this.backend = backend;
    this.id = backend.id();
    this.version = backend.version();
    this.capabilities = backend.capabilities();
    this.concurrency = concurrency;
    this.permits = new Semaphore(concurrency, true);
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

  int concurrency() {
    return concurrency;
  }

  /** The probe, taken once on first use; a probe that throws counts as unavailable. */
  ProbeResult probe() {
    ProbeResult p = probe;
    if (p == null) {
      synchronized (this) {
        p = probe;
        if (p == null) {
          try {
            p = backend.probe();
            if (p == null) {
              throw new IllegalStateException("probe returned null");
            }
          } catch (RuntimeException | LinkageError e) {
            LOG.warn("probe of engine {} failed", id, e);
            p =
                ProbeResult.unavailable(
                    capabilities.accelerations().iterator().next(),
                    ProbeCause.BACKEND_UNAVAILABLE,
                    "probe failed: " + e);
          }
          probe = p;
        }
      }
    }
    return p;
  }

  boolean tryAcquire(Duration wait) throws InterruptedException {
    return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  void release() {
    permits.release();
  }
}

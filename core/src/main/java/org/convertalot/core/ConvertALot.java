package org.convertalot.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobListener;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.internal.runtime.DefaultConversionRuntime;
import org.convertalot.core.internal.runtime.EngineRegistry;
import org.convertalot.core.internal.runtime.RuntimeConfig;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;

/**
 * The entry point: {@code ConvertALot.builder().dataRoot(dir).build()} opens a runtime on the
 * embedded file store.
 *
 * <pre>{@code
 * try (ConversionRuntime runtime = ConvertALot.builder().dataRoot(Path.of("data")).build()) {
 *   ConversionResult result =
 *       runtime.convert(ConversionRequest.builder(Path.of("paper.pdf")).policy(Policy.CPU_ONLY).build());
 *   System.out.println(result.markdown());
 * }
 * }</pre>
 */
public final class ConvertALot {
  /** Attempts per job before a retryable failure becomes final. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** How often a running job heartbeats. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  /** When a RUNNING job whose heartbeat stopped is considered dead. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(30);

  /** How often the reaper looks for dead runs. */
  public static final Duration DEFAULT_REAPER_INTERVAL = Duration.ofSeconds(10);

  /** How long an engine may report no progress before the job is stopped as stalled. */
  public static final Duration DEFAULT_STALL_WINDOW = Duration.ofSeconds(120);

  /** The first retry's backoff; doubled per attempt. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(2);

  /** The longest retry backoff. */
  public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofMinutes(5);

  /** How often idle workers look for jobs submitted by other processes. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

  /** How long {@code close()} waits for workers to release their jobs. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long the store may fail every write (a full disk, a read-only mount) before the results
   * this runtime waits for end with {@code store_unavailable}.
   */
  public static final Duration DEFAULT_STORE_OUTAGE_TIMEOUT = Duration.ofMinutes(2);

  private ConvertALot() {}

  /**
   * Starts a runtime builder.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the default number of workers: one per available processor} */
  public static int defaultWorkers() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Configures and opens a runtime. Not thread-safe; the runtime it builds is. */
  public static final class Builder {
    private Path dataRoot;
    private JobStore store;
    private String namespace = JobStores.DEFAULT_NAMESPACE;
    private Clock clock = Clock.systemUTC();
    private int workers = -1;
    private final List<ConversionBackend> backends = new ArrayList<>();
    private boolean useServiceLoader = true;
    private ClassLoader classLoader;
    private final Map<String, Integer> engineConcurrency = new LinkedHashMap<>();
    private final List<String> passwords = new ArrayList<>();
    private final List<JobListener> listeners = new ArrayList<>();
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    private Duration reaperInterval = DEFAULT_REAPER_INTERVAL;
    private boolean sanitizer = true;
    private Duration stallWindow = DEFAULT_STALL_WINDOW;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Path tempRoot;
    private Duration storeOutageTimeout = DEFAULT_STORE_OUTAGE_TIMEOUT;

    private Builder() {}

    /**
     * The data root of the embedded file store (created when absent).
     *
     * @param value the data root of the embedded file store (created when absent)
     * @return this builder
     */
    public Builder dataRoot(Path value) {
      this.dataRoot = Objects.requireNonNull(value, "dataRoot");
      return this;
    }

    /**
     * Another store; the runtime does not close it. Exclusive with {@link #dataRoot(Path)}.
     *
     * @param value another store; the runtime does not close it. Exclusive with {@link
     *     #dataRoot(Path)}
     * @return this builder
     */
    public Builder store(JobStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * The data root's namespace (default {@code default}); a mismatch is data_root_conflict.
     *
     * @param value the data root's namespace (default {@code default}); a mismatch is
     *     data_root_conflict
     * @return this builder
     */
    public Builder namespace(String value) {
      this.namespace = JobStores.checkNamespace(value);
      return this;
    }

    /**
     * The clock for every timestamp and time decision (default: system UTC).
     *
     * @param value the clock for every timestamp and time decision (default: system UTC)
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Worker threads; 0 opens a runtime that only submits and reads.
     *
     * @param value worker threads; 0 opens a runtime that only submits and reads
     * @return this builder
     */
    public Builder workers(int value) {
      if (value < 0 || value > 1024) {
        throw new ConfigurationException("workers must be between 0 and 1024: " + value);
      }
      this.workers = value;
      return this;
    }

    /**
     * Registers an engine; registered engines come before discovered ones, in this order.
     *
     * @param value the engine
     * @return this builder
     */
    public Builder backend(ConversionBackend value) {
      backends.add(Objects.requireNonNull(value, "backend"));
      return this;
    }

    /**
     * Whether to discover engines with ServiceLoader (default true).
     *
     * @param value whether to discover engines with ServiceLoader (default true)
     * @return this builder
     */
    public Builder serviceLoader(boolean value) {
      this.useServiceLoader = value;
      return this;
    }

    /**
     * The class loader ServiceLoader searches (default: the thread's context loader).
     *
     * @param value the class loader ServiceLoader searches (default: the thread's context loader)
     * @return this builder
     */
    public Builder classLoader(ClassLoader value) {
      this.classLoader = Objects.requireNonNull(value, "classLoader");
      return this;
    }

    /**
     * Adds a password for encrypted PDFs: engines try the empty one first, then these in the order
     * added. Passwords stay in this runtime's memory: they are never stored with a job, logged or
     * shown in an error, so every process that converts (each worker) needs them given too.
     *
     * @param value a password
     * @return this builder
     */
    public Builder password(String value) {
      Objects.requireNonNull(value, "password");
      if (value.isEmpty()) {
        throw new ConfigurationException("a password must not be empty (it is always tried)");
      }
      passwords.add(value);
      return this;
    }

    /**
     * How many conversions one engine runs at once (default: the engine's own).
     *
     * @param engineId the engine's id
     * @param value how many conversions it may run at once
     * @return this builder
     */
    public Builder engineConcurrency(String engineId, int value) {
      if (value < 1) {
        throw new ConfigurationException("engine concurrency must be >= 1: " + value);
      }
      engineConcurrency.put(Objects.requireNonNull(engineId, "engineId"), value);
      return this;
    }

    /**
     * Adds a listener for state changes and progress.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder listener(JobListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Attempts per job (default 3).
     *
     * @param value attempts per job (default 3)
     * @return this builder
     */
    public Builder maxAttempts(int value) {
      if (value < 1 || value > 100) {
        throw new ConfigurationException("maxAttempts must be between 1 and 100: " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * How often running jobs heartbeat (default 5 s).
     *
     * @param value how often running jobs heartbeat (default 5 s)
     * @return this builder
     */
    public Builder heartbeatInterval(Duration value) {
      this.heartbeatInterval = positive("heartbeatInterval", value);
      return this;
    }

    /**
     * When a silent RUNNING job is reaped (default 30 s; at least 3 heartbeats).
     *
     * @param value when a silent RUNNING job is reaped (default 30 s; at least 3 heartbeats)
     * @return this builder
     */
    public Builder staleAfter(Duration value) {
      this.staleAfter = positive("staleAfter", value);
      return this;
    }

    /**
     * How often the reaper runs (default 10 s; zero disables it).
     *
     * @param value how often the reaper runs (default 10 s; zero disables it)
     * @return this builder
     */
    public Builder reaperInterval(Duration value) {
      Objects.requireNonNull(value, "reaperInterval");
      if (value.isNegative()) {
        throw new ConfigurationException("reaperInterval must not be negative: " + value);
      }
      this.reaperInterval = value;
      return this;
    }

    /**
     * Whether every reaper tick also sweeps queued and running records for impossible states
     * (default true). The sweep on open always runs.
     *
     * @param value whether the reaper sweeps too
     * @return this builder
     */
    public Builder sanitizer(boolean value) {
      this.sanitizer = value;
      return this;
    }

    /**
     * How long an engine may report no progress (default 120 s).
     *
     * @param value how long an engine may report no progress (default 120 s)
     * @return this builder
     */
    public Builder stallWindow(Duration value) {
      this.stallWindow = positive("stallWindow", value);
      return this;
    }

    /**
     * First and longest retry backoff (defaults 2 s and 5 min).
     *
     * @param first the backoff before the first retry
     * @param max the longest backoff
     * @return this builder
     */
    public Builder retryBackoff(Duration first, Duration max) {
      this.retryBackoff = positiveOrZero("retryBackoff", first);
      this.maxRetryBackoff = positiveOrZero("maxRetryBackoff", max);
      if (first.compareTo(max) > 0) {
        throw new ConfigurationException("retry backoff " + first + " exceeds its maximum " + max);
      }
      return this;
    }

    /**
     * How often idle workers look for new jobs (default 200 ms).
     *
     * @param value how often idle workers look for new jobs (default 200 ms)
     * @return this builder
     */
    public Builder pollInterval(Duration value) {
      this.pollInterval = positive("pollInterval", value);
      return this;
    }

    /**
     * How long close waits for workers (default 30 s).
     *
     * @param value how long close waits for workers (default 30 s)
     * @return this builder
     */
    public Builder shutdownTimeout(Duration value) {
      this.shutdownTimeout = positive("shutdownTimeout", value);
      return this;
    }

    /**
     * Where per-run temp dirs go (default: {@code work} under the data root).
     *
     * @param value where per-run temp dirs go (default: {@code work} under the data root)
     * @return this builder
     */
    public Builder tempRoot(Path value) {
      this.tempRoot = Objects.requireNonNull(value, "tempRoot");
      return this;
    }

    /**
     * How long the store may fail every write before awaited results end with {@code
     * store_unavailable} (default 2 min): a batch on a full disk ends with its summary instead of
     * waiting forever; the jobs stay in the store for a later run.
     *
     * @param value the longest outage to wait through
     * @return this builder
     */
    public Builder storeOutageTimeout(Duration value) {
      this.storeOutageTimeout = positive("storeOutageTimeout", value);
      return this;
    }

    /**
     * Checks a request against the engines the runtime of this builder would have, without building
     * it: nothing is opened, created on disk or submitted. A program that validates its input
     * before it does anything (the CLI does) calls this first; {@code submit} applies the same rule
     * again.
     *
     * @param request the request to check; a stream's content is not read
     * @throws org.convertalot.api.error.InvalidRequestException for an unknown engine, one the
     *     policy may not use, a page selection no such engine converts, an engine option no engine
     *     declares or a value it does not take
     */
    public void check(ConversionRequest request) {
      Objects.requireNonNull(request, "request");
      EngineRegistry.checkBeforeStart(List.copyOf(backends), useServiceLoader, loader(), request);
    }

    private ClassLoader loader() {
      return classLoader != null
          ? classLoader
          : Thread.currentThread().getContextClassLoader() != null
              ? Thread.currentThread().getContextClassLoader()
              : ConvertALot.class.getClassLoader();
    }

    /**
     * Validates the configuration, opens the store and starts the workers.
     *
     * @throws ConfigurationException when the settings contradict each other
     * @throws org.convertalot.api.error.DataRootConflictException when the root has another
     *     namespace
     * @throws org.convertalot.api.error.StoreUnavailableException when the store cannot be opened
     * @return the started runtime
     */
    public ConversionRuntime build() {
      if ((dataRoot == null) == (store == null)) {
        throw new ConfigurationException("set exactly one of dataRoot(...) or store(...)");
      }
      if (staleAfter.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
        throw new ConfigurationException(
            "staleAfter ("
                + staleAfter
                + ") must be at least 3 heartbeats ("
                + heartbeatInterval.multipliedBy(3)
                + ")");
      }
      ClassLoader loader = loader();
      boolean ownsStore = store == null;
      JobStore opened = ownsStore ? JobStores.openFileStore(dataRoot, namespace, clock) : store;
      Path temp =
          tempRoot != null
              ? tempRoot
              : dataRoot != null
                  ? dataRoot.toAbsolutePath().resolve("work")
                  : Path.of(System.getProperty("java.io.tmpdir"), "convertalot");
      RuntimeConfig config =
          new RuntimeConfig(
              opened,
              ownsStore,
              clock,
              workers < 0 ? defaultWorkers() : workers,
              List.copyOf(backends),
              useServiceLoader,
              loader,
              Map.copyOf(engineConcurrency),
              List.copyOf(listeners),
              maxAttempts,
              heartbeatInterval,
              staleAfter,
              reaperInterval,
              sanitizer,
              stallWindow,
              retryBackoff,
              maxRetryBackoff,
              pollInterval,
              shutdownTimeout,
              temp,
              storeOutageTimeout,
              List.copyOf(passwords),
              // Beside the run temp dirs, never among them: a start deletes what it finds there.
              dataRoot != null
                  ? dataRoot.toAbsolutePath().resolve("sources")
                  : temp.resolveSibling(temp.getFileName() + "-sources"));
      try {
        return DefaultConversionRuntime.start(config);
      } catch (RuntimeException e) {
        if (ownsStore) {
          opened.close();
        }
        throw e;
      }
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new ConfigurationException(name + " must be positive: " + value);
      }
      return value;
    }

    private static Duration positiveOrZero(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new ConfigurationException(name + " must not be negative: " + value);
      }
      return value;
    }
  }
}

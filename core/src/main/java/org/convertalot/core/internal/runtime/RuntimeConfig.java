package org.convertalot.core.internal.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.convertalot.api.JobListener;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.core.store.JobStore;

/**
 * Everything a runtime needs, validated by the public builder.
 *
 * @param store the open store; the runtime closes it when {@code ownsStore}
 * @param ownsStore whether closing the runtime closes the store
 * @param clock the clock for deadlines, stall and heartbeat decisions
 * @param workers worker threads (0: submit only)
 * @param backends engines registered on the builder, in order
 * @param useServiceLoader whether to add engines found by ServiceLoader
 * @param classLoader the loader ServiceLoader searches
 * @param engineConcurrency per-engine concurrency overrides
 * @param listeners state and progress listeners
 * @param maxAttempts attempts per job
 * @param heartbeatInterval how often a running job heartbeats
 * @param staleAfter when the reaper considers a RUNNING job's worker dead
 * @param reaperInterval how often the reaper and the sanitizer run (zero: never)
 * @param sanitizer whether every reaper tick also sweeps for impossible states
 * @param stallWindow how long an engine may report no progress
 * @param retryBackoff the first retry's backoff, doubled per attempt
 * @param maxRetryBackoff the longest backoff
 * @param pollInterval how often idle workers and result watchers look at the store
 * @param shutdownTimeout how long close waits for workers to release their jobs
 * @param tempRoot where per-run temp dirs are made
 * @param storeOutageTimeout how long the store may fail every write before awaited results end with
 *     {@code store_unavailable}
 * @param passwords the passwords engines may try on encrypted PDFs; never stored
 * @param sourcesRoot where sources given as bytes or streams are copied until their jobs end
 */
public record RuntimeConfig(
    JobStore store,
    boolean ownsStore,
    Clock clock,
    int workers,
    List<ConversionBackend> backends,
    boolean useServiceLoader,
    ClassLoader classLoader,
    Map<String, Integer> engineConcurrency,
    List<JobListener> listeners,
    int maxAttempts,
    Duration heartbeatInterval,
    Duration staleAfter,
    Duration reaperInterval,
    boolean sanitizer,
    Duration stallWindow,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    Duration pollInterval,
    Duration shutdownTimeout,
    java.nio.file.Path tempRoot,
    Duration storeOutageTimeout,
    List<String> passwords,
    java.nio.file.Path sourcesRoot) {}

package org.convertalot.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Who runs a job: a host, a process id and a runtime instance id, so that two runtimes in one
 * process are told apart, and the stale threshold the worker promises to heartbeat within.
 *
 * @param host the host name
 * @param pid the operating system process id
 * @param instance the runtime instance id, unique per opened runtime
 * @param staleAfter how long without a heartbeat the worker's runs may be taken for dead, or {@code
 *     null} when it declares none; a reaper never takes a run back sooner than this, whatever its
 *     own threshold
 */
public record WorkerIdentity(String host, long pid, String instance, Duration staleAfter) {
  /**
   * Validates the fields.
   *
   * @param host the host name
   * @param pid the operating system process id
   * @param instance the runtime instance id, unique per opened runtime
   * @param staleAfter the worker's stale threshold, or {@code null}
   */
  public WorkerIdentity {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(instance, "instance");
    if (staleAfter != null && (staleAfter.isNegative() || staleAfter.isZero())) {
      throw new IllegalArgumentException("staleAfter must be positive: " + staleAfter);
    }
  }

  /**
   * A worker that declares no stale threshold.
   *
   * @param host the host name
   * @param pid the operating system process id
   * @param instance the runtime instance id, unique per opened runtime
   */
  public WorkerIdentity(String host, long pid, String instance) {
    this(host, pid, instance, null);
  }

  @Override
  public String toString() {
    return host + "/" + pid + "/" + instance;
  }
}

package org.convertalot.api;

import java.util.Objects;

/**
 * Who runs a job: a host, a process id and a runtime instance id, so that two runtimes in one
 * process are told apart.
 *
 * @param host the host name
 * @param pid the operating system process id
 * @param instance the runtime instance id, unique per opened runtime
 */
public record WorkerIdentity(String host, long pid, String instance) {
  /**
   * Validates the fields.
   *
   * @param host the host name
   * @param pid the operating system process id
   * @param instance the runtime instance id, unique per opened runtime
   */
  public WorkerIdentity {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(instance, "instance");
  }

  @Override
  public String toString() {
    return host + "/" + pid + "/" + instance;
  }
}

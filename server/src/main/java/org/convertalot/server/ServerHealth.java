package org.convertalot.server;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code GET /healthz} says of a running server: what it runs and since when.
 *
 * @param version the library version
 * @param revision the git revision it was built from
 * @param startedAt when its runtime started
 * @param uptimeSeconds seconds since then, by the server's clock
 */
public record ServerHealth(String version, String revision, Instant startedAt, long uptimeSeconds) {

  /**
   * Validates the fields.
   *
   * @param version the library version
   * @param revision the git revision
   * @param startedAt the start time
   * @param uptimeSeconds the uptime
   */
  public ServerHealth {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}

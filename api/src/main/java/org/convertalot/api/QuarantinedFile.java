package org.convertalot.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A file the store could not read and moved aside instead of refusing the whole store or deleting
 * it: a corrupt job record, a damaged sequence file, an artifact no record names. Every other job
 * goes on; the file stays for a person to inspect, and {@code verify} reports it until it is
 * removed.
 *
 * @param path where it is now, relative to the store's root (for the file store, under {@code
 *     quarantine/})
 * @param original where it was, relative to the same root
 * @param reason what is wrong with it, in words
 * @param at when it was moved
 */
public record QuarantinedFile(String path, String original, String reason, Instant at) {
  /**
   * Validates the fields.
   *
   * @param path where it is now, relative to the store's root
   * @param original where it was, relative to the same root
   * @param reason what is wrong with it, in words
   * @param at when it was moved
   */
  public QuarantinedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}

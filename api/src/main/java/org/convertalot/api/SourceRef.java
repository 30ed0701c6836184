package org.convertalot.api;

import java.util.Objects;

/**
 * The input a job converts, as seen at submit time.
 *
 * @param path the absolute path of the source file
 * @param name the file name, for display and manifests
 * @param sha256 the lower-case hex SHA-256 of the bytes
 * @param size the size in bytes
 */
public record SourceRef(String path, String name, String sha256, long size) {
  /**
   * Validates the fields.
   *
   * @param path the absolute path of the source file
   * @param name the file name, for display and manifests
   * @param sha256 the lower-case hex SHA-256 of the bytes
   * @param size the size in bytes
   */
  public SourceRef {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
  }
}

package org.convertalot.api.backend;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.SourceRef;

/**
 * One input handed to an engine.
 *
 * @param path the file to read
 * @param source the source as submitted (name, hash, size)
 * @param options the request's engine options
 * @param limits the request's limits; the engine enforces the page limit
 * @param acceleration the acceleration the policy resolved to; a GPU engine must use it or fail
 * @param pages the pages to convert; anything but {@link PageSelection#ALL} reaches only an engine
 *     whose {@link BackendCapabilities#selectsPages()} is set
 */
public record BackendInput(
    Path path,
    SourceRef source,
    Map<String, String> options,
    Limits limits,
    Acceleration acceleration,
    PageSelection pages) {
  /**
   * Validates and copies the fields.
   *
   * @param path the file to read
   * @param source the source as submitted (name, hash, size)
   * @param options the request's engine options
   * @param limits the request's limits; the engine enforces the page limit
   * @param acceleration the acceleration the policy resolved to; a GPU engine must use it or fail
   * @param pages the pages to convert, or {@code null} for {@link PageSelection#ALL}
   */
  public BackendInput {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    options = options == null ? Map.of() : Map.copyOf(options);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(acceleration, "acceleration");
    pages = pages == null ? PageSelection.ALL : pages;
  }

  /**
   * An input of every page.
   *
   * @param path the file to read
   * @param source the source as submitted (name, hash, size)
   * @param options the request's engine options
   * @param limits the request's limits; the engine enforces the page limit
   * @param acceleration the acceleration the policy resolved to
   */
  public BackendInput(
      Path path,
      SourceRef source,
      Map<String, String> options,
      Limits limits,
      Acceleration acceleration) {
    this(path, source, options, limits, acceleration, PageSelection.ALL);
  }
}

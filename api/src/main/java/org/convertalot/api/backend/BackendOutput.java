package org.convertalot.api.backend;

import java.util.Objects;
import java.util.Optional;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Device;

/**
 * What an engine produced.
 *
 * @param markdown the Markdown; the runtime normalizes it before publishing
 * @param pages the pages converted
 * @param accelerationUsed the hardware the engine actually used (for a GPU engine: what the device
 *     check reported, not what was asked)
 * @param deviceUsed the device it actually ran on, for example {@code cuda:0}; {@code null} for an
 *     engine that ran on the CPU and names no device (recorded as {@link Device#CPU})
 */
public record BackendOutput(
    String markdown, int pages, Acceleration accelerationUsed, Device deviceUsed) {
  /**
   * Validates the fields.
   *
   * @param markdown the Markdown; the runtime normalizes it before publishing
   * @param pages the pages converted
   * @param accelerationUsed the hardware the engine actually used (for a GPU engine: what the
   *     device check reported, not what was asked)
   * @param deviceUsed the device it actually ran on, for example {@code cuda:0}; {@code null} for
   *     an engine that ran on the CPU and names no device (recorded as {@link Device#CPU})
   */
  public BackendOutput {
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(accelerationUsed, "accelerationUsed");
    if (pages < 0) {
      throw new IllegalArgumentException("negative pages");
    }
    if (deviceUsed == null && accelerationUsed.isGpu()) {
      throw new IllegalArgumentException("a GPU engine reports the device it used");
    }
  }

  /**
   * The output of an engine that ran on the CPU.
   *
   * @param markdown the Markdown
   * @param pages the pages converted
   * @return the output, on {@link Device#CPU}
   */
  public static BackendOutput onCpu(String markdown, int pages) {
    return new BackendOutput(markdown, pages, Acceleration.CPU, Device.CPU);
  }

  /** {@return the device it ran on: the one reported, or {@link Device#CPU}} */
  public Device device() {
    return Optional.ofNullable(deviceUsed).orElse(Device.CPU);
  }
}

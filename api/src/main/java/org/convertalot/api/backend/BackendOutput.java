package org.convertalot.api.backend;

import java.util.Objects;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Device;

/**
 * What an engine produced.
 *
 * @param markdown the Markdown; the runtime normalizes it before publishing
 * @param pages the pages converted
 * @param accelerationUsed the hardware the engine actually used (for a GPU engine: what the device
 *     check reported, not what was asked)
 * @param device the device it actually ran on, for example {@code cuda:0}; {@link Device#CPU} for
 *     an engine that ran on the CPU
 */
public record BackendOutput(
    String markdown, int pages, Acceleration accelerationUsed, Device device) {
  /**
   * Validates the fields.
   *
   * @param markdown the Markdown; the runtime normalizes it before publishing
   * @param pages the pages converted
   * @param accelerationUsed the hardware the engine actually used
   * @param device the device it actually ran on
   */
  public BackendOutput {
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(accelerationUsed, "accelerationUsed");
    Objects.requireNonNull(device, "device");
    if (pages < 0) {
      throw new IllegalArgumentException("negative pages");
    }
    if (accelerationUsed.isGpu() && device.equals(Device.CPU)) {
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
}

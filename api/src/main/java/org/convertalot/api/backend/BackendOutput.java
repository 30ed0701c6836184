package org.convertalot.api.backend;

import java.util.List;
import java.util.Objects;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Device;
import org.convertalot.api.Warning;

/**
 * What an engine produced.
 *
 * @param markdown the Markdown; the runtime normalizes it before publishing
 * @param pages the pages converted
 * @param accelerationUsed the hardware the engine actually used (for a GPU engine: what the device
 *     check reported, not what was asked)
 * @param device the device it actually ran on, for example {@code cuda:0}; {@link Device#CPU} for
 *     an engine that ran on the CPU
 * @param warnings what the user should know about the Markdown (for example {@link
 *     Warning#GARBLED_TEXT_LAYER}), in the order found; the runtime keeps them in the manifest
 */
public record BackendOutput(
    String markdown,
    int pages,
    Acceleration accelerationUsed,
    Device device,
    List<Warning> warnings) {
  /**
   * Validates the fields and copies the warnings.
   *
   * @param markdown the Markdown; the runtime normalizes it before publishing
   * @param pages the pages converted
   * @param accelerationUsed the hardware the engine actually used
   * @param device the device it actually ran on
   * @param warnings what the user should know about the Markdown; {@code null} for none. A warning
   *     names pages by their numbers in the PDF, and only pages this output converted (the runtime
   *     fails a run whose warnings name others)
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
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * An output without warnings.
   *
   * @param markdown the Markdown; the runtime normalizes it before publishing
   * @param pages the pages converted
   * @param accelerationUsed the hardware the engine actually used
   * @param device the device it actually ran on
   */
  public BackendOutput(String markdown, int pages, Acceleration accelerationUsed, Device device) {
    this(markdown, pages, accelerationUsed, device, List.of());
  }

  /**
   * This output with other warnings.
   *
   * @param value the warnings, replacing these; empty for none
   * @return a copy holding {@code value}
   */
  public BackendOutput withWarnings(List<Warning> value) {
    return new BackendOutput(markdown, pages, accelerationUsed, device, value);
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

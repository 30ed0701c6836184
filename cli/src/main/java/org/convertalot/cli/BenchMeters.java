package org.convertalot.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the JVM and the kernel say this process used during one pass of {@code bench}: CPU time,
 * garbage collections, the peak of the heap pools and the peak resident set. {@link #start()}
 * resets the peaks and takes the counters, {@link Reading#stop()} takes their difference.
 */
final class BenchMeters {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private BenchMeters() {}

  /**
   * Asks for a full collection, so that a pass does not start with the garbage of the one before,
   * resets the heap pools' peak usage (and, where the kernel allows, the peak resident set), then
   * takes the CPU and GC counters (after that collection, so that it does not count).
   */
  static Reading start() {
    System.gc();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    resetPeakRss();
    return new Reading(cpuNanos(), gcCount(), gcMillis());
  }

  /** The counters at the start of a pass. */
  record Reading(long cpuNanos, long gcCount, long gcMillis) {
    /** The pass's figures: differences of the counters, and the peaks since {@link #start()}. */
    Figures stop() {
      // Qualified: inside the record, cpuNanos() and the others are its own accessors.
      long cpu = BenchMeters.cpuNanos();
      return new Figures(
          cpu < 0 || cpuNanos < 0 ? -1 : cpu - cpuNanos,
          BenchMeters.gcCount() - gcCount,
          BenchMeters.gcMillis() - gcMillis,
          peakHeapBytes(),
          peakRssBytes());
    }
  }

  /**
   * One pass's figures.
   *
   * @param cpuNanos process CPU time, all threads, or -1 when the JVM cannot tell
   * @param gcCount collections of every collector
   * @param gcMillis time of those collections as the collectors report it
   * @param peakHeapBytes the sum of the heap pools' peak usage since the reset
   * @param peakRssBytes VmHWM, or {@code null} without {@code /proc/self/status}
   */
  record Figures(
      long cpuNanos, long gcCount, long gcMillis, long peakHeapBytes, Long peakRssBytes) {}

  /** The sum of the heap pools' peak usage since the last reset, in bytes. */
  static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      MemoryUsage peak = pool.getPeakUsage();
      if (peak != null) {
        sum += peak.getUsed();
      }
    }
    return sum;
  }

  /** The peak resident set (VmHWM) in bytes, or {@code null} where the kernel does not say. */
  static Long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          return kilobytes(line.substring("VmHWM:".length()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no procfs: the figure is unknown.
    }
    return null;
  }

  private static Long kilobytes(String field) {
    String value = field.trim().toLowerCase(Locale.ROOT);
    if (value.endsWith("kb")) {
      value = value.substring(0, value.length() - 2).trim();
    }
    return Long.parseLong(value) * 1024;
  }

  /** Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later); elsewhere it stays cumulative. */
  private static void resetPeakRss() {
    if (Files.isWritable(CLEAR_REFS)) {
      try {
        Files.writeString(CLEAR_REFS, "5");
      } catch (IOException | RuntimeException e) {
        // The peak then counts from the start of the process.
      }
    }
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
  }

  static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The machine's physical memory in bytes, or -1 when the JVM cannot tell. */
  static long physicalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private static long gcCount() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionCount());
    }
    return sum;
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}

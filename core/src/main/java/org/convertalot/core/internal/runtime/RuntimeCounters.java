package org.convertalot.core.internal.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What a runtime counts since it opened, for status. */
final class RuntimeCounters {
  final LongAdder submitted = new LongAdder();
  final LongAdder succeeded = new LongAdder();
  final LongAdder retried = new LongAdder();
  final LongAdder reaped = new LongAdder();
  final LongAdder leasesLost = new LongAdder();
  final LongAdder fallbacks = new LongAdder();
  final LongAdder pages = new LongAdder();
  final LongAdder succeededWithWarnings = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<String, LongAdder> failuresByCode = new ConcurrentHashMap<>();

  /** Counts a job failed for good with {@code code}. */
  void failed(String code) {
    failed.increment();
    failuresByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  long failed() {
    return failed.sum();
  }

  Map<String, Long> failuresByCode() {
    Map<String, Long> out = new TreeMap<>();
    failuresByCode.forEach((code, count) -> out.put(code, count.sum()));
    return out;
  }
}

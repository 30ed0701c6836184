package org.convertalot.core.internal.runtime;

import java.util.concurrent.atomic.LongAdder;

/** What a runtime counts since it opened, for status. */
final class RuntimeCounters {
  final LongAdder submitted = new LongAdder();
  final LongAdder succeeded = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder retried = new LongAdder();
  final LongAdder reaped = new LongAdder();
  final LongAdder leasesLost = new LongAdder();
  final LongAdder fallbacks = new LongAdder();
  final LongAdder pages = new LongAdder();
  final LongAdder succeededWithWarnings = new LongAdder();
}

package org.convertalot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.convertalot.api.Acceleration;
import org.convertalot.api.JobState;
import org.convertalot.api.Progress;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeResult;

/** The human-readable form of a {@link StatusSnapshot}. */
final class StatusText {
  private StatusText() {}

  static String format(StatusSnapshot s) {
    StringBuilder b = new StringBuilder();
    line(b, "store", s.store());
    line(b, "namespace", s.namespace());
    line(b, "library", s.libraryVersion() + " (git " + s.gitRevision() + ")");
    StringJoiner counts = new StringJoiner(", ");
    for (JobState state : JobState.values()) {
      counts.add(state.name().toLowerCase(Locale.ROOT) + " " + s.counts().get(state));
    }
    line(b, "jobs", counts.toString());
    StatusSnapshot.Counters c = s.counters();
    line(
        b,
        "counters",
        "reaped "
            + c.reaped()
            + ", impossible states repaired "
            + c.impossibleStatesRepaired()
            + ", leases lost "
            + c.leasesLost()
            + ", fallbacks "
            + c.fallbacks()
            + ", succeeded with warnings "
            + c.succeededWithWarnings()
            + " (since this status opened the store)");
    engines(b, s);
    b.append("running:").append(s.running().isEmpty() ? " none\n" : "\n");
    Instant now = Instant.now();
    for (StatusSnapshot.RunningJob r : s.running()) {
      b.append("  ").append(r.id().value()).append(" attempt ").append(r.attempt());
      b.append(" owner ").append(r.owner());
      b.append(" heartbeat ").append(ago(r.heartbeatAt(), now));
      Progress p = r.progress();
      if (p != null) {
        b.append(", ").append(p.pagesDone()).append('/').append(p.pagesTotal()).append(" pages");
        b.append(", phase ").append(p.phase());
        b.append(", progress ").append(ago(p.updatedAt(), now));
      }
      if (!r.phaseTimings().isEmpty()) {
        b.append(", done: ").append(timings(r.phaseTimings()));
      }
      b.append('\n');
    }
    if (!s.quarantined().isEmpty()) {
      b.append("quarantined: ").append(s.quarantined().size()).append(" (inspect, then delete)\n");
      for (QuarantinedFile q : s.quarantined()) {
        b.append("  ").append(Display.safe(q.path()));
        b.append(" (was ").append(Display.safe(q.original())).append("): ");
        b.append(Display.safe(q.reason())).append('\n');
      }
    }
    return b.toString().stripTrailing();
  }

  /** The engines with their probes and diagnostics, and the providers that failed to load. */
  static void engines(StringBuilder b, StatusSnapshot s) {
    b.append("engines:\n");
    for (StatusSnapshot.EngineStatus e : s.engines()) {
      String accelerations =
          e.capabilities().accelerations().stream()
              .map(Acceleration::code)
              .sorted()
              .collect(Collectors.joining(","));
      b.append("  ")
          .append(e.id())
          .append(' ')
          .append(e.version())
          .append(" [")
          .append(accelerations)
          .append("] concurrency ")
          .append(e.concurrency())
          .append(": ")
          .append(probe(e.probe()))
          .append('\n');
      if (!e.diagnostics().isEmpty()) {
        b.append("    ")
            .append(
                e.diagnostics().entrySet().stream()
                    .map(d -> d.getKey() + " " + d.getValue())
                    .collect(Collectors.joining(", ")))
            .append('\n');
      }
    }
    for (String broken : s.brokenProviders()) {
      b.append("  broken provider: ").append(broken).append('\n');
    }
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-10s %s%n", label + ":", value));
  }

  static String probe(ProbeResult p) {
    if (p == null) {
      return "not probed";
    }
    String what =
        p.available()
            ? "available (" + p.acceleration().code() + ")"
            : "unavailable (" + p.cause().code() + ")";
    if (!p.devices().isEmpty()) {
      what +=
          " devices "
              + p.devices().stream().map(StatusText::device).toList()
              + (p.driverVersion() != null ? " driver " + p.driverVersion() : "");
    }
    return p.message().isEmpty() ? what : what + " " + p.message();
  }

  private static String device(GpuDevice d) {
    String memory =
        String.format(Locale.ROOT, "%.1f GiB", d.totalMemoryBytes() / (double) (1L << 30));
    return d.index()
        + ":"
        + d.name()
        + " ("
        + memory
        + (d.capability() != null ? ", compute " + d.capability() : "")
        + ")";
  }

  private static String ago(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    return Math.max(0, Duration.between(then, now).toMillis()) / 1000.0 + " s ago";
  }

  private static String timings(Map<String, Duration> t) {
    StringJoiner j = new StringJoiner(" ");
    t.forEach((phase, d) -> j.add(phase + "=" + d.toMillis() + "ms"));
    return j.toString();
  }
}

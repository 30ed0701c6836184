package org.convertalot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The report of {@code bench}: its settings, the machine, the engine that converted, one entry per
 * measured pass and a summary over them, and the quality scores when there is ground truth. Every
 * key is always present, in a fixed order, so two reports differ only in their values; a figure
 * that does not exist (no successful document, no procfs) is {@code null}.
 */
final class BenchReport {
  /** The report format, first key of the report. */
  static final String FORMAT = "convertalot-bench/1";

  private static final double[] PERCENTILES = {50, 95, 99};

  private final ObjectNode settings;
  private final List<BenchPass.Result> runs;
  private final JsonNode quality;

  /**
   * @param settings what was asked (corpus, engine, policy, options, runs, warmup, workers, ground
   *     truth)
   * @param runs the measured passes, in order
   * @param quality the eval report of the last pass's Markdown, or {@code null}
   */
  BenchReport(ObjectNode settings, List<BenchPass.Result> runs, JsonNode quality) {
    this.settings = settings;
    this.runs = List.copyOf(runs);
    this.quality = quality;
  }

  /** Whether every document of every measured pass converted. */
  boolean allSucceeded() {
    return runs.stream().flatMap(r -> r.docs().stream()).allMatch(BenchPass.Doc::ok);
  }

  /** The whole report. */
  ObjectNode json() {
    ObjectNode n = JsonOutput.object();
    n.put("format", FORMAT);
    n.set("settings", settings);
    n.set("machine", machine());
    List<BenchPass.Doc> all = runs.stream().flatMap(r -> r.docs().stream()).toList();
    n.set("engine", engine(all));
    n.set("engines", engines(all));
    ArrayNode list = n.putArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      ObjectNode r = list.addObject();
      r.put("run", i + 1);
      figures(r, List.of(runs.get(i)));
      ArrayNode failures = r.putArray("failures");
      runs.get(i).docs().stream()
          .filter(d -> !d.ok())
          .sorted(Comparator.comparing(BenchPass.Doc::file))
          .forEach(d -> failures.addObject().put("file", d.file()).put("error", d.error()));
    }
    ObjectNode summary = n.putObject("summary");
    summary.put("runs", runs.size());
    figures(summary, runs);
    n.set("quality", quality);
    return n;
  }

  /** The figures of one pass, or of several taken together (sums, peaks as the maximum). */
  private static void figures(ObjectNode n, List<BenchPass.Result> passes) {
    List<BenchPass.Doc> docs = passes.stream().flatMap(r -> r.docs().stream()).toList();
    int ok = (int) docs.stream().filter(BenchPass.Doc::ok).count();
    long pages = docs.stream().mapToLong(BenchPass.Doc::pages).sum();
    double seconds = passes.stream().mapToDouble(BenchPass.Result::seconds).sum();
    n.put("documents", docs.size());
    n.put("succeeded", ok);
    n.put("failed", docs.size() - ok);
    n.put("pages", pages);
    n.put("seconds", round(seconds, 6));
    n.put("startup_ms", round(passes.stream().mapToDouble(BenchPass.Result::startupMs).sum(), 3));
    putRate(n, "docs_per_second", docs.size(), seconds);
    putRate(n, "pages_per_second", pages, seconds);
    n.set("latency_ms", distribution(docs, BenchPass.Doc::latencyMs, true));
    n.set("wall_latency_ms", distribution(docs, BenchPass.Doc::wallMs, false));
    boolean cpuKnown = passes.stream().allMatch(r -> r.figures().cpuNanos() >= 0);
    if (cpuKnown) {
      n.put(
          "cpu_seconds",
          round(passes.stream().mapToLong(r -> r.figures().cpuNanos()).sum() / 1e9, 6));
    } else {
      n.putNull("cpu_seconds");
    }
    n.put(
        "peak_heap_bytes",
        passes.stream().mapToLong(r -> r.figures().peakHeapBytes()).max().orElse(0));
    boolean rssKnown = passes.stream().allMatch(r -> r.figures().peakRssBytes() != null);
    if (rssKnown) {
      n.put(
          "peak_rss_bytes",
          passes.stream().mapToLong(r -> r.figures().peakRssBytes()).max().orElse(0));
    } else {
      n.putNull("peak_rss_bytes");
    }
    ObjectNode gc = n.putObject("gc");
    gc.put("count", passes.stream().mapToLong(r -> r.figures().gcCount()).sum());
    gc.put("time_ms", passes.stream().mapToLong(r -> r.figures().gcMillis()).sum());
  }

  private static void putRate(ObjectNode n, String key, double count, double seconds) {
    if (seconds > 0) {
      n.put(key, count / seconds);
    } else {
      n.putNull(key);
    }
  }

  /**
   * {@code count, p50, p95, p99, max, mean} in ms; percentiles by nearest rank, so each is one of
   * the samples and they never decrease. Without samples every figure but the count is null.
   */
  static ObjectNode distribution(
      List<BenchPass.Doc> docs, ToDoubleFunction<BenchPass.Doc> value, boolean succeededOnly) {
    double[] samples =
        docs.stream().filter(d -> d.ok() || !succeededOnly).mapToDouble(value).sorted().toArray();
    ObjectNode n = JsonOutput.object();
    n.put("count", samples.length);
    for (double p : PERCENTILES) {
      String key = "p" + (int) p;
      if (samples.length == 0) {
        n.putNull(key);
      } else {
        int rank = (int) Math.ceil(p / 100 * samples.length);
        n.put(key, round(samples[Math.max(0, rank - 1)], 3));
      }
    }
    if (samples.length == 0) {
      n.putNull("max");
      n.putNull("mean");
    } else {
      n.put("max", round(samples[samples.length - 1], 3));
      n.put("mean", round(Arrays.stream(samples).sum() / samples.length, 3));
    }
    return n;
  }

  /** The engine, hardware and device that converted the most documents; nulls when none did. */
  private static ObjectNode engine(List<BenchPass.Doc> docs) {
    ObjectNode n = JsonOutput.object();
    List<Map.Entry<List<String>, Integer>> seen = new ArrayList<>(byEngine(docs).entrySet());
    // Most documents first; a tie goes to the first in sorted order.
    seen.sort(Comparator.comparingInt((Map.Entry<List<String>, Integer> e) -> -e.getValue()));
    List<String> first = seen.isEmpty() ? null : seen.get(0).getKey();
    String[] keys = {"id", "version", "acceleration_used", "device", "device_name"};
    for (int i = 0; i < keys.length; i++) {
      n.put(keys[i], first == null ? null : first.get(i));
    }
    return n;
  }

  /** Every engine, hardware and device that converted documents, with how many, sorted. */
  private static ArrayNode engines(List<BenchPass.Doc> docs) {
    ArrayNode list = JsonOutput.array();
    byEngine(docs)
        .forEach(
            (k, count) ->
                list.addObject()
                    .put("id", k.get(0))
                    .put("version", k.get(1))
                    .put("acceleration_used", k.get(2))
                    .put("device", k.get(3))
                    .put("device_name", k.get(4))
                    .put("documents", count));
    return list;
  }

  private static Map<List<String>, Integer> byEngine(List<BenchPass.Doc> docs) {
    Map<List<String>, Integer> counts =
        new TreeMap<>(
            (a, b) -> {
              for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                  return c;
                }
              }
              return 0;
            });
    for (BenchPass.Doc d : docs) {
      if (d.ok()) {
        counts.merge(
            List.of(
                d.engineId(), d.engineVersion(), d.acceleration(), d.deviceId(), d.deviceName()),
            1,
            Integer::sum);
      }
    }
    return counts;
  }

  /** Cores, memory, operating system and JVM of this machine. */
  static ObjectNode machine() {
    ObjectNode n = JsonOutput.object();
    n.put("cores", Runtime.getRuntime().availableProcessors());
    long memory = BenchMeters.physicalMemoryBytes();
    if (memory >= 0) {
      n.put("memory_bytes", memory);
    } else {
      n.putNull("memory_bytes");
    }
    n.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    ObjectNode os = n.putObject("os");
    os.put("name", System.getProperty("os.name"));
    os.put("version", System.getProperty("os.version"));
    os.put("arch", System.getProperty("os.arch"));
    ObjectNode jvm = n.putObject("jvm");
    jvm.put("vendor", System.getProperty("java.vendor"));
    jvm.put("version", Runtime.version().toString());
    jvm.put("name", System.getProperty("java.vm.name"));
    return n;
  }

  /** A few lines for people: counts, latency, throughput, resources, engine, quality. */
  void printText(PrintWriter w, int warmup) {
    ObjectNode n = json();
    JsonNode s = n.get("summary");
    JsonNode lat = s.get("latency_ms");
    w.printf(
        Locale.ROOT,
        "bench: %d measured run(s) after %d warmup: %d documents, %d succeeded, %d failed%n",
        runs.size(),
        warmup,
        s.get("documents").asInt(),
        s.get("succeeded").asInt(),
        s.get("failed").asInt());
    w.printf(
        Locale.ROOT,
        "latency ms: p50 %s  p95 %s  p99 %s  max %s  mean %s%n",
        lat.get("p50").asText(),
        lat.get("p95").asText(),
        lat.get("p99").asText(),
        lat.get("max").asText(),
        lat.get("mean").asText());
    w.printf(
        Locale.ROOT,
        "throughput: %.2f docs/s, %.2f pages/s over %.3f s%n",
        s.get("docs_per_second").asDouble(),
        s.get("pages_per_second").asDouble(),
        s.get("seconds").asDouble());
    w.printf(
        Locale.ROOT,
        "cpu %s s, peak heap %s MiB, peak RSS %s MiB, gc %d (%d ms)%n",
        s.get("cpu_seconds").asText(),
        mib(s.get("peak_heap_bytes")),
        mib(s.get("peak_rss_bytes")),
        s.at("/gc/count").asLong(),
        s.at("/gc/time_ms").asLong());
    JsonNode e = n.get("engine");
    w.println(
        "engine: "
            + e.get("id").asText()
            + " "
            + e.get("version").asText()
            + " on "
            + e.get("acceleration_used").asText()
            + " ("
            + e.get("device").asText()
            + ")");
    if (quality != null) {
      w.printf(
          Locale.ROOT,
          "quality: overall %s, NID %s, TEDS %s, MHS %s%n",
          score(quality.at("/metrics/score/overall_mean")),
          score(quality.at("/metrics/score/nid_mean")),
          score(quality.at("/metrics/score/teds_mean")),
          score(quality.at("/metrics/score/mhs_mean")));
    }
    w.flush();
  }

  /** Four decimals like eval's text, {@code -} for a metric that does not apply. */
  private static String score(JsonNode value) {
    return value.isNumber() ? String.format(Locale.ROOT, "%.4f", value.asDouble()) : "-";
  }

  private static String mib(JsonNode bytes) {
    return bytes.isNull()
        ? "unknown"
        : String.format(Locale.ROOT, "%.1f", bytes.asLong() / (1024.0 * 1024.0));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}

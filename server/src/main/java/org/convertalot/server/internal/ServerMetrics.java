package org.convertalot.server.internal;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobState;
import org.convertalot.api.StatusSnapshot;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format, through the Prometheus Java client:
 * jobs per state and the runtime's counters (failures by error code among them), read from its
 * status at each scrape, and a histogram of request durations by route and status. One registry per
 * server, none global.
 */
final class ServerMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Histogram requests;
  private final ConversionRuntime runtime;

  /**
   * The status the callbacks read: taken by {@link #scrape()}, the only caller of the registry's
   * scrape, so each scrape reads the store once.
   */
  private StatusSnapshot scraped;

  ServerMetrics(ConversionRuntime runtime) {
    this.runtime = runtime;
    GaugeWithCallback.builder()
        .name("convertalot_jobs")
        .help("jobs in the store, by state")
        .labelNames("state")
        .callback(
            callback -> {
              StatusSnapshot status = scraped;
              for (JobState state : JobState.values()) {
                callback.call(
                    status.counts().getOrDefault(state, 0L), state.name().toLowerCase(Locale.ROOT));
              }
            })
        .register(registry);
    counter("convertalot_jobs_submitted", "jobs submitted by this process", c -> c.submitted());
    counter("convertalot_conversions_succeeded", "conversions that succeeded", c -> c.succeeded());
    counter("convertalot_conversions_failed", "jobs that failed for good", c -> c.failed());
    CounterWithCallback.builder()
        .name("convertalot_job_failures")
        .help("jobs failed for good by this process, by error code")
        .labelNames("code")
        .callback(
            callback ->
                scraped.counters().failuresByCode().forEach((code, n) -> callback.call(n, code)))
        .register(registry);
    counter(
        "convertalot_conversions_retried",
        "attempts that failed and were retried",
        c -> c.retried());
    counter("convertalot_reaps", "runs taken back from dead workers", c -> c.reaped());
    counter(
        "convertalot_fallbacks", "conversions that fell back from GPU to CPU", c -> c.fallbacks());
    counter("convertalot_pages_converted", "pages converted", c -> c.pagesConverted());
    counter(
        "convertalot_integrity_violations",
        "artifacts that did not match their manifests",
        c -> c.integrityViolations());
    requests =
        Histogram.builder()
            .name("convertalot_http_request_duration_seconds")
            .help("HTTP request durations, by route and status")
            .labelNames("route", "status")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .register(registry);
  }

  private void counter(String name, String help, ToLongFunction<StatusSnapshot.Counters> value) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.applyAsLong(scraped.counters())))
        .register(registry);
  }

  /** Records one request's duration under its route (a template, never the raw path). */
  void request(String route, int status, long nanos) {
    requests.labelValues(route, Integer.toString(status)).observe(nanos / 1e9);
  }

  /** The text exposition of every metric, from one status snapshot. */
  synchronized String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    scraped = runtime.status();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scraped = null;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  String contentType() {
    return writer.getContentType();
  }
}

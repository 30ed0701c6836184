package org.convertalot.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Progress;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.internal.JobJson;

/**
 * The JSON forms of status snapshots, jobs and errors, as the CLI prints them. Every method returns
 * text, so users of this class need no JSON library of their own. Thread-safe.
 */
public final class Json {
  private final JobJson records = new JobJson();
  private final ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Creates a writer. */
  public Json() {}

  /**
   * A status snapshot as indented JSON.
   *
   * @param s the snapshot
   * @return the JSON text
   */
  public String status(StatusSnapshot s) {
    ObjectNode n = pretty.createObjectNode();
    n.put("library_version", s.libraryVersion());
    n.put("git_revision", s.gitRevision());
    put(n, "started_at", s.startedAt());
    n.put("store", s.store());
    n.put("namespace", s.namespace());
    n.put("paused", s.paused());
    n.put("workers", s.workers());
    ObjectNode counts = n.putObject("counts");
    for (JobState st : JobState.values()) {
      counts.put(st.name().toLowerCase(java.util.Locale.ROOT), s.counts().get(st));
    }
    ObjectNode c = n.putObject("counters");
    StatusSnapshot.Counters k = s.counters();
    c.put("submitted", k.submitted());
    c.put("succeeded", k.succeeded());
    c.put("failed", k.failed());
    c.put("retried", k.retried());
    c.put("reaped", k.reaped());
    c.put("impossible_states_repaired", k.impossibleStatesRepaired());
    c.put("integrity_violations", k.integrityViolations());
    c.put("leases_lost", k.leasesLost());
    c.put("fallbacks", k.fallbacks());
    c.put("pages_converted", k.pagesConverted());
    c.put("succeeded_with_warnings", k.succeededWithWarnings());
    ObjectNode byCode = c.putObject("failures_by_code");
    k.failuresByCode().forEach(byCode::put);
    n.set("engines", engines(s.engines()));
    ArrayNode broken = n.putArray("broken_providers");
    s.brokenProviders().forEach(broken::add);
    ArrayNode quarantined = n.putArray("quarantined");
    for (QuarantinedFile q : s.quarantined()) {
      ObjectNode qn = quarantined.addObject();
      qn.put("path", q.path());
      qn.put("original", q.original());
      qn.put("reason", q.reason());
      put(qn, "at", q.at());
    }
    ArrayNode running = n.putArray("running");
    for (StatusSnapshot.RunningJob r : s.running()) {
      ObjectNode rn = running.addObject();
      rn.put("id", r.id().value());
      rn.put("run_id", r.runId());
      rn.put("owner", String.valueOf(r.owner()));
      rn.put("attempt", r.attempt());
      put(rn, "started_at", r.startedAt());
      put(rn, "heartbeat_at", r.heartbeatAt());
      Progress p = r.progress();
      if (p != null) {
        rn.put("pages_done", p.pagesDone());
        rn.put("pages_total", p.pagesTotal());
        rn.put("phase", p.phase());
        put(rn, "progress_at", p.updatedAt());
      }
      rn.set("phase_timings_ms", timings(r.phaseTimings()));
    }
    return write(n);
  }

  /**
   * A job record as indented JSON.
   *
   * @param job the job record
   * @return the JSON text
   */
  public String job(JobSnapshot job) {
    return write(records.toJson(job));
  }

  /**
   * An error as indented JSON: code, message, details, retryable.
   *
   * @param e the exception
   * @return the JSON text
   */
  public String error(ConversionException e) {
    ObjectNode n = pretty.createObjectNode();
    n.put("code", e.code());
    n.put("message", e.getMessage());
    ObjectNode d = n.putObject("details");
    e.details().forEach(d::put);
    n.put("retryable", e.retryable());
    return write(n);
  }

  private String write(Object node) {
    try {
      return pretty.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode probe(ProbeResult p) {
    ObjectNode n = pretty.createObjectNode();
    n.put("available", p.available());
    n.put("acceleration", p.acceleration().code());
    if (p.cause() != null) {
      n.put("cause", p.cause().code());
    }
    if (p.driverVersion() != null) {
      n.put("driver_version", p.driverVersion());
    }
    ArrayNode devices = n.putArray("devices");
    for (GpuDevice d : p.devices()) {
      ObjectNode dn = devices.addObject();
      dn.put("index", d.index());
      dn.put("name", d.name());
      dn.put("total_memory_bytes", d.totalMemoryBytes());
      if (d.capability() != null) {
        dn.put("capability", d.capability());
      }
    }
    n.put("message", p.message());
    return n;
  }

  /**
   * What {@code convertalot probe} reports: the GPU runtime as this process sees it, and every
   * engine with its probe.
   *
   * @param gpu the GPU runtime probe
   * @param status a status snapshot, for its engines and broken providers
   * @return the JSON text
   */
  public String probeReport(ProbeResult gpu, StatusSnapshot status) {
    ObjectNode n = pretty.createObjectNode();
    n.set("gpu", probe(gpu));
    n.set("engines", engines(status.engines()));
    ArrayNode broken = n.putArray("broken_providers");
    status.brokenProviders().forEach(broken::add);
    return write(n);
  }

  private ArrayNode engines(List<StatusSnapshot.EngineStatus> list) {
    ArrayNode engines = pretty.createArrayNode();
    for (StatusSnapshot.EngineStatus e : list) {
      ObjectNode en = engines.addObject();
      en.put("id", e.id());
      en.put("version", e.version());
      ArrayNode acc = en.putArray("accelerations");
      e.capabilities().accelerations().stream().map(a -> a.code()).sorted().forEach(acc::add);
      en.put("concurrency", e.concurrency());
      en.put("priority", e.priority());
      ArrayNode options = en.putArray("options");
      for (EngineOption o : e.options()) {
        ObjectNode on = options.addObject();
        on.put("key", o.key());
        on.put("values", o.allowedValues());
        on.put("default", o.defaultValue());
        on.put("description", o.description());
      }
      if (e.probe() != null) {
        en.set("probe", probe(e.probe()));
      }
      ObjectNode diagnostics = en.putObject("diagnostics");
      e.diagnostics().forEach(diagnostics::put);
    }
    return engines;
  }

  private ObjectNode timings(Map<String, Duration> t) {
    ObjectNode n = pretty.createObjectNode();
    t.forEach((k, v) -> n.put(k, v.toMillis()));
    return n;
  }

  private static void put(ObjectNode n, String field, Instant value) {
    if (value != null) {
      n.put(field, value.toString());
    }
  }
}

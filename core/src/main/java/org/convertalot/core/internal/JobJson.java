package org.convertalot.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.Device;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.Progress;
import org.convertalot.api.SourceRef;
import org.convertalot.api.Warning;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.core.store.spi.UnreadableRecordException;

/**
 * The JSON trees of job records and manifests, behind {@link
 * org.convertalot.core.store.spi.JobCodec} and the CLI's {@link org.convertalot.core.Json}. Written
 * field by field so that the stored format is explicit, versioned and independent of class layout.
 * Kept internal because its signatures carry Jackson types; stores use the codec's bytes and
 * strings. Thread-safe.
 */
public final class JobJson {
  /** The record format this class writes. */
  public static final int RECORD_FORMAT = 1;

  private final ObjectMapper mapper;

  /** Creates the trees' factory. */
  public JobJson() {
    this.mapper = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * The mapper, for other compact JSON this library writes.
   *
   * @return the mapper
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Parses a job record tree, checking its format.
   *
   * @param n the tree
   * @return the record
   * @throws IOException when it is not a job record of {@link #RECORD_FORMAT}
   */
  public JobSnapshot readJob(JsonNode n) throws IOException {
    if (n == null || !n.isObject()) {
      throw new UnreadableRecordException(
          n == null || n.isMissingNode() ? "empty job record" : "job record is not a JSON object");
    }
    int format = n.path("format").asInt(-1);
    if (format != RECORD_FORMAT) {
      throw new UnreadableRecordException("unsupported job record format " + format);
    }
    try {
      return fromJson(n);
    } catch (RuntimeException e) {
      throw new UnreadableRecordException("malformed job record: " + describe(e), e);
    }
  }

  /**
   * The JSON tree of a job record.
   *
   * @param j the record
   * @return its tree, as stored
   */
  public ObjectNode toJson(JobSnapshot j) {
    ObjectNode n = mapper.createObjectNode();
    n.put("format", RECORD_FORMAT);
    n.put("id", j.id().value());
    n.put("sequence", j.sequence());
    n.put("state", j.state().name());
    n.put("attempt", j.attempt());
    n.put("max_attempts", j.maxAttempts());
    putText(n, "run_id", j.runId());
    if (j.owner() != null) {
      ObjectNode o = n.putObject("owner");
      o.put("host", j.owner().host());
      o.put("pid", j.owner().pid());
      o.put("instance", j.owner().instance());
      if (j.owner().staleAfter() != null) {
        o.put("stale_after_ms", j.owner().staleAfter().toMillis());
      }
    }
    putInstant(n, "created_at", j.createdAt());
    putInstant(n, "updated_at", j.updatedAt());
    putInstant(n, "started_at", j.startedAt());
    putInstant(n, "heartbeat_at", j.heartbeatAt());
    putInstant(n, "finished_at", j.finishedAt());
    putInstant(n, "not_before", j.notBefore());
    n.set("source", source(j.source()));
    n.put("policy", j.policy().code());
    putText(n, "engine_hint", j.engineHint());
    ObjectNode opts = n.putObject("options");
    j.options().forEach(opts::put);
    ObjectNode lim = n.putObject("limits");
    lim.put("max_bytes", j.limits().maxBytes());
    lim.put("max_pages", j.limits().maxPages());
    lim.put("deadline_ms", j.limits().deadline().toMillis());
    if (!j.pages().isAll()) {
      // Left out for every page, so records written before selections existed read the same.
      n.put("pages", j.pages().toString());
    }
    n.put("cancel_requested", j.cancelRequested());
    if (j.error() != null) {
      ObjectNode e = n.putObject("error");
      e.put("code", j.error().code().code());
      e.put("message", j.error().message());
      ObjectNode d = e.putObject("details");
      j.error().details().forEach(d::put);
      e.put("retryable", j.error().retryable());
    }
    if (j.manifest() != null) {
      n.set("manifest", manifest(j.manifest()));
    }
    ObjectNode timings = n.putObject("phase_timings_ms");
    j.phaseTimings().forEach((k, v) -> timings.put(k, v.toMillis()));
    if (j.progress() != null) {
      ObjectNode p = n.putObject("progress");
      p.put("pages_done", j.progress().pagesDone());
      p.put("pages_total", j.progress().pagesTotal());
      p.put("phase", j.progress().phase());
      putInstant(p, "updated_at", j.progress().updatedAt());
    }
    return n;
  }

  /**
   * The JSON tree of a manifest.
   *
   * @param m the manifest
   * @return its tree, as records embed it
   */
  public ObjectNode manifest(ArtifactManifest m) {
    ObjectNode n = mapper.createObjectNode();
    n.put("format_version", m.formatVersion());
    n.put("job_id", m.jobId().value());
    n.put("run_id", m.runId());
    n.put("attempt", m.attempt());
    n.put("sha256", m.sha256());
    n.put("size", m.size());
    n.put("engine_id", m.engineId());
    n.put("engine_version", m.engineVersion());
    n.put("acceleration_used", m.accelerationUsed().code());
    ObjectNode device = n.putObject("device");
    device.put("id", m.device().id());
    device.put("name", m.device().name());
    putText(n, "fallback_reason", m.fallbackReason());
    n.put("pages", m.pages());
    n.set("source", source(m.source()));
    putInstant(n, "created_at", m.createdAt());
    // Only when there are some: manifests without warnings stay byte for byte as before.
    if (!m.warnings().isEmpty()) {
      ArrayNode warnings = n.putArray("warnings");
      for (Warning w : m.warnings()) {
        ObjectNode wn = warnings.addObject();
        wn.put("code", w.code());
        wn.put("message", w.message());
        ArrayNode pages = wn.putArray("pages");
        w.pages().forEach(pages::add);
      }
    }
    return n;
  }

  private ObjectNode source(SourceRef s) {
    ObjectNode n = mapper.createObjectNode();
    n.put("path", s.path());
    n.put("name", s.name());
    n.put("sha256", s.sha256());
    n.put("size", s.size());
    return n;
  }

  private static JobSnapshot fromJson(JsonNode n) {
    JobSnapshot.Builder b =
        JobSnapshot.builder(
            JobId.of(n.get("id").asText()),
            n.get("sequence").asLong(),
            readSource(n.get("source")),
            Policy.fromCode(n.get("policy").asText()).orElseThrow(),
            instant(n, "created_at"));
    b.state(JobState.valueOf(n.get("state").asText()))
        .attempt(n.get("attempt").asInt())
        .maxAttempts(n.get("max_attempts").asInt())
        .runId(text(n, "run_id"))
        .updatedAt(instant(n, "updated_at"))
        .startedAt(instant(n, "started_at"))
        .heartbeatAt(instant(n, "heartbeat_at"))
        .finishedAt(instant(n, "finished_at"))
        .notBefore(instant(n, "not_before"))
        .engineHint(text(n, "engine_hint"))
        .cancelRequested(n.path("cancel_requested").asBoolean(false));
    JsonNode owner = n.get("owner");
    if (owner != null && owner.isObject()) {
      b.owner(
          new WorkerIdentity(
              owner.get("host").asText(),
              owner.get("pid").asLong(),
              owner.get("instance").asText(),
              owner.has("stale_after_ms")
                  ? Duration.ofMillis(owner.get("stale_after_ms").asLong())
                  : null));
    }
    Map<String, String> options = new TreeMap<>();
    n.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
    b.options(options);
    JsonNode lim = n.get("limits");
    b.limits(
        new Limits(
            lim.get("max_bytes").asLong(),
            lim.get("max_pages").asInt(),
            Duration.ofMillis(lim.get("deadline_ms").asLong())));
    String pages = text(n, "pages");
    b.pages(pages == null ? PageSelection.ALL : PageSelection.parse(pages));
    JsonNode err = n.get("error");
    if (err != null && err.isObject()) {
      Map<String, String> details = new LinkedHashMap<>();
      err.path("details").properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
      b.error(
          new ErrorInfo(
              ErrorCode.fromCode(err.get("code").asText()).orElseThrow(),
              err.path("message").asText(""),
              details,
              err.path("retryable").asBoolean(false)));
    }
    JsonNode m = n.get("manifest");
    if (m != null && m.isObject()) {
      b.manifest(manifestFromJson(m));
    }
    Map<String, Duration> timings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("phase_timings_ms").properties()) {
      timings.put(e.getKey(), Duration.ofMillis(e.getValue().asLong()));
    }
    b.phaseTimings(timings);
    JsonNode p = n.get("progress");
    if (p != null && p.isObject()) {
      b.progress(
          new Progress(
              p.get("pages_done").asInt(),
              p.get("pages_total").asInt(),
              p.get("phase").asText(),
              instant(p, "updated_at")));
    }
    return b.build();
  }

  /**
   * Parses a manifest tree.
   *
   * @param m the tree
   * @return the manifest
   * @throws IOException when it is not a manifest
   */
  public static ArtifactManifest readManifest(JsonNode m) throws IOException {
    if (m == null || !m.isObject()) {
      throw new UnreadableRecordException("manifest is not a JSON object");
    }
    try {
      return manifestFromJson(m);
    } catch (RuntimeException e) {
      throw new UnreadableRecordException("malformed manifest: " + describe(e), e);
    }
  }

  /** A decoding failure in words: no exception class names, no parser internals. */
  private static String describe(RuntimeException e) {
    if (e instanceof NullPointerException || e.getMessage() == null) {
      return "a required field is missing or null";
    }
    if (e instanceof DateTimeException) {
      return "a time field is not an ISO-8601 instant";
    }
    String message = e.getMessage();
    // Enum lookups say "No enum constant org.x.JobState.FOO": keep only the value.
    int constant = message.indexOf("No enum constant ");
    if (constant >= 0) {
      String name = message.substring(message.lastIndexOf('.') + 1);
      return "unknown value " + name;
    }
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }

  private static ArtifactManifest manifestFromJson(JsonNode m) {
    return new ArtifactManifest(
        JobId.of(m.get("job_id").asText()),
        m.get("run_id").asText(),
        m.get("attempt").asInt(),
        m.get("sha256").asText(),
        m.get("size").asLong(),
        m.get("engine_id").asText(),
        m.get("engine_version").asText(),
        Acceleration.fromCode(m.get("acceleration_used").asText()).orElseThrow(),
        readDevice(m.get("device")),
        text(m, "fallback_reason"),
        m.get("pages").asInt(),
        readSource(m.get("source")),
        instant(m, "created_at"),
        m.get("format_version").asInt(),
        readWarnings(m.get("warnings")));
  }

  /** Manifests written before warnings were recorded have none. */
  private static List<Warning> readWarnings(JsonNode w) {
    if (w == null || !w.isArray()) {
      return List.of();
    }
    List<Warning> warnings = new ArrayList<>(w.size());
    for (JsonNode n : w) {
      List<Integer> pages = new ArrayList<>();
      n.path("pages").forEach(p -> pages.add(p.asInt()));
      warnings.add(new Warning(n.get("code").asText(), n.path("message").asText(""), pages));
    }
    return warnings;
  }

  /** Manifests written before devices were recorded came from CPU runs only. */
  private static Device readDevice(JsonNode d) {
    if (d == null || !d.isObject()) {
      return Device.CPU;
    }
    return new Device(d.get("id").asText(), d.get("name").asText());
  }

  private static SourceRef readSource(JsonNode s) {
    return new SourceRef(
        s.get("path").asText(),
        s.get("name").asText(),
        s.get("sha256").asText(),
        s.get("size").asLong());
  }

  private static void putText(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static void putInstant(ObjectNode n, String field, Instant value) {
    if (value != null) {
      n.put(field, value.toString());
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : Instant.parse(v);
  }
}

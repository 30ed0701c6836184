package org.convertalot.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.core.Json;
import org.convertalot.core.store.spi.JobCodec;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The routes of API v1, health and readiness. Every failure leaves as the error envelope with the
 * status of its code ({@link ErrorStatus}); every route but {@code /healthz} needs an API key.
 */
public final class ApiHandler extends Handler.Abstract {

  /** A {@code wait} longer than this is cut to it: a request does not hold a thread for long. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final ConversionRuntime runtime;
  private final ApiKeys keys;
  private final SubmissionReader submissions;
  private final PartSpool spool;
  private final IdempotencyKeys idempotencyKeys;
  private final Clock clock;
  private final Json json = new Json();
  private final JobCodec codec = new JobCodec();
  private final String openApi;
  private final String operationsPage;
  private final ServerMetrics metrics;
  private final RateLimiter limiter;

  /**
   * The runtime's status when the server was built, for what never changes (version, revision,
   * start time): liveness answers without reading the store.
   */
  private final StatusSnapshot identity;

  /**
   * The handler.
   *
   * @param runtime the runtime served
   * @param keys the accepted API keys
   * @param uploads the server's folder: multipart parts are spooled there while their request
   *     lasts, idempotency keys are kept under it
   * @param maxUploadBytes the largest upload taken; a larger one is cut off while it is read
   * @param sources the folder JSON submits may name files under
   * @param requestsPerSecond each key's sustained request rate; 0 for no limit
   * @param requestBurst the most requests a key may make at once
   * @param clock the clock for uptime
   */
  public ApiHandler(
      ConversionRuntime runtime,
      ApiKeys keys,
      Path uploads,
      long maxUploadBytes,
      SourceRoot sources,
      double requestsPerSecond,
      double requestBurst,
      Clock clock) {
    this.runtime = runtime;
    this.keys = keys;
    this.spool = new PartSpool(uploads, clock);
    this.idempotencyKeys = new IdempotencyKeys(uploads.resolve(IDEMPOTENCY_FOLDER), clock);
    this.submissions = new SubmissionReader(spool, maxUploadBytes, sources);
    this.clock = clock;
    // The OpenAPI 3 document of these routes, kept true by OpenApiRoutesTest.
    this.openApi = resource("openapi.json");
    this.operationsPage = resource("operations.html");
    this.metrics = new ServerMetrics(runtime);
    this.limiter = new RateLimiter(requestsPerSecond, requestBurst, clock);
    this.identity = runtime.status();
  }

  /** The folder under the uploads folder that keeps what each {@code Idempotency-Key} named. */
  static final String IDEMPOTENCY_FOLDER = "idempotency-keys";

  /**
   * Clears what a previous server on the same folder left (parts of requests it died in, keys out
   * of their window); called once, before the first request. Uploads themselves are the runtime's:
   * it holds their copies and deletes them when their jobs end.
   */
  public void recover() {
    spool.sweep();
    idempotencyKeys.sweep();
  }

  /** A resource of the server module: the OpenAPI document, the operations page. */
  private static String resource(String name) {
    try (InputStream in =
        ApiHandler.class.getModule().getResourceAsStream("org/convertalot/server/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the server module");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The routes that are one fixed path. */
  private static final List<String> FIXED_ROUTES =
      List.of("/", "/healthz", "/readyz", "/metrics", "/v1/jobs", "/v1/openapi.json");

  /** What a job path has after its id, where the API has a route. */
  private static final List<String> JOB_PARTS = List.of("result", "manifest");

  /** The template of a job path with a part the API does not have, whose id is still checked. */
  private static final String UNKNOWN_JOB_PART = "/v1/jobs/{id}/?";

  /** The methods that become metric labels: any token is a method to HTTP. */
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String template = templateOf(Request.getPathInContext(request));
    try {
      return answer(request, template, response, callback);
    } finally {
      metrics.request(
          label(request.getMethod(), template), response.getStatus(), System.nanoTime() - start);
    }
  }

  /**
   * The route template of a path, the one place that parses paths: job ids fold into {@code {id}};
   * null where the API has no route.
   */
  static String templateOf(String path) {
    if (path.startsWith("/v1/jobs/")) {
      String[] parts = path.split("/", -1);
      if (parts.length == 4) {
        return "/v1/jobs/{id}";
      }
      if (parts.length == 5) {
        return JOB_PARTS.contains(parts[4]) ? "/v1/jobs/{id}/" + parts[4] : UNKNOWN_JOB_PART;
      }
      return null;
    }
    return FIXED_ROUTES.contains(path) ? path : null;
  }

  /** The metric label of a request: its method and template, folded where they are unknown. */
  static String label(String method, String template) {
    String verb = METHODS.contains(method) ? method : "OTHER";
    boolean known = template != null && !template.equals(UNKNOWN_JOB_PART);
    return verb + " " + (known ? template : "other");
  }

  private boolean answer(Request request, String template, Response response, Callback callback) {
    HttpExchange out = new HttpExchange(response, callback);
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    String route = method + " " + template;
    try {
      if (route.equals("GET /healthz")) {
        health(out);
        return true;
      }
      if (route.equals("GET /")) {
        // The page holds no data: its script asks the API, with the key the operator enters.
        out.header(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
        out.text(200, "text/html; charset=utf-8", operationsPage);
        return true;
      }
      String client = authorized(request, out);
      if (client == null) {
        return true;
      }
      route(request, client, route, path, out);
    } catch (ConversionException e) {
      out.error(e.code(), e.getMessage(), e.details(), e.retryable(), e.jobId().orElse(null));
    } catch (HttpFailure e) {
      out.error(e.code(), e.getMessage(), e.details(), false, null);
    } catch (RuntimeException e) {
      out.error(
          "internal_error",
          "the server failed: " + e.getClass().getSimpleName(),
          Map.of(),
          true,
          null);
    }
    return true;
  }

  private void route(Request request, String client, String route, String path, HttpExchange out) {
    switch (route) {
      case "GET /readyz":
        ready(out);
        break;
      case "GET /metrics":
        out.text(200, metrics.contentType(), metrics.scrape());
        break;
      case "GET /v1/openapi.json":
        out.json(200, openApi);
        break;
      case "POST /v1/jobs":
        submit(request, client, out);
        break;
      case "GET /v1/jobs":
        list(request, out);
        break;
      case "GET /v1/jobs/{id}":
        out.json(200, json.job(runtime.job(jobId(path))));
        break;
      case "DELETE /v1/jobs/{id}":
        out.json(200, json.job(runtime.cancel(jobId(path))));
        break;
      case "GET /v1/jobs/{id}/result":
        result(jobId(path), out);
        break;
      case "GET /v1/jobs/{id}/manifest":
        out.json(200, codec.writeManifestString(runtime.result(jobId(path)).manifest()));
        break;
      case "GET " + UNKNOWN_JOB_PART:
        // A malformed id is the request's fault before the missing route is.
        jobId(path);
        notFound(request.getMethod(), path, out);
        break;
      default:
        notFound(request.getMethod(), path, out);
    }
  }

  /** The id of the request's API key, or null when the request was answered with a refusal. */
  private String authorized(Request request, HttpExchange out) {
    String presented = null;
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    } else if (request.getHeaders().get("X-Api-Key") != null) {
      presented = request.getHeaders().get("X-Api-Key").strip();
    }
    if (presented == null || presented.isEmpty()) {
      out.error(
          ErrorStatus.UNAUTHENTICATED,
          "an API key is required: Authorization: Bearer KEY, or X-Api-Key: KEY",
          Map.of(),
          false,
          null);
      return null;
    }
    String id = keys.idOf(presented);
    if (id == null) {
      out.error(
          ErrorStatus.FORBIDDEN, "the API key is not one of this server's", Map.of(), false, null);
      return null;
    }
    if (!limiter.allow(id)) {
      out.header("Retry-After", Long.toString(limiter.retryAfterSeconds()));
      out.error(
          ErrorStatus.RATE_LIMITED,
          "too many requests with this API key; slow down",
          Map.of(),
          true,
          null);
      return null;
    }
    return id;
  }

  private void health(HttpExchange out) {
    ObjectNode n = HttpExchange.object();
    n.put("status", "ok");
    n.put("version", identity.libraryVersion());
    n.put("revision", identity.gitRevision());
    n.put("started_at", identity.startedAt().toString());
    n.put("uptime_seconds", Duration.between(identity.startedAt(), Instant.now(clock)).toSeconds());
    out.json(200, n);
  }

  private void ready(HttpExchange out) {
    // The status reads the store: a store that cannot be read fails it with store_unavailable.
    out.json(200, json.status(runtime.status()));
  }

  private void submit(Request request, String client, HttpExchange out) {
    String key = IdempotencyKeys.check(request.getHeaders().get(IdempotencyKeys.HEADER));
    JobSnapshot replayed = null;
    JobHandle handle = null;
    // Closing the submission deletes what Jetty spooled of an upload: the runtime has its own copy.
    try (Submission submission = submissions.read(request)) {
      replayed = key == null ? null : replay(client, key, submission, out);
      if (replayed == null) {
        handle = runtime.submit(submission.request());
        if (key != null) {
          idempotencyKeys.remember(client, key, handle.id());
        }
      }
    }
    Optional<Duration> wait = waitParameter(request);
    JobSnapshot job;
    if (wait.isPresent() && (replayed == null || !replayed.state().isTerminal())) {
      job = awaitEnd(handle != null ? handle : runtime.handle(replayed.id()), wait.get());
    } else {
      // A replayed job is answered as it was just read to compare it.
      job = replayed != null ? replayed : handle.snapshot();
    }
    out.header("Location", "/v1/jobs/" + job.id().value());
    out.json(job.state().isTerminal() ? 200 : 202, json.job(job));
  }

  /** The job once it ended, or as it is when {@code wait} runs out first. */
  private JobSnapshot awaitEnd(JobHandle handle, Duration wait) {
    try {
      ConversionResult result = handle.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return runtime.job(result.jobId());
    } catch (TimeoutException e) {
      // Not done in time: answered as it is now.
    } catch (ExecutionException e) {
      // A failed job is answered with its snapshot, which carries the error.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return handle.snapshot();
  }

  /**
   * The job an {@code Idempotency-Key} already names, read once, when the submit repeats the one
   * that made it; null when the key is new. The same key with another file or other settings is
   * refused. Nothing is submitted either way.
   */
  private JobSnapshot replay(String client, String key, Submission submission, HttpExchange out) {
    Optional<JobId> known = idempotencyKeys.find(client, key);
    if (known.isEmpty()) {
      return null;
    }
    JobSnapshot job;
    try {
      job = runtime.job(known.get());
    } catch (JobNotFoundException e) {
      // Its job was purged: the key names nothing any more.
      idempotencyKeys.forget(client, key);
      return null;
    }
    if (!SubmissionReader.sameRequest(job, submission)) {
      throw new HttpFailure(
          ErrorStatus.IDEMPOTENCY_KEY_REUSED,
          "this "
              + IdempotencyKeys.HEADER
              + " was used for another file or other settings (job "
              + known.get().value()
              + "); use a new key for a new submit",
          Map.of("job_id", known.get().value()));
    }
    out.header("Idempotent-Replayed", "true");
    return job;
  }

  private Optional<Duration> waitParameter(Request request) {
    Fields query = Request.extractQueryParameters(request);
    String wait = query.getValue("wait");
    if (wait == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(wait);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds())));
    } catch (NumberFormatException e) {
      throw invalid("wait is a number of seconds, 0 or more: " + wait, Map.of("wait", wait));
    }
  }

  private void list(Request request, HttpExchange out) {
    Fields query = Request.extractQueryParameters(request);
    int limit = intParameter(query, "limit", PageRequest.DEFAULT_LIMIT);
    long cursor = query.getValue("cursor") == null ? 0 : longParameter(query, "cursor");
    String order = query.getValue("order");
    if (order != null && !order.equals("oldest") && !order.equals("newest")) {
      throw invalid("order is oldest or newest: " + order, Map.of("order", order));
    }
    String state = query.getValue("state");
    PageRequest page =
        new PageRequest(cursor, limit, state == null ? null : state(state), "newest".equals(order));
    JobPage jobs = runtime.list(page);
    ObjectNode n = HttpExchange.object();
    ArrayNode array = n.putArray("jobs");
    for (JobSnapshot job : jobs.jobs()) {
      array.addRawValue(new RawValue(json.job(job)));
    }
    OptionalLong next = jobs.nextCursor();
    if (next.isPresent()) {
      n.put("next_cursor", Long.toString(next.getAsLong()));
    } else {
      n.putNull("next_cursor");
    }
    out.json(200, n);
  }

  private void result(JobId id, HttpExchange out) {
    ConversionResult result = runtime.result(id);
    String etag = "\"" + result.manifest().sha256() + "\"";
    out.header(HttpHeader.ETAG.asString(), etag);
    out.markdown(200, result.markdown());
  }

  /** The job id of a {@code /v1/jobs/{id}…} path. */
  private static JobId jobId(String path) {
    String text = path.split("/", -1)[3];
    if (!JobId.isValid(text)) {
      throw invalid("not a job id: " + text, Map.of("job_id", text));
    }
    return JobId.of(text);
  }

  private static JobState state(String text) {
    for (JobState s : JobState.values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw invalid("unknown state: " + text, Map.of("state", text));
  }

  private static int intParameter(Fields query, String name, int fallback) {
    String value = query.getValue(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(name + " is a number: " + value, Map.of(name, value));
    }
  }

  private static long longParameter(Fields query, String name) {
    String value = query.getValue(name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(name + " is a number: " + value, Map.of(name, value));
    }
  }

  static InvalidRequestException invalid(String message, Map<String, String> details) {
    return new InvalidRequestException(message, details, null, 0);
  }

  private static void notFound(String method, String path, HttpExchange out) {
    out.error(
        ErrorStatus.NOT_FOUND,
        "no route " + method + " " + path,
        Map.of("method", method),
        false,
        null);
  }
}

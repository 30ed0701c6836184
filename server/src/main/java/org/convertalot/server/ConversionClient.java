package org.convertalot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.store.spi.JobCodec;

/**
 * A client of a {@link ConversionServer}'s API v1 on the JDK's {@link HttpClient}: every call
 * returns a {@link CompletableFuture} of the api module's types, and every error envelope becomes
 * the {@link ConversionException} subtype of its code (HTTP-only codes: {@code unauthenticated} and
 * {@code forbidden} as {@link ConfigurationException}; {@code not_found}, {@code too_large} and
 * {@code idempotency_key_reused} as invalid requests, each with {@code details.http_status} and
 * {@code details.http_code}). Results are verified: their SHA-256 must match the {@code ETag} and
 * the manifest. Thread-safe.
 */
public final class ConversionClient {

  /** How long one request may take when no timeout is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String key;
  private final Duration timeout;
  private final HttpClient http;
  private final JobCodec codec = new JobCodec();

  private ConversionClient(Builder b) {
    this.base = b.base;
    this.key = b.key;
    this.timeout = b.timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * A builder for a client of the server at {@code base}.
   *
   * @param base the server's address, for example {@code http://127.0.0.1:8080}
   * @return the builder
   */
  public static Builder builder(URI base) {
    return new Builder(base);
  }

  /**
   * The server's health: no key needed.
   *
   * @return what it runs and since when
   */
  public CompletableFuture<ServerHealth> health() {
    return send(request("/healthz").GET())
        .thenApply(
            body -> {
              JsonNode n = tree(body);
              return new ServerHealth(
                  n.get("version").asText(),
                  n.get("revision").asText(),
                  Instant.parse(n.get("started_at").asText()),
                  n.get("uptime_seconds").asLong());
            });
  }

  /**
   * Submits a PDF.
   *
   * @param pdf the file to upload
   * @param policy the hardware policy
   * @param options engine options
   * @param wait how long the server may wait for the job to end before it answers; zero for none
   * @return the job, ended when it ended within {@code wait}
   */
  public CompletableFuture<JobSnapshot> submit(
      Path pdf, Policy policy, Map<String, String> options, Duration wait) {
    ConversionRequest.Builder request = ConversionRequest.builder(pdf).policy(policy);
    options.forEach(request::option);
    return submit(request.build(), wait);
  }

  /**
   * Submits a request as the server's runtime would take it: its PDF (a file, bytes or a stream,
   * under its {@link ConversionRequest#sourceName()}), policy, engine, options and pages. The
   * server applies its own limits, so the request's are not sent.
   *
   * @param request what to convert and how
   * @param wait how long the server may wait for the job to end before it answers; zero for none
   * @return the job, ended when it ended within {@code wait}
   */
  public CompletableFuture<JobSnapshot> submit(ConversionRequest request, Duration wait) {
    String boundary = "convertalot-" + UUID.randomUUID();
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    try {
      field(form, boundary, "policy", request.policy().code());
      if (request.engineHint() != null) {
        field(form, boundary, "engine", request.engineHint());
      }
      for (Map.Entry<String, String> option : request.options().entrySet()) {
        field(form, boundary, "option", option.getKey() + "=" + option.getValue());
      }
      if (!request.pages().isAll()) {
        field(form, boundary, "pages", request.pages().toString());
      }
      form.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + QUOTED.matcher(request.sourceName()).replaceAll("_")
                  + "\"\r\nContent-Type: application/pdf\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      if (request.content() == null) {
        form.write(Files.readAllBytes(request.source()));
      } else {
        request.content().open().transferTo(form);
      }
      form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + request.sourceName(), e);
    }
    String path = wait.isZero() ? "/v1/jobs" : "/v1/jobs?wait=" + wait.toSeconds();
    HttpRequest.Builder http =
        request(path)
            .timeout(timeout.plus(wait))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()));
    return send(http).thenApply(this::job);
  }

  /**
   * A job's snapshot.
   *
   * @param id the job
   * @return its snapshot
   */
  public CompletableFuture<JobSnapshot> job(JobId id) {
    return send(request("/v1/jobs/" + id.value()).GET()).thenApply(this::job);
  }

  /**
   * A page of jobs, in the page's order and state.
   *
   * @param page where the page starts and how long it is
   * @return the jobs and the cursor of the next page
   */
  public CompletableFuture<JobPage> list(PageRequest page) {
    String path =
        "/v1/jobs?limit="
            + page.limit()
            + (page.afterSequence() > 0 ? "&cursor=" + page.afterSequence() : "")
            + (page.newestFirst() ? "&order=newest" : "")
            + (page.state() == null
                ? ""
                : "&state=" + page.state().name().toLowerCase(java.util.Locale.ROOT));
    return send(request(path).GET())
        .thenApply(
            body -> {
              JsonNode n = tree(body);
              List<JobSnapshot> jobs = new ArrayList<>();
              for (JsonNode job : n.path("jobs")) {
                try {
                  jobs.add(codec.read(job));
                } catch (IOException e) {
                  throw new CompletionException(e);
                }
              }
              JsonNode next = n.path("next_cursor");
              return new JobPage(
                  jobs,
                  next.isTextual()
                      ? OptionalLong.of(Long.parseLong(next.asText()))
                      : OptionalLong.empty());
            });
  }

  /**
   * Cancels a job.
   *
   * @param id the job
   * @return its snapshot after the cancel
   */
  public CompletableFuture<JobSnapshot> cancel(JobId id) {
    return send(request("/v1/jobs/" + id.value()).DELETE()).thenApply(this::job);
  }

  /**
   * A job's artifact manifest.
   *
   * @param id a job that succeeded
   * @return its manifest
   */
  public CompletableFuture<ArtifactManifest> manifest(JobId id) {
    return send(request("/v1/jobs/" + id.value() + "/manifest").GET())
        .thenApply(
            body -> {
              try {
                return codec.readManifestString(body);
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
  }

  /**
   * A job's result, verified: the Markdown's SHA-256 matches the {@code ETag} the server sent and
   * the manifest, or the future fails with {@code integrity_violation}.
   *
   * @param id a job that succeeded
   * @return the verified result
   */
  public CompletableFuture<ConversionResult> result(JobId id) {
    CompletableFuture<HttpResponse<String>> markdown =
        http.sendAsync(
                request("/v1/jobs/" + id.value() + "/result").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .thenApply(this::checked);
    return markdown.thenCombine(
        manifest(id),
        (response, manifest) -> {
          String sha256 = Hashing.sha256Hex(response.body().getBytes(StandardCharsets.UTF_8));
          String etag = response.headers().firstValue("ETag").orElse("");
          if (!sha256.equals(manifest.sha256()) || !etag.equals("\"" + sha256 + "\"")) {
            throw new IntegrityViolationException(
                "the result of " + id + " does not match its manifest",
                Map.of("sha256", sha256, "manifest_sha256", manifest.sha256(), "etag", etag),
                id.value(),
                manifest.attempt());
          }
          return new ConversionResult(id, response.body(), manifest, Map.of());
        });
  }

  private JobSnapshot job(String body) {
    try {
      return codec.readString(body);
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  /** What a quoted file name in a part header cannot hold (the name is already a file name). */
  private static final Pattern QUOTED = Pattern.compile("[\"\\\\\\r\\n]");

  private static void field(ByteArrayOutputStream form, String boundary, String name, String value)
      throws IOException {
    form.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + key);
  }

  private CompletableFuture<String> send(HttpRequest.Builder request) {
    return http.sendAsync(
            request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(response -> checked(response).body());
  }

  /** The response when it succeeded; else the exception of its error envelope. */
  private HttpResponse<String> checked(HttpResponse<String> response) {
    if (response.statusCode() < 400) {
      return response;
    }
    throw fromEnvelope(response.statusCode(), response.body());
  }

  /** The exception an error envelope stands for. */
  static ConversionException fromEnvelope(int status, String body) {
    JsonNode error;
    try {
      error = JSON.readTree(body).get("error");
    } catch (IOException e) {
      error = null;
    }
    if (error == null) {
      return ConversionException.of(
          status >= 500 ? ErrorCode.BACKEND_FAILED : ErrorCode.INVALID_REQUEST,
          "the server answered " + status + " without an error envelope",
          Map.of("http_status", Integer.toString(status)),
          status >= 500,
          null,
          0);
    }
    String code = error.path("code").asText();
    Map<String, String> details = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = error.path("details").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      details.put(e.getKey(), e.getValue().asText());
    }
    details.put("http_status", Integer.toString(status));
    details.put("http_code", code);
    String jobId = error.path("job_id").isTextual() ? error.get("job_id").asText() : null;
    String message = error.path("message").asText();
    boolean retryable = error.path("retryable").asBoolean(false);
    ErrorCode known = ErrorCode.fromCode(code).orElse(null);
    if (known == null) {
      known =
          status == 401 || status == 403
              ? ErrorCode.CONFIGURATION_ERROR
              : status >= 500 ? ErrorCode.BACKEND_FAILED : ErrorCode.INVALID_REQUEST;
    }
    return ConversionException.of(known, message, details, retryable, jobId, 0);
  }

  private static JsonNode tree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  /** Builds a {@link ConversionClient}; validates each value as it is set. */
  public static final class Builder {
    private final URI base;
    private String key;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(URI base) {
      this.base = Objects.requireNonNull(base, "base");
      if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
        throw new ConfigurationException("the server address is http or https: " + base);
      }
    }

    /**
     * The API key sent with every request.
     *
     * @param value the key
     * @return this builder
     */
    public Builder apiKey(String value) {
      if (value == null || value.isBlank()) {
        throw new ConfigurationException("an API key must not be blank");
      }
      key = value.strip();
      return this;
    }

    /**
     * How long one request may take.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder timeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new ConfigurationException("timeout must be positive");
      }
      timeout = value;
      return this;
    }

    /**
     * The client.
     *
     * @return the client
     */
    public ConversionClient build() {
      if (key == null) {
        throw new ConfigurationException("a client needs an API key");
      }
      return new ConversionClient(this);
    }
  }
}

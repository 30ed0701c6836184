package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.server.HttpCalls.Reply;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API on a real server on loopback, a real runtime with the PDFBox engine, a real client. */
class ServerApiTest {

  private static final String KEY = "test-key-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private ConversionServer server;
  private HttpCalls calls;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, KEY, b -> b.maxUploadBytes(64 * 1024));
    runtime = loopback.runtime;
    server = loopback.server;
    calls = new HttpCalls(server.uri(), KEY);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private Reply send(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    return calls.send(method, path, headers, body);
  }

  private Reply get(String path) throws IOException {
    return calls.get(path);
  }

  private Reply upload(String path, byte[] pdf, String... fields) throws IOException {
    return calls.upload(path, pdf, fields);
  }

  private static JsonNode json(Reply response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void healthNeedsNoKeyAndNamesTheRevisionAndStartTime() throws Exception {
    Reply response = send("GET", "/healthz", Map.of(), null);

    assertEquals(200, response.status());
    JsonNode health = json(response);
    assertEquals("ok", health.get("status").asText());
    assertEquals(runtime.status().gitRevision(), health.get("revision").asText());
    assertEquals(runtime.status().startedAt().toString(), health.get("started_at").asText());
  }

  @Test
  void aPdfSubmittedAndWaitedForComesBackVerified() throws Exception {
    byte[] pdf = TestPdf.of("Hello from the server test");
    Reply submitted = upload("/v1/jobs?wait=30", pdf, "policy", "cpu_only");

    assertEquals(200, submitted.status(), submitted.body());
    JsonNode job = json(submitted);
    String id = job.get("id").asText();
    assertEquals("SUCCEEDED", job.get("state").asText(), submitted.body());
    assertEquals("/v1/jobs/" + id, submitted.header("Location"));
    assertEquals("a.pdf", job.at("/source/name").asText(), "the client's file name");

    Reply result = get("/v1/jobs/" + id + "/result");
    assertEquals(200, result.status());
    assertTrue(result.body().contains("Hello from the server test"), result.body());
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(result.body().getBytes(StandardCharsets.UTF_8)));
    assertEquals("\"" + sha256 + "\"", result.header("ETag"));

    JsonNode manifest = json(get("/v1/jobs/" + id + "/manifest"));
    assertEquals(sha256, manifest.get("sha256").asText());
    JsonNode listed = json(get("/v1/jobs?state=succeeded"));
    assertEquals(id, listed.get("jobs").get(0).get("id").asText());
  }

  @Test
  void metricsCountJobsPerStateAndTimeRequestsByRoute() throws Exception {
    Reply submitted = upload("/v1/jobs?wait=30", TestPdf.of("Counted"), "policy", "cpu_only");
    assertEquals(200, submitted.status(), submitted.body());
    get("/v1/jobs/" + json(submitted).get("id").asText());

    Reply metrics = get("/metrics");

    assertEquals(200, metrics.status());
    assertTrue(
        metrics.header("Content-Type").startsWith("text/plain"), metrics.header("Content-Type"));
    assertTrue(
        metrics.body().contains("convertalot_jobs{state=\"succeeded\"} 1.0"), metrics.body());
    assertTrue(
        metrics.body().contains("convertalot_conversions_succeeded_total 1.0"), metrics.body());
    assertTrue(
        metrics.body().contains("route=\"GET /v1/jobs/{id}\",status=\"200\""), metrics.body());
    assertEnvelope(send("GET", "/metrics", Map.of(), null), 401, "unauthenticated");
  }

  @Test
  void everyRouteButHealthNeedsAKeyAndAWrongKeyIsForbidden() throws Exception {
    Reply missing = send("GET", "/v1/jobs", Map.of(), null);
    Reply wrong =
        send("GET", "/readyz", Map.of("Authorization", "Bearer not-the-key-at-all-0000"), null);

    assertEnvelope(missing, 401, "unauthenticated");
    assertEnvelope(wrong, 403, "forbidden");
    assertTrue(!wrong.body().contains("not-the-key"), wrong.body());
  }

  @Test
  void errorsComeInOneEnvelopeWithTheStatusOfTheirCode() throws Exception {
    assertEnvelope(get("/v1/jobs/01m8aaaaaaaaaaaaaaaaaaaaaa"), 404, "job_not_found");
    assertEnvelope(get("/v1/jobs/..%2F..%2Fetc"), 400, "invalid_request");
    assertEnvelope(get("/v2/nothing"), 404, "not_found");
    assertEnvelope(
        send(
            "POST",
            "/v1/jobs",
            Map.of("X-Api-Key", KEY, "Content-Type", "application/json"),
            "{}".getBytes(StandardCharsets.UTF_8)),
        400,
        "invalid_request");
    assertEnvelope(
        upload("/v1/jobs", TestPdf.of("x"), "policy", "fastest"), 400, "invalid_request");
    assertEnvelope(upload("/v1/jobs", new byte[200 * 1024]), 413, "too_large");
    assertEnvelope(
        upload("/v1/jobs", TestPdf.of("y"), "engine", "no-such-engine"), 400, "invalid_request");
    try (Stream<Path> staged = Files.list(dir.resolve("data").resolve("uploads"))) {
      assertEquals(List.of(), staged.toList(), "refused submits leave no upload behind");
    }
    Path copies = dir.resolve("data").resolve("sources");
    if (Files.isDirectory(copies)) {
      try (Stream<Path> staged = Files.list(copies)) {
        assertEquals(List.of(), staged.toList(), "nor a copy in the runtime's folder");
      }
    }
  }

  @Test
  void anEncryptedPdfFailsAsInvalidInputWithItsReason() throws Exception {
    byte[] encrypted;
    try (PDDocument document = Loader.loadPDF(TestPdf.of("Secret text"))) {
      AccessPermission permissions = new AccessPermission();
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", permissions);
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      encrypted = out.toByteArray();
    }

    JsonNode job = json(upload("/v1/jobs?wait=30", encrypted, "policy", "cpu_only"));

    assertEquals("FAILED", job.get("state").asText(), job.toString());
    Reply result = get("/v1/jobs/" + job.get("id").asText() + "/result");
    assertEnvelope(result, 422, "invalid_input");
    assertEquals("encrypted", json(result).get("error").get("details").get("reason").asText());
  }

  @Test
  void aNonPdfIsAcceptedAndFailsAsInvalidInput() throws Exception {
    Reply submitted = upload("/v1/jobs?wait=30", "not a pdf".getBytes(StandardCharsets.UTF_8));

    JsonNode job = json(submitted);
    assertEquals("FAILED", job.get("state").asText(), submitted.body());
    Reply result = get("/v1/jobs/" + job.get("id").asText() + "/result");
    assertEnvelope(result, 422, "invalid_input");
    assertEquals(job.get("id").asText(), json(result).get("error").get("job_id").asText());
    assertTrue(
        get("/metrics")
            .body()
            .contains("convertalot_job_failures_total{code=\"invalid_input\"} 1.0"),
        "failures are counted by code");
  }

  private static void assertEnvelope(Reply response, int status, String code) throws IOException {
    assertEquals(status, response.status(), response.body());
    JsonNode error = json(response).get("error");
    assertEquals(code, error.get("code").asText(), response.body());
    assertTrue(error.has("message") && error.has("details") && error.has("retryable"));
    assertTrue(error.has("job_id"));
  }
}

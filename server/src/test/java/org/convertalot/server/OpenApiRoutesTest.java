package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Policy;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document the server serves is true: every documented route answers with a documented
 * status, and the methods it does not document answer {@code not_found}.
 */
class OpenApiRoutesTest {
  private static final String KEY = "openapi-key-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  // HttpURLConnection cannot send PATCH; the server treats every method alike when it has no route.
  private static final List<String> METHODS = List.of("get", "post", "put", "delete");

  @TempDir Path dir;
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private ConversionServer server;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, KEY);
    runtime = loopback.runtime;
    server = loopback.server;
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private int send(String method, String path, String type, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) server.uri().resolve(path).toURL().openConnection();
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", "Bearer " + KEY);
    if (body != null) {
      c.setRequestProperty("Content-Type", type);
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  private static byte[] form(byte[] pdf) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--b\r\nContent-Disposition: form-data; name=\"policy\"\r\n\r\ncpu_only\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(pdf);
    body.write("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  @Test
  void everyDocumentedRouteAnswersWithADocumentedStatusAndNoOtherRouteExists() throws Exception {
    ConversionClient client = ConversionClient.builder(server.uri()).apiKey(KEY).build();
    JobSnapshot job =
        client
            .submit(
                TestPdf.write(dir.resolve("a.pdf"), "documented"),
                Policy.CPU_ONLY,
                Map.of(),
                Duration.ofSeconds(30))
            .join();
    JsonNode doc = JSON.readTree(fetchDocument());
    assertEquals("3.0.3", doc.get("openapi").asText());

    Set<String> checked = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> route = paths.next();
      String path = route.getKey().replace("{id}", job.id().value());
      for (String method : METHODS) {
        JsonNode operation = route.getValue().get(method);
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        if (operation == null) {
          // Not documented: the server has no such route.
          assertEquals(404, send(verb, path, null, null), verb + " " + route.getKey());
          continue;
        }
        boolean upload = method.equals("post");
        int status =
            send(
                verb,
                path,
                upload ? "multipart/form-data; boundary=b" : null,
                upload ? form(TestPdf.of("again " + checked.size())) : null);
        List<String> documented = new ArrayList<>();
        operation.get("responses").fieldNames().forEachRemaining(documented::add);
        assertTrue(
            documented.contains(Integer.toString(status)),
            verb + " " + route.getKey() + " answered " + status + ", documented " + documented);
        checked.add(verb + " " + route.getKey());
      }
    }
    assertEquals(
        Set.of(
            "GET /",
            "GET /healthz",
            "GET /readyz",
            "GET /metrics",
            "GET /v1/openapi.json",
            "POST /v1/jobs",
            "GET /v1/jobs",
            "GET /v1/jobs/{id}",
            "DELETE /v1/jobs/{id}",
            "GET /v1/jobs/{id}/result",
            "GET /v1/jobs/{id}/manifest"),
        checked);
  }

  private byte[] fetchDocument() throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) server.uri().resolve("/v1/openapi.json").toURL().openConnection();
    c.setRequestProperty("X-Api-Key", KEY);
    assertEquals(200, c.getResponseCode());
    try (InputStream in = c.getInputStream()) {
      return in.readAllBytes();
    }
  }
}

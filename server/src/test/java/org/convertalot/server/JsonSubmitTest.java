package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON submit names a file under the source root, and nothing outside it. */
class JsonSubmitTest {
  private static final String KEY = "json-key-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private ConversionServer server;
  private Path sources;

  @BeforeEach
  void start() throws IOException {
    sources = Files.createDirectories(dir.resolve("sources"));
    loopback = LoopbackServer.start(dir, KEY, b -> b.sources(sources));
    runtime = loopback.runtime;
    server = loopback.server;
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private JsonNode submit(String json, int expected) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) server.uri().resolve("/v1/jobs?wait=30").toURL().openConnection();
    c.setRequestMethod("POST");
    c.setRequestProperty("X-Api-Key", KEY);
    c.setRequestProperty("Content-Type", "application/json");
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(expected, c.getResponseCode(), json);
    try (InputStream in = expected >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return JSON.readTree(in.readAllBytes());
    }
  }

  @Test
  void pagesSelectWhatIsConverted() throws Exception {
    TestPdf.write(sources.resolve("three.pdf"), "One", "Two", "Three");

    JsonNode job =
        submit("{\"path\": \"three.pdf\", \"policy\": \"cpu_only\", \"pages\": \"2\"}", 200);

    assertEquals("2", job.get("pages").asText(), job.toString());
    assertEquals(1, job.at("/manifest/pages").asInt(), job.toString());
  }

  @Test
  void aFileUnderTheSourceRootIsConverted() throws Exception {
    TestPdf.write(sources.resolve("reports/q1.pdf"), "Named by path");

    JsonNode job =
        submit("{\"path\": \"reports/q1.pdf\", \"policy\": \"cpu_only\", \"options\": {}}", 200);

    assertEquals("SUCCEEDED", job.get("state").asText(), job.toString());
  }

  @Test
  void pathsThatLeaveTheSourceRootAreRefusedWithoutTouchingThem() throws Exception {
    Path outside = TestPdf.write(dir.resolve("secret.pdf"), "Outside the root");
    Files.createSymbolicLink(sources.resolve("link.pdf"), outside);
    Files.createSymbolicLink(sources.resolve("out"), dir);
    String[] hostile = {
      "../secret.pdf",
      "reports/../../secret.pdf",
      outside.toString(),
      "link.pdf",
      "out/secret.pdf",
      "",
      "nul\\u0000.pdf",
      "missing.pdf",
    };
    for (String path : hostile) {
      JsonNode error = submit("{\"path\": \"" + path.replace("\\\\", "\\\\\\\\") + "\"}", 400);
      assertEquals("invalid_request", error.get("error").get("code").asText(), path);
    }
    assertEquals(0, runtime.status().counters().submitted(), "no hostile path became a job");
  }

  @Test
  void aMalformedOrWrongJsonBodyIsAnInvalidRequest() throws Exception {
    for (String body :
        new String[] {"{", "[]", "{\"path\": 7}", "{\"path\": \"a.pdf\", \"options\": 3}"}) {
      JsonNode error = submit(body, 400);
      assertEquals("invalid_request", error.get("error").get("code").asText(), body);
      assertTrue(error.get("error").get("message").asText().length() > 0);
    }
  }
}

package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convertalot serve} from the shaded jar, as the README runs it: health, submit, poll,
 * result, {@code remote verify} against it, then SIGTERM stops it. No key, no serve.
 */
class ServeCommandIT {
  private static final String KEY = "readme-key-0123456789abcdef";
  private static final Pattern SERVING = Pattern.compile("serving .* on (http://\\S+)");

  @TempDir Path work;

  private static String send(URI uri, String method, String type, byte[] body, int expected)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(90_000);
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", "Bearer " + KEY);
    if (body != null) {
      c.setRequestProperty("Content-Type", type);
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    assertEquals(expected, c.getResponseCode(), uri.toString());
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void servesTheReadmeFlowAndStopsOnSigterm() throws Exception {
    ServeProcess serving =
        ServeProcess.start(
            KEY, "--data-root", work.resolve("data").toString(), "--port", "0", "--workers", "1");
    Process server = serving.process();
    try {
      URI base = serving.uri();
      assertTrue(send(base.resolve("/healthz"), "GET", null, null, 200).contains("\"revision\""));

      String boundary = "----serve-it";
      ByteArrayOutputStream form = new ByteArrayOutputStream();
      form.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"policy\"\r\n\r\ncpu_only\r\n"
                  + "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"paper.pdf\"\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      form.write(TestPdf.of("Served by the command line"));
      form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      String job =
          send(
              base.resolve("/v1/jobs?wait=60"),
              "POST",
              "multipart/form-data; boundary=" + boundary,
              form.toByteArray(),
              200);
      Matcher id = Pattern.compile("\"id\" : \"([0-9a-z]+)\"").matcher(job);
      assertTrue(id.find(), job);
      assertTrue(
          send(base.resolve("/v1/jobs/" + id.group(1)), "GET", null, null, 200)
              .contains("SUCCEEDED"));
      String markdown =
          send(base.resolve("/v1/jobs/" + id.group(1) + "/result"), "GET", null, null, 200);
      assertTrue(markdown.contains("Served by the command line"), markdown);

      // The freshness gate: the running revision passes, any other fails closed naming both.
      String revision =
          send(base.resolve("/healthz"), "GET", null, null, 200)
              .replaceAll("(?s).*\"revision\":\"([^\"]+)\".*", "$1");
      Path keyFile = Files.writeString(work.resolve("key"), KEY + "\n");
      CliRunner.Result verified =
          CliRunner.run(
              "remote",
              "verify",
              "--url",
              base,
              "--expect-revision",
              revision,
              "--api-key-file",
              keyFile);
      assertEquals(0, verified.exitCode(), verified.toString());
      assertTrue(verified.out().contains("result verified"), verified.toString());
      CliRunner.Result stale =
          CliRunner.run(
              "remote",
              "verify",
              "--url",
              base,
              "--expect-revision",
              "0000000",
              "--api-key-file",
              keyFile);
      assertEquals(1, stale.exitCode(), stale.toString());
      assertTrue(
          stale.err().contains("runs revision " + revision + ", expected 0000000"),
          stale.toString());

      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not stop the server");
      // 143 = 128 + SIGTERM: the JVM's status after a signal, once the shutdown hook stopped it.
      assertEquals(143, server.exitValue());
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void withoutAnApiKeyItDoesNotServe() throws Exception {
    Process server =
        ServeProcess.launch(
            Map.of(), "--data-root", work.resolve("data").toString(), "--port", "0");
    assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, server.exitValue(), output);
    assertTrue(output.contains("serve needs at least one API key"), output);
  }
}

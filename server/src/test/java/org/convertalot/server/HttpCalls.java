package org.convertalot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain HTTP calls to a test server (the JDK's URL connection, no client of ours). */
final class HttpCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOUNDARY = "----convertalot-test-boundary";

  private final URI base;
  private final String key;

  HttpCalls(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /** One response: status, headers, body. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (name.equalsIgnoreCase(e.getKey())) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Reply send(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    c.setRequestMethod(method);
    headers.forEach(c::setRequestProperty);
    if (body != null) {
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      } catch (IOException e) {
        // The server may answer and close before the whole body is sent (an upload cut off).
      }
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new Reply(status, c.getHeaderFields(), text);
  }

  Reply get(String path) throws IOException {
    return send("GET", path, Map.of("Authorization", "Bearer " + key), null);
  }

  /** Uploads {@code pdf} in the field "file" with the given text fields (name, value, …). */
  Reply upload(String path, byte[] pdf, String... fields) throws IOException {
    return upload(path, Map.of(), pdf, fields);
  }

  /** As {@link #upload(String, byte[], String...)}, with more headers. */
  Reply upload(String path, Map<String, String> headers, byte[] pdf, String... fields)
      throws IOException {
    return uploadNamed(path, headers, "a.pdf", pdf, fields);
  }

  /**
   * As {@link #upload(String, Map, byte[], String...)}, with the part's file name, sent as given
   * (none when null).
   */
  Reply uploadNamed(
      String path, Map<String, String> headers, String fileName, byte[] pdf, String... fields)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("X-Api-Key", key);
    all.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    return send("POST", path, all, form(fileName, pdf, fields));
  }

  private static byte[] form(String fileName, byte[] pdf, String... fields) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < fields.length; i += 2) {
      body.write(
          ("--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\""
                  + fields[i]
                  + "\"\r\n\r\n"
                  + fields[i + 1]
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.write(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
                + "\r\nContent-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(pdf);
    body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }
}

package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each API key gets its own token bucket, refilled by the server's clock. */
class RateLimitTest {
  private static final String FIRST = "first-key-0123456789abcdef";
  private static final String SECOND = "second-key-0123456789abcdef";

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private ConversionServer server;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, FIRST, b -> b.apiKey(SECOND).rateLimit(2, 3).clock(clock));
    runtime = loopback.runtime;
    server = loopback.server;
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private int get(String key) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) server.uri().resolve("/v1/jobs").toURL().openConnection();
    c.setRequestProperty("X-Api-Key", key);
    int status = c.getResponseCode();
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (status == 429) {
        assertEquals("1", c.getHeaderField("Retry-After"));
        assertEquals(true, body.contains("\"code\":\"rate_limited\""), body);
      }
    }
    return status;
  }

  @Test
  void aKeyOverItsBurstIsLimitedUntilTheClockRefillsItAndOtherKeysAreNot() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get(FIRST), "request " + i + " within the burst");
    }
    assertEquals(429, get(FIRST));
    assertEquals(200, get(SECOND), "another key has its own bucket");

    clock.advance(Duration.ofMillis(500));
    assertEquals(200, get(FIRST), "half a second at 2 a second refills one token");
    assertEquals(429, get(FIRST));
  }
}

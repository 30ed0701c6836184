package org.convertalot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.server.internal.ApiHandler;
import org.convertalot.server.internal.ApiKeys;
import org.convertalot.server.internal.EnvelopeErrorHandler;
import org.convertalot.server.internal.SourceRoot;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A {@link ConversionRuntime} served over HTTP: API v1 under {@code /v1}, {@code /healthz} and
 * {@code /readyz}, one JSON error envelope, API keys on every route but {@code /healthz}. Built on
 * Jetty 12 (docs/decisions/http-server.md). Nothing starts until {@link #start()}; {@link #close()}
 * stops accepting, lets requests in flight finish within the stop timeout, and leaves the runtime
 * open (its owner closes it). Thread-safe.
 *
 * <pre>{@code
 * try (ConversionRuntime runtime = ConvertALot.builder().dataRoot(root).build();
 *     ConversionServer server =
 *         ConversionServer.builder(runtime).port(8080).apiKey(key).uploads(root.resolve("uploads")).build()) {
 *   server.start();
 *   server.join();
 * }
 * }</pre>
 */
public final class ConversionServer implements AutoCloseable {

  /** The address served when none is given: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The largest upload taken when no limit is given: 256 MiB. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;

  /** Each key's sustained request rate when none is given. */
  public static final double DEFAULT_REQUESTS_PER_SECOND = 2000;

  /** The most requests a key may make at once when none is given. */
  public static final double DEFAULT_REQUEST_BURST = 4000;

  /** How long {@link #close()} lets requests in flight finish. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Server jetty;
  private final ServerConnector connector;
  private final ApiHandler handler;

  private ConversionServer(Builder b) {
    jetty = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // No "Server: Jetty(version)" header: a version helps only those probing for its flaws.
    http.setSendServerVersion(false);
    connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(b.host);
    connector.setPort(b.port);
    jetty.addConnector(connector);
    handler =
        new ApiHandler(
            b.runtime,
            new ApiKeys(b.keys),
            b.uploads,
            b.maxUploadBytes,
            new SourceRoot(b.sources),
            b.requestsPerSecond,
            b.requestBurst,
            b.clock);
    jetty.setHandler(handler);
    jetty.setErrorHandler(new EnvelopeErrorHandler());
    jetty.setStopTimeout(b.stopTimeout.toMillis());
    jetty.setStopAtShutdown(false);
  }

  /**
   * A builder for a server over {@code runtime}.
   *
   * @param runtime the runtime to serve; the server never closes it
   * @return the builder
   */
  public static Builder builder(ConversionRuntime runtime) {
    return new Builder(runtime);
  }

  /**
   * Starts accepting requests, after clearing what a previous server on the same uploads folder
   * left: multipart parts of requests it stopped in (once an hour old), idempotency keys out of
   * their window. Uploaded sources are the runtime's to keep and delete.
   *
   * @return this server
   */
  public ConversionServer start() {
    handler.recover();
    try {
      jetty.start();
    } catch (Exception e) {
      throw new ConfigurationException("the server could not start: " + e.getMessage());
    }
    return this;
  }

  /** {@return the port served, once started (the one chosen when the port given was 0)} */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@return the base address, for example {@code http://127.0.0.1:8080}} */
  public URI uri() {
    String host = connector.getHost() == null ? DEFAULT_HOST : connector.getHost();
    return URI.create("http://" + host + ":" + port());
  }

  /** Waits until the server stops. */
  public void join() {
    try {
      jetty.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops accepting and lets requests in flight finish within the stop timeout. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the server did not stop cleanly", e);
    }
  }

  /** Builds a {@link ConversionServer}; validates each value as it is set. */
  public static final class Builder {
    private final ConversionRuntime runtime;
    private String host = DEFAULT_HOST;
    private int port = 0;
    private final List<String> keys = new ArrayList<>();
    private Path uploads;
    private Path sources;
    private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private double requestBurst = DEFAULT_REQUEST_BURST;
    private Clock clock = Clock.systemUTC();

    private Builder(ConversionRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * The address to listen on.
     *
     * @param value a host name or address; {@code 0.0.0.0} for every interface
     * @return this builder
     */
    public Builder host(String value) {
      if (value == null || value.isBlank()) {
        throw new ConfigurationException("host must not be blank");
      }
      host = value;
      return this;
    }

    /**
     * The port to listen on.
     *
     * @param value 0 to 65535; 0 picks a free port
     * @return this builder
     */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new ConfigurationException("port must be 0 to 65535: " + value);
      }
      port = value;
      return this;
    }

    /**
     * Adds an accepted API key.
     *
     * @param value the key, at least 16 characters
     * @return this builder
     */
    public Builder apiKey(String value) {
      if (value == null || value.strip().length() < 16) {
        throw new ConfigurationException("an API key has at least 16 characters");
      }
      keys.add(value.strip());
      return this;
    }

    /**
     * The server's own folder, created when missing: Jetty spools large multipart parts there while
     * their request lasts, and idempotency keys are kept under it. An upload is submitted as a
     * stream, which the runtime copies into its own folder until the job ends.
     *
     * @param value the folder, under the data root
     * @return this builder
     */
    public Builder uploads(Path value) {
      uploads = Objects.requireNonNull(value, "uploads");
      return this;
    }

    /**
     * The folder that JSON submits may name files under ({@code {"path": "a/b.pdf"}}); without one
     * the server takes uploads only. A name that is absolute, has a {@code ..} segment or leads out
     * of it through a symbolic link is refused.
     *
     * @param value an existing folder
     * @return this builder
     */
    public Builder sources(Path value) {
      if (value == null || !Files.isDirectory(value)) {
        throw new ConfigurationException("the source root is an existing folder: " + value);
      }
      sources = value;
      return this;
    }

    /**
     * The largest upload taken; a larger one is cut off while it is read ({@code too_large}).
     *
     * @param value bytes, at least 1
     * @return this builder
     */
    public Builder maxUploadBytes(long value) {
      if (value < 1) {
        throw new ConfigurationException("maxUploadBytes must be at least 1: " + value);
      }
      maxUploadBytes = value;
      return this;
    }

    /**
     * Each API key's request rate: {@code perSecond} on average, {@code burst} at once; a key over
     * it gets 429 {@code rate_limited} with {@code Retry-After}.
     *
     * @param perSecond requests a second, 0 for no limit
     * @param burst the most requests at once, at least 1
     * @return this builder
     */
    public Builder rateLimit(double perSecond, double burst) {
      if (perSecond < 0 || burst < 1) {
        throw new ConfigurationException(
            "a rate limit is 0 or more a second, with a burst of 1 or more");
      }
      requestsPerSecond = perSecond;
      requestBurst = burst;
      return this;
    }

    /**
     * How long closing lets requests in flight finish.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder stopTimeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new ConfigurationException("stopTimeout must be positive");
      }
      stopTimeout = value;
      return this;
    }

    /**
     * The clock for uptime.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The server, not yet started.
     *
     * @return the server
     */
    public ConversionServer build() {
      if (keys.isEmpty()) {
        throw new ConfigurationException("a server needs at least one API key");
      }
      if (uploads == null) {
        throw new ConfigurationException("a server needs an uploads folder");
      }
      try {
        Files.createDirectories(uploads);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + uploads, e);
      }
      return new ConversionServer(this);
    }
  }
}

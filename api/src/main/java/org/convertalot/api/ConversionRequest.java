package org.convertalot.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.convertalot.api.error.InvalidRequestException;

/**
 * What to convert and how: a source file (or bytes, or a stream, with a name), a policy, an
 * optional engine hint, engine options, limits and the pages to convert. Build one with {@link
 * #builder(Path)}, {@link #builder(byte[], String)} or {@link #builder(InputStream, String)}.
 *
 * <p>A request from bytes or a stream is copied by the runtime's {@code submit} into a folder the
 * runtime owns (hashed in the same pass), and that copy is deleted once its job has ended. A stream
 * is read once: a request built on one can be submitted once.
 *
 * @param source the PDF to convert, or {@code null} when {@code content} holds it
 * @param policy where the job may run
 * @param engineHint the id of the engine to use, or {@code null} to let the policy choose
 * @param options engine options, sorted by key
 * @param limits size, page and time bounds
 * @param content the PDF's bytes or stream with its name, or {@code null} for a file {@code source}
 * @param pages the pages to convert; {@link PageSelection#ALL} unless the request says otherwise
 */
public record ConversionRequest(
    Path source,
    Policy policy,
    String engineHint,
    Map<String, String> options,
    Limits limits,
    Content content,
    PageSelection pages) {

  private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /**
   * Validates and copies the fields.
   *
   * @param source the PDF to convert
   * @param policy where the job may run
   * @param engineHint the id of the engine to use, or {@code null} to let the policy choose
   * @param options engine options, sorted by key
   * @param limits size, page and time bounds
   * @param content the PDF's bytes or stream with its name, or {@code null} for a file {@code
   *     source}
   * @param pages the pages to convert, or {@code null} for {@link PageSelection#ALL}
   */
  public ConversionRequest {
    if ((source == null) == (content == null)) {
      throw new InvalidRequestException("give exactly one of a source file or content");
    }
    source = source == null ? null : source.toAbsolutePath().normalize();
    policy = policy == null ? Policy.DEFAULT : policy;
    if (engineHint != null && !Identifiers.isValid(engineHint)) {
      throw new InvalidRequestException("malformed engine id: '" + engineHint + "'");
    }
    Map<String, String> sorted = new TreeMap<>();
    if (options != null) {
      for (Map.Entry<String, String> e : options.entrySet()) {
        if (e.getKey() == null || !OPTION_KEY.matcher(e.getKey()).matches()) {
          throw new InvalidRequestException("malformed option key: '" + e.getKey() + "'");
        }
        if (e.getValue() == null) {
          throw new InvalidRequestException("option '" + e.getKey() + "' has no value");
        }
        sorted.put(e.getKey(), e.getValue());
      }
    }
    options = Collections.unmodifiableMap(sorted);
    limits = limits == null ? Limits.DEFAULTS : limits;
    pages = pages == null ? PageSelection.ALL : pages;
  }

  /**
   * A request for a source file, as before there was content.
   *
   * @param source the PDF to convert
   * @param policy where the job may run
   * @param engineHint the id of the engine to use, or {@code null} to let the policy choose
   * @param options engine options, sorted by key
   * @param limits size, page and time bounds
   */
  public ConversionRequest(
      Path source, Policy policy, String engineHint, Map<String, String> options, Limits limits) {
    this(
        Objects.requireNonNull(source, "source"),
        policy,
        engineHint,
        options,
        limits,
        null,
        PageSelection.ALL);
  }

  /**
   * The name the source goes by in the job and its manifest: the file name, or the content's.
   *
   * @return the source's name
   */
  public String sourceName() {
    return content != null ? content.name() : source.getFileName().toString();
  }

  /**
   * Starts a request for a source file with default policy and limits.
   *
   * @param source the PDF to convert
   * @return a builder with the default policy and limits
   */
  public static Builder builder(Path source) {
    return new Builder(Objects.requireNonNull(source, "source"), null);
  }

  /**
   * Starts a request for a PDF held in memory; the array is copied.
   *
   * @param bytes the PDF
   * @param name its file name, for the job and its manifest (no folders: {@code report.pdf})
   * @return a builder with the default policy and limits
   * @throws InvalidRequestException when the name is blank, too long or has a path separator
   */
  public static Builder builder(byte[] bytes, String name) {
    Objects.requireNonNull(bytes, "bytes");
    return new Builder(null, new Content(name, bytes.clone(), null));
  }

  /**
   * Starts a request for a PDF read from a stream. The runtime's {@code submit} reads it to its end
   * (and does not close it), so the request can be submitted once.
   *
   * @param stream the PDF's bytes
   * @param name its file name, for the job and its manifest (no folders: {@code report.pdf})
   * @return a builder with the default policy and limits
   * @throws InvalidRequestException when the name is blank, too long or has a path separator
   */
  public static Builder builder(InputStream stream, String name) {
    Objects.requireNonNull(stream, "stream");
    return new Builder(null, new Content(name, null, stream));
  }

  /**
   * A PDF given as bytes or as a stream, with its name. Made by {@link #builder(byte[], String)}
   * and {@link #builder(InputStream, String)}; read by the runtime at submit.
   */
  public static final class Content {
    private static final Pattern BAD_NAME = Pattern.compile("[/\\\\\\p{Cntrl}]");
    private final String name;
    private final byte[] bytes;
    private final InputStream stream;
    private final AtomicBoolean streamTaken = new AtomicBoolean();

    private Content(String name, byte[] bytes, InputStream stream) {
      if (name == null
          || name.isBlank()
          || name.length() > 255
          || name.equals(".")
          || name.equals("..")
          || BAD_NAME.matcher(name).find()) {
        throw new InvalidRequestException(
            "a source name is a file name without folders, up to 255 characters: '" + name + "'");
      }
      this.name = name;
      this.bytes = bytes;
      this.stream = stream;
    }

    /**
     * The name given to the content.
     *
     * @return the file name
     */
    public String name() {
      return name;
    }

    /**
     * Whether the content is bytes in memory, which can be read any number of times.
     *
     * @return {@code true} for bytes, {@code false} for a stream
     */
    public boolean inMemory() {
      return bytes != null;
    }

    /**
     * Opens the content: a fresh stream over the bytes, or the stream itself the first time.
     *
     * @return the PDF's bytes; closing a given stream is left to whoever gave it
     * @throws InvalidRequestException when the stream was already taken (the request was submitted
     *     before)
     */
    public InputStream open() {
      if (bytes != null) {
        return new ByteArrayInputStream(bytes);
      }
      if (!streamTaken.compareAndSet(false, true)) {
        throw new InvalidRequestException(
            "the stream of source '" + name + "' was read already: build a new request");
      }
      return stream;
    }

    @Override
    public String toString() {
      return "Content[" + name + (bytes != null ? ", " + bytes.length + " bytes]" : ", stream]");
    }
  }

  /** Builds a {@link ConversionRequest}; validates eagerly in {@link #build()}. */
  public static final class Builder {
    private final Path source;
    private final Content content;
    private Policy policy = Policy.DEFAULT;
    private String engineHint;
    private final Map<String, String> options = new TreeMap<>();
    private Limits limits = Limits.DEFAULTS;
    private PageSelection pages = PageSelection.ALL;

    private Builder(Path source, Content content) {
      this.source = source;
      this.content = content;
    }

    /**
     * Sets the policy (default {@link Policy#GPU_PREFER}).
     *
     * @param value the policy
     * @return this builder
     */
    public Builder policy(Policy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * Asks for a specific engine by id.
     *
     * @param id asks for a specific engine by id
     * @return this builder
     */
    public Builder engine(String id) {
      this.engineHint = Objects.requireNonNull(id, "engine id");
      return this;
    }

    /**
     * Adds an engine option.
     *
     * @param key the option name, as the engine declares it
     * @param value its value
     * @return this builder
     */
    public Builder option(String key, String value) {
      options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets all limits.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(Limits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Converts only some pages (default {@link PageSelection#ALL}).
     *
     * @param value the pages, such as {@code PageSelection.parse("1,3,5-7")}
     * @return this builder
     */
    public Builder pages(PageSelection value) {
      this.pages = Objects.requireNonNull(value, "pages");
      return this;
    }

    /**
     * Builds the immutable request.
     *
     * @return the request
     */
    public ConversionRequest build() {
      return new ConversionRequest(source, policy, engineHint, options, limits, content, pages);
    }
  }
}

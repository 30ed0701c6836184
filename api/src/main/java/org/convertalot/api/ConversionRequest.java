package org.convertalot.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.convertalot.api.error.InvalidRequestException;

/**
 * What to convert and how: a source file, a policy, an optional engine hint, engine options and
 * limits. Immutable; build one with {@link #builder(Path)}.
 *
 * @param source the PDF to convert
 * @param policy where the job may run
 * @param engineHint the id of the engine to use, or {@code null} to let the policy choose
 * @param options engine options, sorted by key
 * @param limits size, page and time bounds
 */
public record ConversionRequest(
    Path source, Policy policy, String engineHint, Map<String, String> options, Limits limits) {

  private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /**
   * Validates and copies the fields.
   *
   * @param source the PDF to convert
   * @param policy where the job may run
   * @param engineHint the id of the engine to use, or {@code null} to let the policy choose
   * @param options engine options, sorted by key
   * @param limits size, page and time bounds
   */
  public ConversionRequest {
    if (source == null) {
      throw new InvalidRequestException("source is required");
    }
    source = source.toAbsolutePath().normalize();
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
  }

  /**
   * Starts a request for a source file with default policy and limits.
   *
   * @param source the PDF to convert
   * @return a builder with the default policy and limits
   */
  public static Builder builder(Path source) {
    return new Builder(source);
  }

  /** Builds a {@link ConversionRequest}; validates eagerly in {@link #build()}. */
  public static final class Builder {
    private final Path source;
    private Policy policy = Policy.DEFAULT;
    private String engineHint;
    private final Map<String, String> options = new TreeMap<>();
    private Limits limits = Limits.DEFAULTS;

    private Builder(Path source) {
      this.source = Objects.requireNonNull(source, "source");
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
     * Builds the immutable request.
     *
     * @return the request
     */
    public ConversionRequest build() {
      return new ConversionRequest(source, policy, engineHint, options, limits);
    }
  }
}

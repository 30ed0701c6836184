package org.convertalot.api.backend;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.convertalot.api.Identifiers;
import org.convertalot.api.error.InvalidRequestException;

/**
 * An option an engine reads from {@link BackendInput#options()}, declared so that the runtime
 * checks it when a job is submitted: an unknown option or a bad value is {@code invalid_request} at
 * submit, never a failed job. Keys are {@code <engine id>.<name>}, for example {@code pdfbox.ocr}.
 * Values are compared trimmed and, for choices and flags, ignoring case.
 *
 * @param key the full key, starting with the engine id and a dot
 * @param description one line for help texts
 * @param type what values it takes
 * @param defaultValue the value the engine uses when the option is absent
 * @param choices the allowed values of a {@link Type#CHOICE}, empty otherwise
 * @param min the smallest value of an {@link Type#INTEGER}, 0 otherwise
 * @param max the largest value of an {@link Type#INTEGER}, 0 otherwise
 */
public record EngineOption(
    String key,
    String description,
    Type type,
    String defaultValue,
    List<String> choices,
    long min,
    long max) {

  /** The kinds of values an option takes. */
  public enum Type {
    /** One of a fixed set of words. */
    CHOICE,
    /** A whole number in a range. */
    INTEGER,
    /** {@code true} or {@code false}. */
    FLAG,
    /** Any text. */
    TEXT
  }

  /**
   * Validates the fields.
   *
   * @param key the full key, starting with the engine id and a dot
   * @param description one line for help texts
   * @param type what values it takes
   * @param defaultValue the value the engine uses when the option is absent
   * @param choices the allowed values of a {@link Type#CHOICE}, empty otherwise
   * @param min the smallest value of an {@link Type#INTEGER}, 0 otherwise
   * @param max the largest value of an {@link Type#INTEGER}, 0 otherwise
   */
  public EngineOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    choices = List.copyOf(choices);
    int dot = key.indexOf('.');
    if (dot < 1 || dot == key.length() - 1 || !Identifiers.isValid(key.substring(0, dot))) {
      throw new IllegalArgumentException("an option key is <engine id>.<name>: '" + key + "'");
    }
    if ((type == Type.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException("choices are given for choice options only: " + key);
    }
    if (type == Type.INTEGER ? min > max : min != 0 || max != 0) {
      throw new IllegalArgumentException("a range is given for integer options only: " + key);
    }
    if (!accepts(type, choices, min, max, defaultValue)) {
      throw new IllegalArgumentException("default '" + defaultValue + "' is not valid: " + key);
    }
  }

  /**
   * An option that takes one of a few words.
   *
   * @param key the full key
   * @param description one line for help texts
   * @param defaultValue the value used when absent, one of {@code choices}
   * @param choices the allowed values, lower case
   * @return the option
   */
  public static EngineOption choice(
      String key, String description, String defaultValue, String... choices) {
    return new EngineOption(key, description, Type.CHOICE, defaultValue, List.of(choices), 0, 0);
  }

  /**
   * An option that takes a whole number in a range.
   *
   * @param key the full key
   * @param description one line for help texts
   * @param defaultValue the value used when absent
   * @param min the smallest value
   * @param max the largest value
   * @return the option
   */
  public static EngineOption integer(
      String key, String description, long defaultValue, long min, long max) {
    return new EngineOption(
        key, description, Type.INTEGER, Long.toString(defaultValue), List.of(), min, max);
  }

  /**
   * An option that is {@code true} or {@code false}.
   *
   * @param key the full key
   * @param description one line for help texts
   * @param defaultValue the value used when absent
   * @return the option
   */
  public static EngineOption flag(String key, String description, boolean defaultValue) {
    return new EngineOption(
        key, description, Type.FLAG, Boolean.toString(defaultValue), List.of(), 0, 0);
  }

  /**
   * An option that takes any text.
   *
   * @param key the full key
   * @param description one line for help texts
   * @param defaultValue the value used when absent
   * @return the option
   */
  public static EngineOption text(String key, String description, String defaultValue) {
    return new EngineOption(key, description, Type.TEXT, defaultValue, List.of(), 0, 0);
  }

  /** {@return the id of the engine that reads it: the key up to its first dot} */
  public String engineId() {
    return key.substring(0, key.indexOf('.'));
  }

  /** {@return the values it takes, in words, for messages and help texts} */
  public String allowedValues() {
    return switch (type) {
      case CHOICE -> String.join(", ", choices);
      case INTEGER -> "a whole number from " + min + " to " + max;
      case FLAG -> "true or false";
      case TEXT -> "any text";
    };
  }

  /**
   * Checks a value.
   *
   * @param value the value as given
   * @throws InvalidRequestException when the option does not take it
   */
  public void check(String value) {
    if (!accepts(type, choices, min, max, value)) {
      throw new InvalidRequestException(
          "engine option " + key + " takes " + allowedValues() + ", not '" + value + "'",
          Map.of("option", key, "value", String.valueOf(value), "allowed", allowedValues()),
          null,
          0);
    }
  }

  /**
   * The option's value in a request's options, checked: the given value (trimmed; lower case for
   * choices and flags) or the default when absent.
   *
   * @param options a request's engine options
   * @return the value the engine should use
   * @throws InvalidRequestException when the given value is not one the option takes
   */
  public String valueIn(Map<String, String> options) {
    String given = options.get(key);
    if (given == null) {
      return defaultValue;
    }
    check(given);
    String trimmed = given.trim();
    return type == Type.CHOICE || type == Type.FLAG ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
  }

  private static boolean accepts(
      Type type, List<String> choices, long min, long max, String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case CHOICE:
        return choices.contains(v);
      case FLAG:
        return v.equals("true") || v.equals("false");
      case INTEGER:
        try {
          long n = Long.parseLong(v);
          return n >= min && n <= max;
        } catch (NumberFormatException e) {
          return false;
        }
      case TEXT:
      default:
        return true;
    }
  }
}

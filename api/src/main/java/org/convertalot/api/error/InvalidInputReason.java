package org.convertalot.api.error;

import java.util.Locale;
import java.util.Optional;

/** Why an input was rejected; the value of {@code details.reason} on {@code invalid_input}. */
public enum InvalidInputReason {
  /** The file does not start with a PDF header. */
  NOT_A_PDF,
  /** The file has no bytes. */
  EMPTY,
  /** The PDF is encrypted and cannot be opened without a password. */
  ENCRYPTED,
  /** The PDF is truncated or its structure is broken. */
  CORRUPT,
  /**
   * The file is bigger than the request's byte limit, or one of its pages asks the engine for more
   * work than the engine's limits allow ({@code details.limit} names which, for example {@code
   * glyphs_per_page} or {@code image_pixels}).
   */
  TOO_LARGE,
  /** The PDF has more pages than the request's page limit. */
  TOO_MANY_PAGES;

  /** {@return the stable snake_case value, for example {@code not_a_pdf}} */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks up a reason by its snake_case value.
   *
   * @param code the snake_case value
   * @return the reason, or empty when the value is unknown
   */
  public static Optional<InvalidInputReason> fromCode(String code) {
    for (InvalidInputReason r : values()) {
      if (r.code().equals(code)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}

package org.convertalot.api;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;
import org.convertalot.api.error.InvalidRequestException;

/**
 * A job's identifier: 26 characters of Crockford base32 (lower case), time-ordered then random. Ids
 * are validated on every way in, so an id can never name a path outside a data root.
 *
 * @param value the id text
 */
public record JobId(String value) implements Comparable<JobId> {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-hjkmnp-tv-z]{26}");
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

  /**
   * Validates the id; throws {@code invalid_request} when it is malformed.
   *
   * @param value the id text
   */
  public JobId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidRequestException("malformed job id: '" + abbreviate(value) + "'");
    }
  }

  /**
   * Parses an id given by a user.
   *
   * @param value the id text
   * @return the id
   */
  public static JobId of(String value) {
    return new JobId(value);
  }

  /**
   * Whether the text is a well-formed id.
   *
   * @param value the text to check
   * @return {@code true} when it is a well-formed id
   */
  public static boolean isValid(String value) {
    return value != null && FORMAT.matcher(value).matches();
  }

  /**
   * A new id: 48 bits of milliseconds then 80 random bits, like a ULID.
   *
   * @param epochMillis the time part, in milliseconds since the epoch
   * @param random the source of the random bits
   * @return the new id
   */
  public static JobId generate(long epochMillis, SecureRandom random) {
    char[] out = new char[26];
    long time = epochMillis;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (bytes[i] & 0xff);
      lo = (lo << 8) | (bytes[i + 5] & 0xff);
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (hi & 31)];
      hi >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo >>>= 5;
    }
    return new JobId(new String(out));
  }

  @Override
  public int compareTo(JobId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

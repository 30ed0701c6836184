package org.convertalot.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL as the user gave it, split into what the driver gets and what must stay
 * secret. The PostgreSQL driver reads no {@code user:password@} part (it would take it for a host
 * name and print it in its error), so that part is taken out here and passed as user and password.
 *
 * <p>{@link #redact(String)} is the one place a JDBC URL is turned into something printable.
 */
final class JdbcUrl {
  static final String PREFIX = "jdbc:postgresql:";

  /** What a password is shown as. */
  static final String MASK = "***";

  /** A {@code password=} parameter (also {@code sslpassword=} and the like), up to its end. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;][^&#;=]*password=)([^&#;]*)");

  /** {@code user:password@} right after the first {@code //} (of any URL, to redact it too). */
  private static final Pattern USER_INFO = Pattern.compile("^([^/]*//)([^/?#@]*)@");

  private final String given;
  private final String driverUrl;
  private final String user;
  private final String password;
  private final List<String> secrets;

  private JdbcUrl(
      String given, String driverUrl, String user, String password, Set<String> secrets) {
    this.given = given;
    this.driverUrl = driverUrl;
    this.user = user;
    this.password = password;
    this.secrets = List.copyOf(secrets);
  }

  /**
   * Reads a URL given on the command line or in the environment.
   *
   * @throws UsageError when it is not a PostgreSQL JDBC URL (the message shows it redacted)
   */
  static JdbcUrl parse(String url) {
    String trimmed = url.strip();
    if (!trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new UsageError(
          "--jdbc-url must start with "
              + PREFIX
              + " (for example "
              + PREFIX
              + "//host:5432/db): "
              + redact(trimmed));
    }
    Set<String> secrets = new LinkedHashSet<>();
    Matcher parameters = PASSWORD_PARAMETER.matcher(trimmed);
    while (parameters.find()) {
      addSecret(secrets, parameters.group(2));
    }
    Matcher userInfo = USER_INFO.matcher(trimmed);
    if (!userInfo.find()) {
      return new JdbcUrl(trimmed, PREFIX + trimmed.substring(PREFIX.length()), null, null, secrets);
    }
    String info = userInfo.group(2);
    int colon = info.indexOf(':');
    String user = decode(colon < 0 ? info : info.substring(0, colon));
    String password = colon < 0 ? null : decode(info.substring(colon + 1));
    if (colon >= 0) {
      addSecret(secrets, info.substring(colon + 1));
    }
    String withoutUserInfo = PREFIX + "//" + trimmed.substring(userInfo.end());
    return new JdbcUrl(trimmed, withoutUserInfo, user.isEmpty() ? null : user, password, secrets);
  }

  /**
   * The URL with every password replaced by {@value #MASK}: the {@code user:password@} part and
   * every parameter whose name ends in {@code password}. Anything else (host, port, database, user)
   * stays, so that a user can tell which server is meant.
   */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String masked =
        PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    Matcher userInfo = USER_INFO.matcher(masked);
    if (userInfo.find() && userInfo.group(2).indexOf(':') >= 0) {
      String info = userInfo.group(2);
      masked =
          userInfo.group(1)
              + info.substring(0, info.indexOf(':') + 1)
              + MASK
              + "@"
              + masked.substring(userInfo.end());
    }
    return masked;
  }

  /** The URL the driver gets: without the {@code user:password@} part. */
  String driverUrl() {
    return driverUrl;
  }

  /** The user of the {@code user@} part, or {@code null}. */
  String user() {
    return user;
  }

  /** The password of the {@code user:password@} part, or {@code null}. */
  String password() {
    return password;
  }

  /** The passwords written in the URL, as written and decoded. */
  List<String> secrets() {
    return secrets;
  }

  /** The URL as given, redacted: what the CLI shows. */
  @Override
  public String toString() {
    return redact(given);
  }

  /** A password as written, and as a decoder may read it (with a '+' kept or read as a space). */
  private static void addSecret(Set<String> secrets, String raw) {
    if (!raw.isEmpty()) {
      secrets.add(raw);
      secrets.add(decode(raw));
      try {
        secrets.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // Not percent-encoded: the raw form is all there is.
      }
    }
  }

  /** Percent-decoding of a user info part, where '+' stays a plus. */
  private static String decode(String part) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return part;
    }
  }
}

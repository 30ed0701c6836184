package org.convertalot.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an age: a whole number with a unit, {@code 30d}, {@code 12h}, {@code 15m} or {@code 45s},
 * or an ISO-8601 duration such as {@code P7D} or {@code PT1H30M}; zero or more.
 */
final class AgeConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([dhms])");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Duration age;
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      age =
          switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
          };
    } else {
      try {
        age = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "expected an age such as 30d, 12h, 15m, 45s or P7D but was '" + value + "'");
      }
    }
    if (age.isNegative()) {
      throw new TypeConversionException("the age must be zero or more: '" + value + "'");
    }
    return age;
  }
}

package org.convertalot.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import org.convertalot.api.Policy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a policy by its contract name ({@code cpu_only}, {@code gpu_prefer}, ...) in any case. */
final class PolicyConverter implements ITypeConverter<Policy> {
  @Override
  public Policy convert(String value) {
    return Policy.fromCode(value.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "expected one of "
                        + String.join(", ", new Candidates())
                        + " but was '"
                        + value
                        + "'"));
  }

  /** The policy names, for help and shell completion. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Policy.values()).map(Policy::code).iterator();
    }
  }
}

package org.convertalot.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import org.convertalot.api.JobState;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a job state ({@code FAILED}, {@code failed}, ...) in any case. */
final class JobStateConverter implements ITypeConverter<JobState> {
  @Override
  public JobState convert(String value) {
    for (JobState state : JobState.values()) {
      if (state.name().equalsIgnoreCase(value.strip())) {
        return state;
      }
    }
    throw new TypeConversionException(
        "expected one of " + String.join(", ", new Candidates()) + " but was '" + value + "'");
  }

  /** The states, for help and shell completion. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(JobState.values())
          .map(s -> s.name().toLowerCase(Locale.ROOT))
          .iterator();
    }
  }
}

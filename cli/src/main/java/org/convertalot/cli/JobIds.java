package org.convertalot.cli;

import org.convertalot.api.JobId;
import org.convertalot.api.error.InvalidRequestException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reads a job id argument; a malformed one is a usage error. */
final class JobIds {
  private JobIds() {}

  static JobId parse(String text, CommandSpec spec) {
    try {
      return JobId.of(text);
    } catch (InvalidRequestException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

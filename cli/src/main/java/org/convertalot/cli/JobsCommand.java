package org.convertalot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot jobs}: looks at the jobs of a data root or schema one by one, retries the
 * failed ones and prunes the ended ones.
 */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = {
      "Lists and shows jobs (which failed, and why), retries failed or canceled jobs, and prunes"
          + " ended jobs so that a shared data root or schema does not grow without end."
    },
    subcommands = {
      JobsListCommand.class,
      JobsShowCommand.class,
      JobsRetryCommand.class,
      JobsPruneCommand.class
    })
final class JobsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing required subcommand: list, show, retry or prune");
  }

  /** Whether {@code --verbose} was given. */
  boolean verbose() {
    return parent != null && parent.verbose();
  }
}

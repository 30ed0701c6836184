package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainCommandLineTest {
  private static final List<String> ALL =
      List.of(
          "convert",
          "status",
          "verify",
          "submit",
          "worker",
          "serve",
          "remote",
          "export",
          "cancel",
          "jobs",
          "probe",
          "gpu-verify",
          "eval",
          "bench",
          "help");

  private static List<String> subcommands(String... args) {
    return List.copyOf(Main.commandLine(args).getSubcommands().keySet());
  }

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    assertEquals(List.of("convert"), subcommands("convert", "a.pdf", "--out", "out"));
    assertEquals(List.of("status"), subcommands("-v", "status", "--data-root", "d"));
  }

  @Test
  void withoutASubcommandOrWithHelpOrAnUnknownNameAllAreBuiltInOrder() {
    assertEquals(ALL, subcommands());
    assertEquals(ALL, subcommands("--help"));
    assertEquals(ALL, subcommands("help", "convert"));
    assertEquals(ALL, subcommands("convrt"));
    assertEquals(ALL, List.copyOf(Main.commandLine().getSubcommands().keySet()));
  }

  @Test
  void theInheritedVerboseOptionReachesALazilyAddedSubcommand() {
    CommandLine line = Main.commandLine(new String[] {"status", "-v"});
    assertTrue(
        line.getSubcommands().get("status").getCommandSpec().findOption("--verbose") != null,
        "status has --verbose");
  }

  @Test
  void anUnknownSubcommandIsAUsageErrorWithASuggestion() {
    CliRunner.Result result = CliRunner.run("convrt");
    assertEquals(2, result.exitCode(), result.toString());
    assertTrue(result.err().contains("convert"), result.toString());
  }
}

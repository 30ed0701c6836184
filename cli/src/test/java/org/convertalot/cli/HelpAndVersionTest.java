package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} and {@code -h} on every (sub)command, and what {@code --version} names. */
class HelpAndVersionTest {
  /** The argument lists that name every command, {@code jobs list} as well as {@code convert}. */
  private static List<List<String>> everyCommand() {
    List<List<String>> out = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), out);
    return out;
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> out) {
    for (Map.Entry<String, CommandLine> sub : line.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      List<String> named = new ArrayList<>(path);
      named.add(sub.getKey());
      out.add(named);
      collect(sub.getValue(), named, out);
    }
  }

  @Test
  void helpAndHWorkOnEveryCommandWithoutItsRequiredOptions() {
    List<List<String>> commands = everyCommand();
    assertTrue(commands.contains(List.of("submit")), commands.toString());
    assertTrue(commands.contains(List.of("jobs", "retry")), commands.toString());
    for (List<String> command : commands) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(command);
        args.add(flag);
        CliRunner.Result r = CliRunner.run(args.toArray());
        assertEquals(0, r.exitCode(), args + ": " + r);
        assertTrue(
            r.out().startsWith("Usage: convertalot " + String.join(" ", command)), args + ": " + r);
        assertEquals("", r.err(), args + ": " + r);
      }
    }
  }

  @Test
  void versionNamesTheRevisionAndEveryEngineWithItsVersion() {
    CliRunner.Result r = CliRunner.run("--version");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        Pattern.compile("^convertalot \\S+ \\(git [0-9a-f]{7,}\\)$", Pattern.MULTILINE)
            .matcher(r.out())
            .find(),
        r.toString());
    assertTrue(
        Pattern.compile("^engine pdfbox \\S+", Pattern.MULTILINE).matcher(r.out()).find(),
        r.toString());
    assertTrue(
        Pattern.compile("^engine docling \\S+", Pattern.MULTILINE).matcher(r.out()).find(),
        r.toString());
    assertFalse(r.out().contains("${"), r.toString());
  }
}

package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Contract section 6: no environment variable or system property can change a request's policy;
 * only code can. The runtime and the API read the environment in exactly these places, none of
 * which touches a policy; a new read must be added here on purpose, after review.
 */
class PolicyIsCodeOnlyTest {
  /** Every environment variable and system property the api and core modules read. */
  private static final Set<String> ALLOWED =
      Set.of(
          "getenv:HOSTNAME", // the worker identity and process tokens
          "getProperty:java.io.tmpdir", // the default temp root
          "getProperty:PROPERTY"); // CrashPoints' test-only crash hook

  private static final Pattern READ =
      Pattern.compile(
          "(getenv|getProperty|getBoolean|getInteger|getLong)\\(\\)?(?:\\.getOrDefault\\()?\"?([A-Za-z_.]*)");

  @Test
  void onlyTheReviewedEnvironmentReadsExist() throws IOException {
    List<String> found = new ArrayList<>();
    for (String module : List.of("api", "core")) {
      Path src = Path.of("..", module, "src", "main", "java");
      if (!Files.isDirectory(src)) {
        src = Path.of(module, "src", "main", "java");
      }
      assumeTrue(Files.isDirectory(src), "sources not found from " + Path.of("").toAbsolutePath());
      try (Stream<Path> files = Files.walk(src)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(file)) {
            if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
              continue;
            }
            Matcher m = READ.matcher(line);
            while (m.find()) {
              if (line.contains("System.")
                  || line.contains("Boolean.")
                  || line.contains("Integer.")) {
                found.add(m.group(1) + ":" + m.group(2));
              }
            }
          }
        }
      }
    }
    assertEquals(
        Set.of(),
        found.stream()
            .filter(r -> !ALLOWED.contains(r))
            .collect(java.util.stream.Collectors.toSet()),
        "reads of the environment not reviewed for policy: " + found);
  }
}

package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.convertalot.api.Warning;

/**
 * The end of a {@code convert} run: what was converted now, what an earlier run had converted, what
 * failed and why, and the throughput. Pages per second count only the pages converted by this run,
 * so a re-run that reads everything back from the store does not report a fantasy rate.
 */
final class ConvertSummary {
  private final List<FileOutcome> outcomes;
  private final List<FileOutcome> failures;
  private final List<FileOutcome> warned;
  private final double seconds;
  private final StoreTarget store;
  private final Path out;
  private final int converted;
  private final int reused;
  private final int fallbacks;
  private final long pages;
  private final long pagesConverted;

  ConvertSummary(List<FileOutcome> outcomes, double seconds, StoreTarget store, Path out) {
    this.outcomes = List.copyOf(outcomes);
    this.failures =
        outcomes.stream()
            .filter(o -> !o.ok())
            .sorted(Comparator.comparing(o -> o.file().output()))
            .toList();
    this.warned =
        outcomes.stream()
            .filter(o -> !o.warnings().isEmpty())
            .sorted(Comparator.comparing(o -> o.file().output()))
            .toList();
    this.seconds = seconds;
    this.store = store;
    this.out = out;
    this.converted = count(FileOutcome.Kind.CONVERTED);
    this.reused = count(FileOutcome.Kind.REUSED);
    this.fallbacks = (int) outcomes.stream().filter(o -> o.fallbackReason() != null).count();
    this.pages = outcomes.stream().mapToLong(FileOutcome::pages).sum();
    this.pagesConverted =
        outcomes.stream()
            .filter(o -> o.kind() == FileOutcome.Kind.CONVERTED)
            .mapToLong(FileOutcome::pages)
            .sum();
  }

  boolean allSucceeded() {
    return failures.isEmpty();
  }

  double pagesPerSecond() {
    return seconds > 0 ? pagesConverted / seconds : 0;
  }

  void printText(PrintWriter w) {
    int total = outcomes.size();
    w.printf(
        Locale.ROOT,
        "%d of %d files succeeded: %d converted now, %d converted before (read from the store)"
            + ", %d failed%n",
        converted + reused,
        total,
        converted,
        reused,
        failures.size());
    if (converted == 0 && reused > 0) {
      w.println("nothing new to convert: the Markdown of files converted before was written again");
    }
    if (!failures.isEmpty()) {
      w.println("failed:");
      for (FileOutcome f : failures) {
        w.println(
            "  "
                + f.file().display()
                + ": "
                + f.codeWithReason()
                + ": "
                + store.secrets().scrub(f.message()));
      }
    }
    if (!warned.isEmpty()) {
      w.println("warnings (converted, but check these pages):");
      for (FileOutcome f : warned) {
        for (Warning warning : f.warnings()) {
          String pages = warning.pagesInWords();
          w.println(
              "  "
                  + f.file().display()
                  + ": "
                  + Display.safe(warning.code())
                  + (pages.isEmpty() ? "" : " on " + pages)
                  + ": "
                  + Display.safe(warning.message()));
        }
      }
    }
    if (fallbacks > 0) {
      w.println(
          "note: "
              + fallbacks
              + " file(s) ran on CPU under gpu_prefer: "
              + outcomes.stream()
                  .filter(o -> o.fallbackReason() != null)
                  .findFirst()
                  .map(FileOutcome::fallbackReason)
                  .orElse(""));
    }
    if (pagesConverted == 0) {
      w.printf(Locale.ROOT, "pages: %d (none converted now) in %.1f s%n", pages, seconds);
    } else {
      w.printf(
          Locale.ROOT,
          "pages: %d (%d converted now) in %.1f s, %.1f pages/s%n",
          pages,
          pagesConverted,
          seconds,
          pagesPerSecond());
    }
    w.println("output: " + out);
    w.println(store.summaryLine());
    w.flush();
  }

  String json() {
    ObjectNode n = JsonOutput.object();
    n.put("inputs", outcomes.size());
    n.put("succeeded", converted + reused);
    n.put("converted", converted);
    n.put("reused", reused);
    ArrayNode failed = n.putArray("failed");
    for (FileOutcome f : failures) {
      ObjectNode o = failed.addObject();
      o.put("file", f.file().source().toString());
      o.put("code", f.code());
      o.put("reason", f.reason());
      o.put("message", store.secrets().scrub(f.message()));
    }
    ArrayNode warnings = n.putArray("warnings");
    for (FileOutcome f : warned) {
      for (Warning warning : f.warnings()) {
        ObjectNode o = warnings.addObject();
        o.put("file", f.file().source().toString());
        o.put("code", warning.code());
        o.put("message", warning.message());
        ArrayNode pageList = o.putArray("pages");
        warning.pages().forEach(pageList::add);
      }
    }
    n.put("pages", pages);
    n.put("pages_converted", pagesConverted);
    n.put("fallbacks", fallbacks);
    n.put("seconds", round(seconds, 1000));
    n.put("pages_per_second", round(pagesPerSecond(), 100));
    store.describeIn(n);
    n.put("out", out.toString());
    return JsonOutput.write(n);
  }

  private int count(FileOutcome.Kind kind) {
    return (int) outcomes.stream().filter(o -> o.kind() == kind).count();
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }
}

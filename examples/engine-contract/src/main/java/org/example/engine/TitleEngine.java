package org.example.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;

/**
 * A deliberately small engine: it reads the text shown by {@code (…) Tj} operators of uncompressed
 * content streams, one paragraph per page. Enough to show what the contract asks of an engine.
 */
public final class TitleEngine implements ConversionBackend {
  private static final Pattern SHOWN = Pattern.compile("\\(((?:[^()\\\\]|\\\\.)*)\\)\\s*Tj");
  private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page[^s]");

  @Override
  public String id() {
    return "title";
  }

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public BackendCapabilities capabilities() {
    return new BackendCapabilities(Set.of(Acceleration.CPU), Set.of(BackendCapabilities.PDF), 2);
  }

  @Override
  public ProbeResult probe() {
    return ProbeResult.cpuAvailable("pure Java");
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    context.throwIfStopped();
    String text;
    try {
      text = new String(Files.readAllBytes(input.path()), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!text.startsWith("%PDF-") || !text.contains("%%EOF")) {
      throw new InvalidInputException(InvalidInputReason.CORRUPT, "not a complete PDF");
    }
    int pages = 0;
    for (Matcher m = PAGE.matcher(text); m.find(); ) {
      pages++;
    }
    List<String> paragraphs = new ArrayList<>();
    Matcher m = SHOWN.matcher(text);
    for (int done = 1; m.find(); done++) {
      paragraphs.add(m.group(1).replaceAll("\\\\(.)", "$1"));
      context.progress(Math.min(done, pages), pages);
      context.throwIfStopped();
    }
    return BackendOutput.onCpu(String.join("\n\n", paragraphs) + "\n", pages);
  }
}

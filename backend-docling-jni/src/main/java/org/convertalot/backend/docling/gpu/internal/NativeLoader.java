package org.convertalot.backend.docling.gpu.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a JNA library interface from the first candidate that opens, turning every error into a
 * {@link Loaded} failure.
 */
final class NativeLoader {

  private static final int MAX_REASON = 300;

  /** The dynamic linker's words for a file it did not find. */
  private static final String NOT_FOUND = "No such file or directory";

  private NativeLoader() {}

  /**
   * Loads the first candidate that opens.
   *
   * @param type the JNA interface
   * @param library the library as messages name it
   * @param candidates file names for the dynamic linker's search, or absolute paths (tried only
   *     when the file exists)
   * @param <L> the JNA interface type
   * @return the binding, or why none of the candidates opened
   */
  static <L extends Library> Loaded<L> load(
      Class<L> type, String library, List<String> candidates) {
    String firstReason = null;
    List<String> otherFailures = new ArrayList<>();
    List<String> alsoTried = new ArrayList<>();
    for (String candidate : candidates) {
      String reason;
      boolean absent;
      if (Path.of(candidate).isAbsolute() && !Files.exists(Path.of(candidate))) {
        reason = candidate + ": no such file";
        absent = true;
      } else {
        try {
          L binding = Native.load(candidate, type);
          return Loaded.bound(binding, library, openedFile(binding));
        } catch (LinkageError | RuntimeException e) {
          reason = oneLine(e);
          absent = reason.contains(NOT_FOUND);
        }
      }
      if (firstReason == null) {
        firstReason = reason;
      } else if (absent) {
        alsoTried.add(candidate);
      } else {
        otherFailures.add(reason);
      }
    }
    StringBuilder failure = new StringBuilder(firstReason == null ? "nothing to try" : firstReason);
    otherFailures.forEach(reason -> failure.append("; ").append(reason));
    if (!alsoTried.isEmpty()) {
      failure.append("; not found either: ").append(String.join(", ", alsoTried));
    }
    return Loaded.missing(library, failure.toString());
  }

  private static String openedFile(Object binding) {
    try {
      if (Proxy.getInvocationHandler(binding) instanceof Library.Handler handler) {
        NativeLibrary lib = handler.getNativeLibrary();
        File file = lib.getFile();
        return file == null ? null : file.getPath();
      }
    } catch (LinkageError | RuntimeException e) {
      // Only for the message: the binding works without knowing its file.
    }
    return null;
  }

  /**
   * The informative line of a JNA load error: its message starts {@code Unable to load library
   * 'x':} and the dynamic linker's own message follows on the next line.
   */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String text;
    if (lines.isEmpty()) {
      text = e.getClass().getName();
    } else if (lines.size() > 1 && lines.get(0).startsWith("Unable to load library")) {
      text = lines.get(1);
    } else {
      text = lines.get(0);
    }
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
  }
}

package org.convertalot.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder a JSON submit may name files under. A name is refused unless it is relative, has no
 * {@code ..} segment, and resolves, symbolic links followed, to a regular file inside the folder:
 * no path from a request is used before it passed these checks.
 */
public final class SourceRoot {

  private final Path root;

  /**
   * The root.
   *
   * @param root the folder, or null when the server takes uploads only
   */
  public SourceRoot(Path root) {
    this.root = root;
  }

  /** The file a request names, after the checks; {@code invalid_request} when any fails. */
  Path resolve(String name) {
    if (root == null) {
      throw ApiHandler.invalid(
          "this server takes uploads only: it has no source root for JSON submits", Map.of());
    }
    Map<String, String> details = Map.of("path", name);
    if (name.isEmpty()
        || name.indexOf('\0') >= 0
        || name.startsWith("/")
        || name.startsWith("\\")) {
      throw ApiHandler.invalid("a source path is relative to the source root", details);
    }
    Path relative;
    try {
      relative = Path.of(name);
    } catch (InvalidPathException e) {
      throw ApiHandler.invalid("not a path: " + name, details);
    }
    for (Path segment : relative) {
      if (segment.toString().equals("..")) {
        throw ApiHandler.invalid("a source path may not leave the source root (..)", details);
      }
    }
    if (relative.isAbsolute()) {
      throw ApiHandler.invalid("a source path is relative to the source root", details);
    }
    try {
      Path realRoot = root.toRealPath();
      Path real = realRoot.resolve(relative).toRealPath();
      if (!real.startsWith(realRoot)) {
        throw ApiHandler.invalid("a source path may not lead out of the source root", details);
      }
      if (!Files.isRegularFile(real)) {
        throw ApiHandler.invalid("not a file: " + name, details);
      }
      return real;
    } catch (IOException e) {
      throw ApiHandler.invalid("no such file under the source root: " + name, details);
    }
  }
}

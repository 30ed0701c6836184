package org.convertalot.core.internal.filestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.convertalot.api.error.DataRootConflictException;

/**
 * The descriptor that makes a folder a data root: {@code convertalot-root.json} with the layout's
 * format version, the namespace and the creation time.
 *
 * <p>Guarantees: a folder is only taken over when it is empty (or holds no more than the lock and
 * temp folders of another process creating the same root) or is already a data root of this format
 * and namespace; anything else is {@code data_root_conflict} and the folder is left as it was.
 * Creation and checking happen under the root lock, so two processes opening a new root together
 * agree on one descriptor.
 */
final class RootDescriptor {
  /** The root layout version this store reads and writes. */
  static final int ROOT_FORMAT = 1;

  static final String FILE = "convertalot-root.json";

  private RootDescriptor() {}

  /**
   * Creates the root when absent, or checks that it is a data root of this format and namespace;
   * then creates every folder of the layout.
   */
  static void createOrCheck(DataRoot layout, Instant now) throws IOException {
    Path root = layout.root();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new DataRootConflictException(
          "data root is a file, not a folder: " + root, Map.of("path", root.toString()));
    }
    Files.createDirectories(root);
    Path descriptor = root.resolve(FILE);
    if (!Files.exists(descriptor)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          // Another process may be creating this root right now: its first folders are these.
          if (!name.equals("locks") && !name.equals("tmp")) {
            throw new DataRootConflictException(
                "folder is not empty and is not a Convert-a-Lot data root: " + root,
                Map.of("path", root.toString(), "found", name));
          }
        }
      }
    }
    layout.createLockAndTempFolders();
    ObjectMapper mapper = new ObjectMapper();
    try (FileLocks.Held ignored = layout.lockRoot()) {
      if (Files.exists(descriptor)) {
        check(mapper, descriptor, layout);
      } else {
        ObjectNode d = mapper.createObjectNode();
        d.put("format_version", ROOT_FORMAT);
        d.put("namespace", layout.namespace());
        d.put("created_at", now.toString());
        AtomicFiles.write(descriptor, layout.tempFile(), mapper.writeValueAsBytes(d), true);
      }
      layout.createFolders();
    }
  }

  /** Checks an existing root's descriptor without creating, locking or writing anything. */
  static void checkExisting(DataRoot layout) throws IOException {
    Path descriptor = layout.root().resolve(FILE);
    if (!Files.isRegularFile(descriptor)) {
      throw new DataRootConflictException(
          "not a Convert-a-Lot data root (no " + FILE + "): " + layout.root(),
          Map.of("path", layout.root().toString()));
    }
    check(new ObjectMapper(), descriptor, layout);
  }

  private static void check(ObjectMapper mapper, Path descriptor, DataRoot layout)
      throws IOException {
    Path root = layout.root();
    String namespace = layout.namespace();
    JsonNode d;
    try {
      d = mapper.readTree(Files.readAllBytes(descriptor));
    } catch (IOException e) {
      throw new DataRootConflictException(
          "unreadable data root descriptor " + descriptor + ": " + e.getMessage(),
          Map.of("path", descriptor.toString()));
    }
    int format = d.path("format_version").asInt(-1);
    String found = d.path("namespace").asText("");
    if (format != ROOT_FORMAT) {
      throw new DataRootConflictException(
          "data root " + root + " has format " + format + ", this library reads " + ROOT_FORMAT,
          Map.of("path", root.toString(), "format_version", String.valueOf(format)));
    }
    if (!found.equals(namespace)) {
      throw new DataRootConflictException(
          "data root " + root + " belongs to namespace '" + found + "', not '" + namespace + "'",
          Map.of("path", root.toString(), "expected", namespace, "found", found));
    }
  }
}

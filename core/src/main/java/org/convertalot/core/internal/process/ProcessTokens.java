package org.convertalot.core.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names that say which process made a temp file or folder, so that cleanup removes only what a dead
 * process left. A pid alone is not enough: a process in another pid namespace (a container) or on
 * another host sharing the folder may have the same pid and be alive. A token is {@code
 * <scope>-<pid>}: the scope is 8 hex digits of a hash of the host name, the boot id and the pid
 * namespace, so two processes share a scope only when this process can see the other's pid.
 *
 * <p>Rule: an owner is dead only when its scope is this process's scope and no process with its pid
 * is alive. An owner of another scope is never judged dead from here.
 */
public final class ProcessTokens {
  private static final Pattern TOKEN = Pattern.compile("^([0-9a-f]{8})-([0-9]+)-");

  private final String scope;
  private final long pid;

  private ProcessTokens(String scope, long pid) {
    this.scope = scope;
    this.pid = pid;
  }

  /**
   * The tokens of this process. Reads the boot id and the pid namespace once; call it when a store
   * or runtime opens, not at class load.
   *
   * @return this process's tokens
   */
  public static ProcessTokens current() {
    String host = hostName();
    String boot = read(Path.of("/proc/sys/kernel/random/boot_id")).orElse("");
    String pidNamespace = link(Path.of("/proc/self/ns/pid")).orElse("");
    return new ProcessTokens(scopeOf(host + "\n" + boot + "\n" + pidNamespace), currentPid());
  }

  /**
   * This machine's name as processes on it know it: {@code HOSTNAME} when set (a container's name),
   * else the local host name.
   *
   * @return the host name
   */
  public static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static long currentPid() {
    return ProcessHandle.current().pid();
  }

  static String scopeOf(String identity) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The prefix of names this process makes: {@code <scope>-<pid>-}.
   *
   * @return the prefix
   */
  public String prefix() {
    return scope + "-" + pid + "-";
  }

  /**
   * Whether the process that made a name of this form is known to be dead: same scope, pid not
   * alive. Names not of this form (foreign or older files) are judged dead only when {@code
   * foreignIsDead} is set.
   *
   * @param name a file or folder name starting with a {@link #prefix()}
   * @param foreignIsDead what to answer for a name not of this form
   * @return true when it may be removed
   */
  public boolean ownerIsDead(String name, boolean foreignIsDead) {
    Matcher m = TOKEN.matcher(name);
    if (!m.find()) {
      return foreignIsDead;
    }
    if (!m.group(1).equals(scope)) {
      return false;
    }
    long owner;
    try {
      owner = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return foreignIsDead;
    }
    if (owner == pid) {
      return false;
    }
    return ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true);
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file).trim());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> link(Path file) {
    try {
      return Optional.of(Files.readSymbolicLink(file).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

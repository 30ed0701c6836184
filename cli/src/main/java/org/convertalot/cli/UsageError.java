package org.convertalot.cli;

/**
 * A problem with what the user asked for, found by a helper that has no picocli context; the
 * command turns it into a picocli usage error (exit code 2).
 */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}

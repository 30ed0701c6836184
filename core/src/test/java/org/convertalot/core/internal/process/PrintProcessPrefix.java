package org.convertalot.core.internal.process;

/** Child JVM main of {@link ProcessTokensTest}: prints this process's name prefix. */
public final class PrintProcessPrefix {
  private PrintProcessPrefix() {}

  public static void main(String[] args) {
    System.out.println(ProcessTokens.current().prefix());
  }
}

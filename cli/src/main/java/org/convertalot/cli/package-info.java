/**
 * The {@code convertalot} command line: {@link org.convertalot.cli.Main} with the {@code convert},
 * {@code status} and {@code verify} subcommands. Everything but {@code Main} is package-private.
 */
package org.convertalot.cli;

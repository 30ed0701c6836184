package org.convertalot.cli;

import picocli.CommandLine.Command;

/** {@code convertalot remote}: commands that talk to a running {@code convertalot serve}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "remote",
    description = "Talks to a running convertalot serve.",
    subcommands = {RemoteVerifyCommand.class})
final class RemoteCommand {}

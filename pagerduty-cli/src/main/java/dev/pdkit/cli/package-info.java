/**
 * The {@code pdkit} command line. {@link dev.pdkit.cli.Main} holds the global options and the one
 * list of subcommands; each subcommand is its own class and reaches the shared client through
 * {@link dev.pdkit.cli.Main#from(picocli.CommandLine.Model.CommandSpec)}.
 *
 * <p>Exit codes: 0 success, 1 the operation failed (API or transport error), 2 bad usage or
 * invalid input. Errors go to stderr as one line, {@code pdkit: error: ...}; {@code --verbose}
 * adds the stack trace. Secrets never appear in output.
 */
@NullMarked
package dev.pdkit.cli;

import org.jspecify.annotations.NullMarked;

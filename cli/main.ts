#!/usr/bin/env node
/**
 * `telnyx-reservations`: the command-line entry point. Handles the top-level
 * flags (`--help`, `--version`), picks the command from `cli/commands/`, parses
 * its flags, and turns any error into one stderr line and an exit code
 * (see `cli-error.ts`: 1 failure, 2 usage).
 */
import { EXIT_OK, UsageError, errorLine, exitCodeFor } from "./cli-error";
import { CommandIO } from "./command";
import { COMMANDS } from "./commands";
import { parseFlags } from "./flags";
import { commandHelp, topLevelHelp } from "./help";
import { PROGRAM } from "./program-name";
import { packageVersion } from "../provider/package-version";

/** Run the CLI on `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.stderr.write(topLevelHelp(COMMANDS));
      throw new UsageError("missing command");
    }
    if (name === "--help" || name === "-h") {
      io.stdout.write(topLevelHelp(COMMANDS));
      return EXIT_OK;
    }
    if (name === "--version") {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (name.startsWith("-")) throw new UsageError(`unknown flag ${name} (flags go after the command; see ${PROGRAM} --help)`);
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`);
    }
    const flags = parseFlags(rest, command.flags, `for ${name} (see ${PROGRAM} ${name} --help)`);
    if (flags.help) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    await command.run(flags, io);
    return EXIT_OK;
  } catch (err) {
    io.stderr.write(`${PROGRAM}: ${errorLine(err)}\n`);
    return exitCodeFor(err);
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
  // exitCode rather than exit(): pending stdout writes to a pipe still get flushed.
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}

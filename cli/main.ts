#!/usr/bin/env node
/**
 * `telnyx-reservations`: the command-line entry point (package.json `bin`). Picks
 * the command, parses its flags, prints help built from the commands' own
 * declarations (so help never lists a flag the parser would refuse, or the
 * reverse), and turns any error into one stderr line and an exit code a script
 * can branch on:
 *
 *   0  success
 *   1  the work failed: Telnyx answered an error, no API key, a bad base URL, a file not written
 *   2  the command line was wrong: unknown command or flag, a missing or malformed value
 *
 * Each command is one file (list.ts, search.ts, import.ts, emulator.ts, plugin-tarball.ts); flags.ts declares
 * the flags they share, output.ts what they print. See docs/cli.md.
 */
import { packageVersion } from "../provider/package-version";
import { emulatorCommand } from "./emulator";
import { Command, FlagSpec, FlagSpecs, HELP_FLAG, UsageError, parseFlags } from "./flags";
import { importCommand } from "./import";
import { listCommand } from "./list";
import { pluginTarballCommand } from "./plugin-tarball";
import { searchCommand } from "./search";
import { CommandIO, PROGRAM, printable } from "./output";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [listCommand, searchCommand, importCommand, emulatorCommand, pluginTarballCommand];

/**
 * Commands about the CLI itself, typed as `gh help list` or `kubectl version`;
 * handled here because they speak about the others and take no flags.
 */
const BUILT_INS = [
  { name: "help", usage: "help [command]", summary: "Show help for the program or a command." },
  { name: "version", usage: "version", summary: "Print the version." },
] as const;

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

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
    const builtIn = name === "--version" || name === "-v" ? "version" : name;
    if (isBuiltIn(builtIn)) {
      io.stdout.write(runBuiltIn(builtIn, rest));
      return EXIT_OK;
    }
    if (name.startsWith("-")) throw new UsageError(`unknown flag ${name} (flags go after the command; see ${PROGRAM} --help)`);
    const command = findCommand(name);
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

function isBuiltIn(name: string): name is (typeof BUILT_INS)[number]["name"] {
  return BUILT_INS.some((b) => b.name === name);
}

/**
 * What `help [command]` or `version` prints. `--help` anywhere, and help about
 * `help` or `version` themselves, is the top-level help, which describes them.
 */
function runBuiltIn(name: (typeof BUILT_INS)[number]["name"], rest: readonly string[]): string {
  const args = rest.filter((arg) => arg !== "--help" && arg !== "-h");
  if (args.length < rest.length) return topLevelHelp(COMMANDS);
  if (name === "version") {
    noMoreArguments(name, args);
    return `${packageVersion()}\n`;
  }
  const [topic, ...extra] = args;
  noMoreArguments(name, extra);
  return topic === undefined || isBuiltIn(topic) ? topLevelHelp(COMMANDS) : commandHelp(findCommand(topic));
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const names = [...COMMANDS, ...BUILT_INS].map((c) => c.name);
  throw new UsageError(`unknown command "${name}" (commands: ${names.join(", ")})`);
}

function noMoreArguments(command: string, extra: readonly string[]): void {
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" for ${command}`);
}

/** The exit code for an error thrown while running a command. */
function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * The one line printed for an error. A `TelnyxApiError` message already carries the
 * status, code, detail and request id (and never the key); but its details and a usage
 * error's echo of the command line are someone else's text, so control characters go
 * (see output.ts) and line breaks are folded: scripts read one line per error.
 */
function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return printable(text.replace(/\s*\n\s*/g, " ")).trim();
}

/** Help for the program as a whole. */
function topLevelHelp(commands: readonly Command[]): string {
  const entries = [...commands.map((c) => ({ usage: c.name, summary: c.summary })), ...BUILT_INS];
  const width = Math.max(...entries.map((c) => c.usage.length));
  return [
    `Usage: ${PROGRAM} <command> [flags]`,
    "",
    "Manage Telnyx phone-number reservations from the command line.",
    "",
    "Commands:",
    ...entries.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "Flags:",
    "  -h, --help     Show this help and exit.",
    "  -v, --version  Print the version and exit.",
    "",
    `Run \`${PROGRAM} help <command>\` (or \`${PROGRAM} <command> --help\`) for a command's flags.`,
    "Exit codes: 0 success, 1 failure (Telnyx error, configuration), 2 usage error.",
    "",
  ].join("\n");
}

/** Help for one command. */
function commandHelp(command: Command): string {
  const lines = [`Usage: ${PROGRAM} ${command.name} [flags]`, "", command.description, "", "Flags:"];
  lines.push(...flagLines({ ...command.flags, ...HELP_FLAG }));
  if (command.examples.length > 0) {
    lines.push("", "Examples:", ...command.examples.map((example) => `  ${PROGRAM} ${example}`));
  }
  return lines.join("\n") + "\n";
}

function flagLines(specs: FlagSpecs): string[] {
  const heads = Object.entries(specs).map(([name, spec]) => [flagHead(name, spec), spec.description] as const);
  const width = Math.max(...heads.map(([head]) => head.length));
  return heads.map(([head, description]) => `  ${head.padEnd(width)}  ${description}`);
}

function flagHead(name: string, spec: FlagSpec): string {
  const short = spec.short ? `-${spec.short}, ` : "    ";
  const value = spec.type === "string" ? ` <${spec.valueName ?? "value"}>` : "";
  return `${short}--${name}${value}`;
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

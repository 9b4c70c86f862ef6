/**
 * `--help` text, built from the commands' own declarations (summary, flags,
 * examples), so help never lists a flag the parser would refuse or vice versa.
 */
import { Command } from "./command";
import { FlagSpec, FlagSpecs, HELP_FLAG } from "./flags";
import { PROGRAM } from "./program-name";

/** Help for one command. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${PROGRAM} ${command.name} [flags]`, "", command.description, "", "Flags:"];
  lines.push(...flagLines({ ...command.flags, ...HELP_FLAG }));
  if (command.examples.length > 0) {
    lines.push("", "Examples:", ...command.examples.map((example) => `  ${PROGRAM} ${example}`));
  }
  return lines.join("\n") + "\n";
}

/** Help for the program as a whole. */
export function topLevelHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [flags]`,
    "",
    "Manage Telnyx phone-number reservations from the command line.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Flags:",
    "  -h, --help     Show this help and exit.",
    "      --version  Print the version and exit.",
    "",
    `Run \`${PROGRAM} <command> --help\` for a command's flags.`,
    "Exit codes: 0 success, 1 failure (Telnyx error, configuration), 2 usage error.",
    "",
  ].join("\n");
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

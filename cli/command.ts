/**
 * The shape of a CLI command: its flags (which also drive `--help`), its help text,
 * and what it does. Commands live in `cli/commands/`, one file each.
 */
import { FlagSpecs, FlagValues } from "./flags";

/** Where a command writes: data on stdout, everything for humans on stderr. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  /** `isTTY` decides whether progress is shown. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Command<S extends FlagSpecs = FlagSpecs> {
  /** What the user types, e.g. `list`. */
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Paragraphs shown under the usage line of the command's help. */
  description: string;
  flags: S;
  /** Example invocations for the help text (without the program name). */
  examples: string[];
  /** Does the work; throws `UsageError` for a bad command line, anything else for a failure. */
  run(flags: FlagValues<S>, io: CommandIO): Promise<void>;
}

/** Identity, so that each command's flag types are inferred from its `flags`. */
export function defineCommand<S extends FlagSpecs>(command: Command<S>): Command<S> {
  return command;
}

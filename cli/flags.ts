/**
 * Flag definitions and their parsing. One declaration per flag drives both the
 * parser and the `--help` text, so the two cannot drift apart.
 *
 * Parsing uses Node's `util.parseArgs` in non-strict mode and then checks every
 * token itself: strict mode's messages are long, multi-line and sometimes
 * misleading ("argument is ambiguous"), while a CLI error must be one line that
 * names the flag.
 */
import { parseArgs } from "util";
import { UsageError } from "./cli-error";

export interface FlagSpec {
  type: "string" | "boolean";
  /** One-letter alias, e.g. `h`. */
  short?: string;
  /** Placeholder for the value in help, e.g. `N` or `file.ts`. */
  valueName?: string;
  /** One line for `--help`. */
  description: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** Parsed values: strings for string flags, `true` for boolean flags; absent when not given. */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean;
};

/** Every command takes `--help`; it is added here rather than repeated in each command. */
export const HELP_FLAG = {
  help: { type: "boolean", short: "h", description: "Show this help and exit." },
} as const satisfies FlagSpecs;

/**
 * Parse `args` against `specs` (plus `--help`). Throws a `UsageError` naming the
 * offending flag for an unknown flag, a missing or empty value, a value given to a
 * boolean flag, or any positional argument. `context` names the command in messages.
 */
export function parseFlags<S extends FlagSpecs>(args: string[], specs: S, context: string): FlagValues<S & typeof HELP_FLAG> {
  const all: FlagSpecs = { ...specs, ...HELP_FLAG };
  const { tokens } = parseArgs({
    args,
    options: Object.fromEntries(
      Object.entries(all).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind === "positional") throw new UsageError(`unexpected argument "${token.value}" ${context}`);
    if (token.kind === "option-terminator") continue;
    const spec = Object.prototype.hasOwnProperty.call(all, token.name) ? all[token.name] : undefined;
    if (!spec) throw new UsageError(`unknown flag ${token.rawName} ${context}`);
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value ${context}`);
      values[token.name] = true;
      continue;
    }
    // Non-strict parseArgs takes the next argument as the value even when it is another
    // flag (`--status --json`): almost always a forgotten value, so refuse it. `--flag=-x` still works.
    const missing = token.value === undefined || token.value === "" || (!token.inlineValue && token.value.startsWith("-"));
    if (missing) throw new UsageError(`${token.rawName} needs a value ${context}`);
    values[token.name] = token.value as string;
  }
  return values as FlagValues<S & typeof HELP_FLAG>;
}

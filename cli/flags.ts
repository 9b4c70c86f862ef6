/**
 * Flags: how a command declares them, how they are parsed, and the two groups
 * `list` and `import` share (filters, connection). One declaration per flag
 * drives both the parser and the `--help` text, so the two cannot drift apart.
 *
 * Parsing uses Node's `util.parseArgs` in non-strict mode and then checks every
 * token itself: strict mode's messages are long, multi-line and sometimes
 * misleading ("argument is ambiguous"), while a CLI error must be one line that
 * names the flag. The shared flags' values are checked here, before any API
 * call, so a typo fails as a usage error (exit 2) instead of silently matching
 * nothing.
 */
import { parseArgs } from "util";
import { parseDuration } from "../provider/durations";
import { normalizePhoneNumber } from "../provider/phone-numbers";
import { DEFAULT_RETRY_POLICY, RESERVATION_STATUSES, ReservationFilters, TelnyxClient, TelnyxConfigurationError } from "../provider/telnyx";
import { CLOCK_WARNING_PREFIX } from "../provider/telnyx/server-clock";
import { baseUrlMessage } from "./base-url";
import { CommandIO, PROGRAM, printable } from "./output";

/** The command line itself is wrong; the message names the flag or argument. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

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

/** A command: its flags (which also drive `--help`), its help text, and what it does. */
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

// ---------------------------------------------------------------------------
// Filters, shared by `list` and `import`: numbers normalized to E.164 (the API
// matches exact strings), times checked as ISO-8601 and sent in UTC, statuses
// checked against the API's list.

export const FILTER_FLAGS = {
  status: {
    type: "string",
    valueName: "status",
    description:
      `Telnyx's reservation status, filtered by Telnyx: ${RESERVATION_STATUSES.join(", ")}. Not the hold: \`success\` stays after every hold has lapsed.`,
  },
  "customer-reference": { type: "string", valueName: "ref", description: "Only reservations with exactly this customer reference." },
  "phone-number": {
    type: "string",
    valueName: "number",
    description: "Reservations that include this number (any common format), whether their hold on it is live, lapsed or failed.",
  },
  "created-after": { type: "string", valueName: "time", description: "Only reservations created after this ISO-8601 date-time." },
  "created-before": { type: "string", valueName: "time", description: "Only reservations created before this ISO-8601 date-time." },
} as const satisfies FlagSpecs;

export function filtersFromFlags(flags: FlagValues<typeof FILTER_FLAGS>): ReservationFilters {
  const filters: ReservationFilters = {};
  if (flags.status !== undefined) filters.status = statusFlag(flags.status);
  if (flags["customer-reference"] !== undefined) filters.customerReference = flags["customer-reference"];
  if (flags["phone-number"] !== undefined) filters.phoneNumber = phoneNumberFlag(flags["phone-number"]);
  if (flags["created-after"] !== undefined) filters.createdAfter = timeFlag("--created-after", flags["created-after"]);
  if (flags["created-before"] !== undefined) filters.createdBefore = timeFlag("--created-before", flags["created-before"]);
  return filters;
}

function phoneNumberFlag(value: string): string {
  const result = normalizePhoneNumber(value);
  if (!result.ok) throw new UsageError(`--phone-number ${JSON.stringify(value)} ${result.reason}`);
  return result.e164;
}

function statusFlag(value: string): string {
  // The same list the SDK's lookups accept: one place says which statuses exist.
  if ((RESERVATION_STATUSES as readonly string[]).includes(value)) return value;
  throw new UsageError(`--status ${JSON.stringify(value)} must be one of ${RESERVATION_STATUSES.join(", ")}`);
}

/**
 * `2025-01-31` (midnight UTC) or `2025-01-31T12:00[:00[.000]][Z|±hh:mm]` (local time
 * without an offset). `Date.parse` alone would take "1" (the year 2001) and roll
 * `2025-02-30` over to March, so the form and every field are checked first.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i;

function timeFlag(flag: string, value: string): string {
  const match = ISO_DATE_TIME.exec(value);
  const ms = Date.parse(value);
  if (!match || Number.isNaN(ms) || !validFields(match.slice(1).map((field) => (field === undefined ? 0 : Number(field))))) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not an ISO-8601 date-time (e.g. 2025-01-31 or 2025-01-31T12:00:00Z)`);
  }
  return new Date(ms).toISOString();
}

function validFields([year, month, day, hour, minute, second]: number[]): boolean {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

// ---------------------------------------------------------------------------
// Connection: which Telnyx account to talk to and how long to wait for it. Flags
// win over `TELNYX_API_KEY` / `TELNYX_BASE_URL`, which the client reads itself
// when a flag is absent.

const TIMEOUT_BOUNDS = { minMs: 1, maxMs: 3_600_000 };

export const CONNECTION_FLAGS = {
  "api-key": {
    type: "string",
    valueName: "key",
    description: "Telnyx API key (default: $TELNYX_API_KEY; prefer the variable, flags show up in `ps`).",
  },
  "base-url": {
    type: "string",
    valueName: "url",
    description: "API base URL including /v2 (default: $TELNYX_BASE_URL, then https://api.telnyx.com/v2).",
  },
  timeout: {
    type: "string",
    valueName: "duration",
    description: `Give up on an API call after this long, retries included, e.g. 30s (default ${DEFAULT_RETRY_POLICY.deadlineMs / 60_000}m).`,
  },
} as const satisfies FlagSpecs;

/** `clockWarning: false` drops the client's warning about a server clock too far off to trust (other warnings stay). */
export function clientFromFlags(
  flags: FlagValues<typeof CONNECTION_FLAGS>,
  io: CommandIO,
  { clockWarning = true }: { clockWarning?: boolean } = {},
): TelnyxClient {
  const deadlineMs = flags.timeout === undefined ? undefined : timeoutFlag(flags.timeout);
  // The client's own "no key" message points Pulumi users at stack config, which a CLI
  // does not read; say what applies here instead.
  const apiKey = flags["api-key"] || process.env.TELNYX_API_KEY;
  if (!apiKey) {
    throw new TelnyxConfigurationError("No Telnyx API key: set the environment variable TELNYX_API_KEY or pass --api-key.");
  }
  // Likewise for a malformed base URL: name the flag (a usage error) or the variable.
  if (flags["base-url"] !== undefined) {
    const message = baseUrlMessage("--base-url", flags["base-url"], apiKey);
    if (message) throw new UsageError(message);
  } else if (process.env.TELNYX_BASE_URL) {
    const message = baseUrlMessage("TELNYX_BASE_URL", process.env.TELNYX_BASE_URL, apiKey);
    if (message) throw new TelnyxConfigurationError(message);
  }
  return new TelnyxClient({
    apiKey,
    baseUrl: flags["base-url"],
    ...(deadlineMs === undefined ? {} : { retry: { deadlineMs } }),
    onWarning: (message) => {
      if (clockWarning || !message.startsWith(CLOCK_WARNING_PREFIX)) io.stderr.write(`${PROGRAM}: warning: ${printable(message)}\n`);
    },
  });
}

function timeoutFlag(value: string): number {
  const parsed = parseDuration(value, TIMEOUT_BOUNDS);
  if (!parsed.ok) throw new UsageError(`--timeout ${parsed.reason}`);
  return parsed.ms;
}

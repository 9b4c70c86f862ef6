/**
 * `import`: write a Pulumi program that adopts the account's existing
 * reservations, so that the first `pulumi up` brings them under management and
 * creates nothing; or, with `--format pulumi-import`, the engine's own
 * `pulumi import --file` file for programs on the native plugin (docs/cli.md).
 *
 * Adoption accepts a reservation only when the program declares exactly the
 * numbers it holds or is still holding (`heldOrPendingIn`, the provider's own
 * rule), so each record is cut down to those, on Telnyx's clock, and every skip
 * or cut is a note on stderr: nothing disappears silently. The two renderers
 * are pure functions of the summaries (tests call them directly); names are
 * derived the same way on every run, because a resource's name is part of its
 * URN and a rename would mean a replacement.
 */
import { heldOrPendingIn } from "../provider/existing-reservations";
import { normalizePhoneNumber } from "../provider/phone-numbers";
import { ReservationSummary, isFailed, summarize } from "../provider/reservation-state";
import { NumberReservation } from "../provider/telnyx";
import { NATIVE_RESOURCE_TOKEN as NATIVE_RESOURCE_TYPE } from "../provider/type-tokens";
import { CONNECTION_FLAGS, FILTER_FLAGS, UsageError, clientFromFlags, defineCommand, filtersFromFlags } from "./flags";
import { fetchReservations } from "./list";
import { checkOutFile, writeOutFile } from "./out-file";
import { escapeInvisibles, printable } from "./output";

const FORMATS = ["program", "pulumi-import"];

export const importCommand = defineCommand({
  name: "import",
  summary: "Write a Pulumi program adopting existing reservations.",
  description:
    "List reservations (same filters as `list`) and write a TypeScript Pulumi program declaring each\n" +
    "as a NumberReservation with the `import` option, so one `pulumi up` brings them under management\n" +
    "and creates nothing. Only numbers still held (or pending) are declared; reservations holding\n" +
    "none are skipped with a note on stderr. Names come from the customer reference, else the number.\n" +
    "With --format pulumi-import, write instead a `pulumi import --file` JSON file (native plugin\n" +
    `type ${NATIVE_RESOURCE_TYPE}, by id): the engine reads each and generates the code.`,
  flags: {
    ...FILTER_FLAGS,
    out: { type: "string", valueName: "file.ts", description: "Write the program to this file instead of stdout; an existing file is kept." },
    force: { type: "boolean", description: "With --out: overwrite the file if it already exists." },
    format: { type: "string", valueName: "program|pulumi-import", description: "What to write (default program: TypeScript)." },
    ...CONNECTION_FLAGS,
  },
  examples: [
    "import --out index.ts",
    "import --customer-reference support > reservations.ts",
    "import --format pulumi-import --out import.json   # then: pulumi import --file import.json",
  ],
  async run(flags, io) {
    const format = flags.format ?? "program";
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got "${format}"`);
    if (flags.force && flags.out === undefined) throw new UsageError("--force only applies with --out (it allows overwriting that file)");
    const filters = filtersFromFlags(flags);
    // Before any API call: a run that would end refusing the file must not list the account first.
    if (flags.out !== undefined) checkOutFile(flags.out, flags.force === true);
    const client = clientFromFlags(flags, io);
    try {
      const records = await fetchReservations(client, filters, io.stderr);
      const { summaries, notes } = selectImportable(records, client.serverNow());
      for (const note of notes) io.stderr.write(`${printable(note)}\n`);
      // An empty program written over index.ts (or an empty import file) would look like
      // success; a filter typo must be as loud in a script as in a terminal.
      if (summaries.length === 0) throw new Error(nothingToImport(records.length, Object.keys(filters).length > 0));
      const program = format === "pulumi-import" ? renderPulumiImportFile(summaries) : renderImportProgram(summaries);
      if (flags.out === undefined) io.stdout.write(program);
      else writeOutFile(flags.out, program, flags.force === true);
      const count = `${summaries.length} reservation${summaries.length === 1 ? "" : "s"}`;
      io.stderr.write(`declared ${count}${flags.out === undefined ? "" : ` in ${printable(flags.out)}`}\n`);
    } finally {
      client.close();
    }
  },
});

function nothingToImport(matched: number, filtered: boolean): string {
  if (matched > 0) {
    return `nothing to import: ${matched} reservation${matched === 1 ? "" : "s"} matched, but none holds a live number`;
  }
  return `nothing to import: ${filtered ? "no reservation matches the filters" : "the account has no reservations"}`;
}

// ---------------------------------------------------------------------------
// Which reservations are declared, and with which numbers.

export interface ImportSelection {
  /** The reservations to declare, each with only its live or pending numbers. */
  summaries: ReservationSummary[];
  /** One line per reservation skipped or cut down. */
  notes: string[];
}

/** `now`: ms on Telnyx's clock (`client.serverNow()`), since holds lapse on Telnyx's time. */
export function selectImportable(records: readonly NumberReservation[], now: number): ImportSelection {
  const summaries: ReservationSummary[] = [];
  const notes: string[] = [];
  for (const record of records) {
    const live = heldOrPendingIn(record, now);
    const dropped = record.phone_numbers.filter((n) => !live.includes(n.phone_number));
    if (live.length === 0) {
      notes.push(`skipped reservation ${describe(record)}: it holds no live number (${whyNotHeld(dropped)})`);
      continue;
    }
    if (dropped.length > 0) {
      notes.push(
        `reservation ${describe(record)}: declaring only ${live.join(", ")}; ` +
          `not held: ${dropped.map((n) => `${n.phone_number} (${isFailed(n.status) ? n.errors ?? "failed" : "lapsed"})`).join(", ")}`,
      );
    }
    summaries.push(summarize({ ...record, phone_numbers: record.phone_numbers.filter((n) => live.includes(n.phone_number)) }));
  }
  return { summaries, notes };
}

function describe(record: NumberReservation): string {
  const reference = record.customer_reference ? ` ${JSON.stringify(record.customer_reference)}` : "";
  return `${record.id}${reference} (${record.phone_numbers.map((n) => n.phone_number).join(", ")})`;
}

function whyNotHeld(numbers: NumberReservation["phone_numbers"]): string {
  const failed = numbers.filter((n) => isFailed(n.status)).length;
  if (failed === numbers.length) return "every number failed";
  return failed === 0 ? "every hold has lapsed" : "its numbers failed or lapsed";
}

// ---------------------------------------------------------------------------
// The TypeScript program: one `NumberReservation` per reservation, adopted by id
// through the `import` resource option, ordered by creation time and id.

const HEADER = [
  "// Generated by `telnyx-reservations import`. Each existing Telnyx reservation is declared as a",
  "// NumberReservation adopted by id (the `import` option), so the first `pulumi up` brings it under",
  "// management without creating anything. The `import` options may stay: they change nothing later.",
];

/**
 * Render a TypeScript Pulumi program declaring `summaries`.
 *
 * Each declares the numbers Telnyx has not failed: adoption requires exactly the
 * numbers the reservation holds (or is still holding), and a failed number is never
 * held. A summary with no such number is left out. Callers that know Telnyx's clock
 * should also drop lapsed numbers first (the `import` command does).
 */
export function renderImportProgram(summaries: readonly ReservationSummary[]): string {
  const declared = declarations(summaries);
  if (declared.length === 0) return [...HEADER, "// No reservations to import.", "export {};", ""].join("\n");
  const blocks = declared.map(({ summary, phoneNumbers, name, identifier }) => {
    const lines = [
      `export const ${identifier} = new NumberReservation(${literal(name)}, {`,
      `    phoneNumbers: [${phoneNumbers.map(literal).join(", ")}],`,
    ];
    // The provider refuses a blank reference as input; adoption then simply does not compare it.
    if (summary.customerReference?.trim()) lines.push(`    customerReference: ${literal(summary.customerReference)},`);
    lines.push(`}, { import: ${literal(summary.id)} });`);
    return lines.join("\n");
  });
  return [...HEADER, `import { NumberReservation } from "pulumi-telnyx-reservations";`, "", blocks.join("\n\n"), ""].join("\n");
}

/** A summary as both formats declare it: its declarable numbers and its name. */
interface Declared extends ResourceName {
  summary: ReservationSummary;
  phoneNumbers: string[];
}

/**
 * What both formats declare, in creation order, named: one function, so the
 * program and the `pulumi import` file give each reservation the same name
 * whatever order Telnyx listed them in.
 */
function declarations(summaries: readonly ReservationSummary[]): Declared[] {
  const declared = summaries
    .map((summary) => ({ summary, phoneNumbers: declarableNumbers(summary) }))
    .filter((entry) => entry.phoneNumbers.length > 0)
    .sort((a, b) => byCreation(a.summary, b.summary));
  const names = resourceNames(declared.map(({ summary, phoneNumbers }) => ({ customerReference: summary.customerReference, phoneNumbers })));
  return declared.map((entry, i) => ({ ...entry, ...names[i] }));
}

function declarableNumbers(summary: ReservationSummary): string[] {
  return summary.numbers.filter((n) => !isFailed(n.status)).map((n) => e164OrAsIs(n.phoneNumber));
}

function e164OrAsIs(phoneNumber: string): string {
  const result = normalizePhoneNumber(phoneNumber);
  return result.ok ? result.e164 : phoneNumber;
}

function byCreation(a: ReservationSummary, b: ReservationSummary): number {
  const time = (s: ReservationSummary) => Date.parse(s.createdAt ?? "") || 0;
  return time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A TypeScript string literal for any text: JSON escapes quotes, backslashes and
 * control characters; U+2028/U+2029 (older parsers end lines there), DEL, C1 and
 * bidi controls (which reorder what an editor or terminal shows) are escaped too.
 */
export function literal(text: string): string {
  return escapeInvisibles(JSON.stringify(text));
}

// ---------------------------------------------------------------------------
// The `pulumi import --file` file: one `telnyx:index:NumberReservation` per
// reservation, by id, named as in the program. The engine reads each through
// the native plugin and generates the declarations itself, in the program's language.

/** One entry of `pulumi import --file`'s `resources` array. */
export interface PulumiImportResource {
  type: string;
  name: string;
  id: string;
}

export function renderPulumiImportFile(summaries: readonly ReservationSummary[]): string {
  const resources: PulumiImportResource[] = declarations(summaries).map(({ summary, name }) => ({
    type: NATIVE_RESOURCE_TYPE,
    name,
    id: summary.id,
  }));
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// Names: a Pulumi resource name and the TypeScript identifier of the const
// exporting it, e.g. reference "Support Line" →
// `supportLine = new NumberReservation("support-line", …)`.
// - Derived from the customer reference, else from the first number, so the same
//   account gives the same names on every run.
// - Resource names are lowercase slugs ([a-z0-9-]), valid anywhere Pulumi puts them.
// - Identifiers are camelCase ASCII, never a reserved word or a name TypeScript
//   reserves at the top of a CommonJS module (`exports`, `require`, …).
// - Collisions get `-2`, `-3`… in input order (creation order: see `declarations`); name and identifier are checked
//   together, because two different slugs can share a camelCase form (`team-2` and `team2`).

/** A resource name and the identifier of its exported const. */
export interface ResourceName {
  name: string;
  identifier: string;
}

/** What a name is derived from. */
export interface NameSource {
  customerReference?: string;
  phoneNumbers: readonly string[];
}

const MAX_SLUG_LENGTH = 48;
const FALLBACK = "reservation";

// ECMAScript reserved words (strict mode, modules) and names that cannot be bound
// at the top of a module compiled to CommonJS.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN " +
    "Infinity exports require module __filename __dirname"
  ).split(" "),
);

/** One unique name per source, in the same order. */
export function resourceNames(sources: readonly NameSource[]): ResourceName[] {
  const usedNames = new Set<string>();
  const usedIdentifiers = new Set<string>();
  return sources.map((source) => {
    const base = baseName(source);
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      const identifier = toIdentifier(name);
      if (!usedNames.has(name) && !usedIdentifiers.has(identifier)) {
        usedNames.add(name);
        usedIdentifiers.add(identifier);
        return { name, identifier };
      }
    }
  });
}

function baseName(source: NameSource): string {
  const fromReference = slug(source.customerReference ?? "");
  if (fromReference) return fromReference;
  const digits = (source.phoneNumbers[0] ?? "").replace(/\D/g, "");
  return digits ? `${FALLBACK}-${digits}` : FALLBACK;
}

/** "Support Line (Zürich)" → "support-line-zurich"; "" when nothing usable is left. */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents split off by NFKD
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2") // keep camelCase word boundaries
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
}

/** "support-line" → "supportLine"; a leading digit or a reserved word gets a prefix or suffix. */
export function toIdentifier(name: string): string {
  const [first, ...rest] = name.split("-").filter(Boolean);
  const camel = (first ?? FALLBACK) + rest.map((part) => part[0].toUpperCase() + part.slice(1)).join("");
  if (/^[0-9]/.test(camel)) return FALLBACK + camel;
  return RESERVED.has(camel) ? `${camel}Reservation` : camel;
}

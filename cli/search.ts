/**
 * `search`: find numbers available to hold, without holding any. One call to
 * `GET /available_phone_numbers` through the lookup the SDK uses (`searchNumbers`), with the
 * criteria as flags (each one's checks and messages come from provider/search-criteria.ts, named
 * as the flag). Prints a table (number, locality, region, features, monthly cost), JSON (the
 * lookup's `AvailableNumber` objects), or with `--format program` a TypeScript program declaring
 * one `NumberReservation` of the numbers found, for people who want fixed digits.
 */
import { AvailableNumber, SearchAvailablePhoneNumbersArgs, searchNumbers } from "../provider/lookups";
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, PHONE_NUMBER_TYPES, PropertyNamer, SEARCH_FEATURES, checkSearchCriteria, checkSearchOptions } from "../provider/search-criteria";
import { TelnyxInputError } from "../provider/telnyx";
import { withVersionHint } from "./base-url";
import { CONNECTION_FLAGS, FlagSpecs, UsageError, clientFromFlags, defineCommand } from "./flags";
import { literal, resourceNames, slug } from "./import";
import { alignedTable, escapeInvisibles, printable } from "./output";

const FORMATS = ["table", "json", "program"];

/** One flag per criterion, named as the criterion in kebab case (`--rate-center` for `rateCenter`). */
const CRITERIA_FLAGS = {
  "country-code": { type: "string", valueName: "CC", description: "ISO country to search in, two letters (default US)." },
  "national-destination-code": { type: "string", valueName: "digits", description: "Area code in the US and Canada (970), else the national destination code." },
  locality: { type: "string", valueName: "city", description: "City, e.g. 'Fort Collins'." },
  "administrative-area": { type: "string", valueName: "state", description: "US state or Canadian province, e.g. CO." },
  "rate-center": { type: "string", valueName: "name", description: "Rate center (US and Canada), e.g. 'FORT COLLINS'." },
  "phone-number-type": { type: "string", valueName: "type", description: `One of ${PHONE_NUMBER_TYPES.join(", ")}.` },
  features: { type: "string", valueName: "list", description: `Features every number must offer, comma-separated, among ${SEARCH_FEATURES.join(", ")}.` },
  "starts-with": { type: "string", valueName: "digits", description: "Digits the number starts with (after the area code when one is given)." },
  contains: { type: "string", valueName: "digits", description: "Digits the number contains (after the area code when one is given)." },
  "ends-with": { type: "string", valueName: "digits", description: "Digits the number ends with." },
  quickship: { type: "boolean", description: "Only numbers that work at once after purchase (toll-free)." },
  "best-effort": { type: "boolean", description: "Also show near matches when exact ones are too few (marked ~ in the table)." },
} as const satisfies FlagSpecs;

/** A criterion's or option's flag: `rateCenter` → `--rate-center`. */
const asFlag: PropertyNamer = (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const searchCommand = defineCommand({
  name: "search",
  summary: "Find numbers available to hold (table, JSON or a program), holding none.",
  description:
    "Search Telnyx's available numbers matching every criterion given (one call). By default only\n" +
    "numbers that can be reserved and that the account does not hold yet are shown, as Telnyx's guide\n" +
    `searches before reserving; at most ${DEFAULT_SEARCH_LIMIT} unless --limit (up to ${MAX_SEARCH_LIMIT}). The table shows each number,\n` +
    "its locality, region (state or province, else country), features and monthly cost; near matches\n" +
    "(--best-effort) end in ~. --json prints the numbers as JSON objects; --format program prints a\n" +
    "TypeScript program declaring one NumberReservation of the numbers found. Nothing is held until\n" +
    "that program runs, and anyone may take a number first.",
  flags: {
    ...CRITERIA_FLAGS,
    limit: { type: "string", valueName: "N", description: `Show at most N numbers, 1 to ${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT}).` },
    "include-held": { type: "boolean", description: "Also show numbers the account already holds." },
    "include-unreservable": { type: "boolean", description: "Also show numbers that cannot be reserved (only bought)." },
    json: { type: "boolean", description: "Print a JSON array of the numbers found (same as --format json)." },
    format: { type: "string", valueName: "table|json|program", description: "What to print (default table)." },
    name: { type: "string", valueName: "name", description: "With --format program: the resource's name (default from the first number)." },
    ...CONNECTION_FLAGS,
  },
  examples: [
    "search --national-destination-code 970 --features sms,voice",
    "search --locality 'Fort Collins' --administrative-area CO --limit 5 --json",
    "search --phone-number-type toll_free --quickship",
    "search --national-destination-code 970 --limit 2 --format program --name support > index.ts",
  ],
  async run(flags, io) {
    const format = formatFrom(flags.format, flags.json === true);
    if (flags.name !== undefined && format !== "program") throw new UsageError("--name only applies with --format program");
    const name = flags.name === undefined ? undefined : resourceNameFlag(flags.name);
    const args = usage(() => searchArgs(flags));
    const client = clientFromFlags(flags, io);
    try {
      const result = await searchNumbers(client, args, asFlag).catch((err: unknown) => {
        throw withVersionHint(err, client.baseUrl);
      });
      const { numbers } = result;
      if (format === "program" && numbers.length === 0) throw new Error(`no number matches: ${loosenHint(args)}`);
      io.stdout.write(
        format === "json"
          ? `${escapeInvisibles(JSON.stringify(numbers, null, 2))}\n`
          : format === "program"
            ? renderSearchProgram(numbers.map((n) => n.phoneNumber), name)
            : renderNumberTable(numbers),
      );
      io.stderr.write(`${summaryLine(numbers, result.totalResults, args)}\n`);
    } finally {
      client.close();
    }
  },
});

function formatFrom(format: string | undefined, json: boolean): string {
  if (format !== undefined && !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got "${format}"`);
  if (json && format !== undefined && format !== "json") throw new UsageError(`--json and --format ${format} disagree: give one of them`);
  return json ? "json" : format ?? "table";
}

function resourceNameFlag(value: string): string {
  const name = slug(value);
  if (!name) throw new UsageError(`--name ${JSON.stringify(value)} has no letter or digit to make a resource name of`);
  return name;
}

/** Runs a check whose `TelnyxInputError` names a flag: that is a usage error (exit 2). */
function usage<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw err instanceof TelnyxInputError ? new UsageError(err.message) : err;
  }
}

/** The lookup's arguments from the flags, checked before any call. */
function searchArgs(flags: Partial<Record<keyof typeof CRITERIA_FLAGS | "limit" | "include-held" | "include-unreservable", string | boolean>>): SearchAvailablePhoneNumbersArgs {
  const text = (key: keyof typeof CRITERIA_FLAGS) => flags[key] as string | undefined;
  const criteria = checkSearchCriteria(
    {
      countryCode: text("country-code") ?? "US",
      nationalDestinationCode: text("national-destination-code"),
      locality: text("locality"),
      administrativeArea: text("administrative-area"),
      rateCenter: text("rate-center"),
      phoneNumberType: text("phone-number-type"),
      features: text("features")
        ?.split(",")
        .map((f) => f.trim())
        .filter(Boolean),
      startsWith: text("starts-with"),
      contains: text("contains"),
      endsWith: text("ends-with"),
      quickship: flags.quickship === true ? true : undefined,
      bestEffort: flags["best-effort"] === true ? true : undefined,
    },
    asFlag,
  );
  const limit = flags.limit as string | undefined;
  if (limit !== undefined && !/^\d+$/.test(limit)) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}; got ${JSON.stringify(limit)}`);
  const options = checkSearchOptions(
    { limit: limit === undefined ? undefined : Number(limit), reservable: !flags["include-unreservable"], excludeHeldNumbers: !flags["include-held"] },
    asFlag,
  );
  return { ...criteria, ...options };
}

/** "2 numbers", "showing 20 of 57 numbers (--limit shows more)", with the near matches and a hint when none. */
function summaryLine(numbers: readonly AvailableNumber[], total: number | undefined, args: SearchAvailablePhoneNumbersArgs): string {
  if (numbers.length === 0) return `no number matches: ${loosenHint(args)}`;
  const plural = (n: number) => `${n} number${n === 1 ? "" : "s"}`;
  const near = numbers.filter((n) => n.bestEffort).length;
  const shown = total !== undefined && total > numbers.length ? `showing ${numbers.length} of ${plural(total)} (--limit shows more)` : plural(numbers.length);
  return near > 0 ? `${shown}; ${near} near (best-effort) match${near === 1 ? "" : "es"}, marked ~` : shown;
}

function loosenHint(args: SearchAvailablePhoneNumbersArgs): string {
  const given = Object.keys(args).filter((key) => !["countryCode", "limit", "reservable", "excludeHeldNumbers", "bestEffort"].includes(key));
  const loosen = given.length > 0 ? `loosen ${given.map(asFlag).join(", ")}` : "try another --country-code";
  return args.bestEffort ? loosen : `${loosen}, or add --best-effort for near matches`;
}

// ---------------------------------------------------------------------------
// The table and the program.

const HEADERS = ["NUMBER", "LOCALITY", "REGION", "FEATURES", "MONTHLY COST"];

export function renderNumberTable(numbers: readonly AvailableNumber[]): string {
  if (numbers.length === 0) return "No numbers found.\n";
  const rows = numbers.map((n) =>
    [
      `${n.phoneNumber}${n.bestEffort ? " ~" : ""}`,
      n.locality ?? "-",
      n.administrativeArea ? `${n.administrativeArea}${n.countryCode ? `, ${n.countryCode}` : ""}` : n.countryCode ?? "-",
      n.features.join(",") || "-",
      n.monthlyCost ? `${n.monthlyCost}${n.currency ? ` ${n.currency}` : ""}` : "-",
    ].map(printable),
  );
  return alignedTable([HEADERS, ...rows]);
}

/**
 * A TypeScript program holding `phoneNumbers` in one NumberReservation named `name` (default:
 * from the first number, as `import` names). The numbers are fixed digits: the program holds
 * these, whatever is available later.
 */
export function renderSearchProgram(phoneNumbers: readonly string[], name?: string): string {
  const [named] = resourceNames([{ customerReference: name, phoneNumbers }]);
  return [
    "// Generated by `telnyx-reservations search`: these numbers were available when searched. Nothing is",
    "// held until `pulumi up` runs this program, and anyone may take a number first.",
    `import { NumberReservation } from "pulumi-telnyx-reservations";`,
    "",
    `export const ${named.identifier} = new NumberReservation(${literal(named.name)}, {`,
    `    phoneNumbers: [${phoneNumbers.map(literal).join(", ")}],`,
    "});",
    "",
  ].join("\n");
}

/**
 * Turning request input into checked values, with every problem in one Telnyx-shaped 4xx answer:
 * JSON bodies (problems are collected rather than thrown one at a time, each naming its field
 * with a JSON pointer), the body of `POST /v2/number_reservations`, the queries of
 * `GET /v2/number_reservations` and `GET /v2/available_phone_numbers`, and the control-API bodies (unknown fields are errors there, so
 * a test's typo fails loudly).
 */

import { E164, type CreateReservationInput, type ReservationFilters } from "./domain";
import { ApiError, telnyxError, type ErrorKind } from "./http";
import type { InventoryNumber, SearchQuery } from "./inventory";
import type { EmulatorSettings, FaultRule, TelnyxError } from "./types";
import { PHONE_NUMBER_TYPES, SEARCH_FEATURES, type ListQueryParameter, type SearchQueryParameter, type WireFeature, type WirePhoneNumberType } from "../wire";

// ---- JSON bodies --------------------------------------------------------------------------------

/** A JSON object body. */
export type JsonObject = Record<string, unknown>;

/**
 * Parses a request body that must be a JSON object. An empty body counts as `{}`, so a missing
 * body is reported as the missing fields it lacks rather than as a syntax error.
 */
export function parseJsonObject(text: string): JsonObject {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ApiError.of(400, "invalidJson", "The request body is not valid JSON.", { pointer: "/" });
  }
  if (!isJsonObject(value)) {
    throw ApiError.of(400, "badRequest", "The request body must be a JSON object.", { pointer: "/" });
  }
  return value;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of `value` without its undefined fields, so optional inputs read back exactly as given. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The JSON pointer to a field, each segment escaped per RFC 6901. */
function pointerTo(...segments: Array<string | number>): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Collects field errors and throws them together as one 422. */
class ValidationErrors {
  private readonly errors: TelnyxError[] = [];

  /** Records one problem with the field at `pointer`. */
  add(kind: ErrorKind, detail: string, pointer: string): void {
    this.errors.push(telnyxError(kind, detail, { pointer }));
  }

  /** Throws a 422 carrying every recorded problem, if there is any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new ApiError(422, this.errors);
  }
}

/** Limits for {@link FieldReader.number}. */
interface NumberRules {
  /** The field must be present. */
  required?: boolean;
  /** The value must be a whole number. */
  integer?: boolean;
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** The value must be strictly greater than this. */
  above?: number;
}

/**
 * Typed, checked access to the fields of a control-API body. Unknown fields are errors, so a
 * misspelt option fails loudly instead of being silently ignored.
 */
class FieldReader {
  /**
   * @param at where the body sits in the request (pointers are prefixed with it)
   * @param problems where problems go; shared when several objects are reported together
   */
  constructor(
    private readonly body: JsonObject,
    allowed: readonly string[],
    private readonly at: Array<string | number> = [],
    private readonly problems = new ValidationErrors(),
  ) {
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) {
        this.problems.add("badRequest", `Unknown field '${key}'; allowed: ${allowed.join(", ")}.`, pointerTo(...at, key));
      }
    }
  }

  /** Reads a number field, checking type and limits. */
  number(key: string, rules: NumberRules = {}): number | undefined {
    const value = this.present(key, rules.required);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return this.fail("invalidType", key, `'${key}' must be a number.`);
    }
    if (rules.integer && !Number.isInteger(value)) return this.fail("badRequest", key, `'${key}' must be an integer.`);
    if (rules.min !== undefined && value < rules.min) return this.fail("badRequest", key, `'${key}' must be at least ${rules.min}.`);
    if (rules.max !== undefined && value > rules.max) return this.fail("badRequest", key, `'${key}' must be at most ${rules.max}.`);
    if (rules.above !== undefined && value <= rules.above) {
      return this.fail("badRequest", key, `'${key}' must be greater than ${rules.above}.`);
    }
    return value;
  }

  /** Reads a non-empty string field. */
  string(key: string, required = false): string | undefined {
    const value = this.present(key, required);
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") return this.fail("invalidType", key, `'${key}' must be a non-empty string.`);
    return value;
  }

  /** Reads a boolean field. */
  boolean(key: string): boolean | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") return this.fail("invalidType", key, `'${key}' must be a boolean.`);
    return value;
  }

  /** Reads a non-empty array of strings (required unless `required` is false). */
  stringArray(key: string, required = true): string[] | undefined {
    const value = this.present(key, required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
      return this.fail("invalidType", key, `'${key}' must be a non-empty array of strings.`);
    }
    return value as string[];
  }

  /** Records a problem found beyond type checks (a forbidden combination, a bad list item). */
  reject(detail: string, ...path: Array<string | number>): void {
    this.problems.add("badRequest", detail, pointerTo(...this.at, ...path));
  }

  /** Throws the collected problems as one 422, if any. */
  done(): void {
    this.problems.throwIfAny();
  }

  private present(key: string, required = false): unknown {
    const value = this.body[key];
    if (value === undefined || value === null) {
      if (required) this.problems.add("missingParameter", `'${key}' is required.`, pointerTo(...this.at, key));
      return undefined;
    }
    return value;
  }

  private fail(kind: ErrorKind, key: string, detail: string): undefined {
    this.problems.add(kind, detail, pointerTo(...this.at, key));
    return undefined;
  }
}

// ---- POST /v2/number_reservations ---------------------------------------------------------------

/*
 * Error codes as Telnyx uses them: 10004 for a missing field, 10020 for a wrong type, 10016 for a
 * number not in strict E.164, 10015 for an empty list, a list over MAX_NUMBERS_PER_CREATE, or a
 * number requested twice. Fields Telnyx ignores are ignored.
 */

/**
 * Most numbers one create may list. Telnyx documents no limit, but a request body of 1 MB fits
 * about 30,000, and a test never needs more than a handful: the cap keeps one request from
 * holding the event loop (and the control API) for seconds.
 */
const MAX_NUMBERS_PER_CREATE = 1000;

/** Checks a parsed create body; throws a 422 listing every problem. */
export function parseCreateReservation(body: JsonObject): CreateReservationInput {
  const problems = new ValidationErrors();
  const phoneNumbers = readPhoneNumbers(body.phone_numbers, problems);
  const customerReference = body.customer_reference;
  if (customerReference !== undefined && customerReference !== null && typeof customerReference !== "string") {
    problems.add("invalidType", "customer_reference must be a string.", pointerTo("customer_reference"));
  }
  problems.throwIfAny();
  return {
    phoneNumbers,
    ...(typeof customerReference === "string" ? { customerReference } : {}),
  };
}

function readPhoneNumbers(value: unknown, problems: ValidationErrors): string[] {
  const listPointer = pointerTo("phone_numbers");
  if (value === undefined || value === null) {
    problems.add("missingParameter", "phone_numbers is required.", listPointer);
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add("invalidType", "phone_numbers must be an array of {phone_number} objects.", listPointer);
    return [];
  }
  if (value.length === 0) {
    problems.add("badRequest", "phone_numbers must contain at least one phone number.", listPointer);
    return [];
  }
  if (value.length > MAX_NUMBERS_PER_CREATE) {
    problems.add(
      "badRequest",
      `phone_numbers lists ${value.length} numbers; at most ${MAX_NUMBERS_PER_CREATE} are accepted in one reservation.`,
      listPointer,
    );
    return [];
  }
  const numbers = new Set<string>();
  value.forEach((item: unknown, index) => {
    const number = readPhoneNumber(item, index, problems);
    if (number === undefined) return;
    if (numbers.has(number)) {
      problems.add("badRequest", `${number} appears more than once in phone_numbers.`, pointerTo("phone_numbers", index, "phone_number"));
      return;
    }
    numbers.add(number);
  });
  return [...numbers];
}

function readPhoneNumber(item: unknown, index: number, problems: ValidationErrors): string | undefined {
  const pointer = pointerTo("phone_numbers", index, "phone_number");
  if (!isJsonObject(item)) {
    problems.add("invalidType", "Each phone_numbers entry must be an object with a phone_number.", pointerTo("phone_numbers", index));
    return undefined;
  }
  const number = item.phone_number;
  if (number === undefined || number === null) {
    problems.add("missingParameter", "phone_number is required.", pointer);
    return undefined;
  }
  if (typeof number !== "string") {
    problems.add("invalidType", "phone_number must be a string.", pointer);
    return undefined;
  }
  if (!E164.test(number)) {
    problems.add("notE164", `${JSON.stringify(number)} is not in +E.164 format (e.g. +19705555098).`, pointer);
    return undefined;
  }
  return number;
}

// ---- GET /v2/number_reservations ----------------------------------------------------------------

/*
 * The flat `filter[...]` and `page[...]` parameters of Telnyx's spec (brackets literal or
 * percent-encoded, both arrive decoded here). Unknown `filter[...]`/`page[...]` parameters are
 * rejected so that a client's typo cannot pass for "no filter".
 */

/** A checked list query: the filters, and which page of the matches. */
export interface ListQuery extends ReservationFilters {
  /** `page[number]`, 1-based (default 1). */
  pageNumber: number;
  /** `page[size]`, 1..250 (default 20). */
  pageSize: number;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 250;
/** The spec's `page[number]` is an integer; the largest 32-bit one keeps every offset exact. */
const MAX_PAGE_NUMBER = 2_147_483_647;

/**
 * ISO-8601 calendar date, optionally with a time (minutes, seconds, fraction) and a zone. Other
 * forms Date.parse takes ("1", "Tue, 01 Dec 2026") would be a silent surprise to the client.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Every list parameter of the spec: typed by the generated wire types, so one the spec adds fails `tsc` here. */
const KNOWN_PARAMETERS = Object.keys({
  "filter[status]": true,
  "filter[customer_reference]": true,
  "filter[phone_numbers.phone_number]": true,
  "filter[created_at][gt]": true,
  "filter[created_at][lt]": true,
  "page[number]": true,
  "page[size]": true,
} satisfies Record<ListQueryParameter, true>);

function badParameter(parameter: string, detail: string): ApiError {
  return ApiError.of(400, "badRequest", detail, { parameter });
}

function readPositiveInteger(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= max)) throw badParameter(name, `${name} must be a whole number from 1 to ${max}.`);
  return value;
}

/** Whether year, month and day name a real calendar day (Date.parse rolls 2026-02-30 over to March). */
function isCalendarDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

function readDate(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const match = ISO_DATE_TIME.exec(raw);
  const ms = match && isCalendarDay(match[1], match[2], match[3]) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) {
    throw badParameter(name, `${name} must be an ISO-8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.`);
  }
  return ms;
}

function optional(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined;
}

/** Parses and checks the list query; throws a 400 naming the offending parameter. */
export function parseListQuery(params: URLSearchParams): ListQuery {
  for (const name of params.keys()) {
    if ((name.startsWith("filter[") || name.startsWith("page[")) && !KNOWN_PARAMETERS.includes(name)) {
      throw badParameter(name, `Unknown query parameter ${name}; supported: ${KNOWN_PARAMETERS.join(", ")}.`);
    }
  }
  return {
    status: optional(params, "filter[status]"),
    customerReference: optional(params, "filter[customer_reference]"),
    phoneNumber: optional(params, "filter[phone_numbers.phone_number]"),
    createdAfterMs: readDate(params, "filter[created_at][gt]"),
    createdBeforeMs: readDate(params, "filter[created_at][lt]"),
    pageNumber: readPositiveInteger(params, "page[number]", 1, MAX_PAGE_NUMBER),
    pageSize: readPositiveInteger(params, "page[size]", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

// ---- GET /v2/available_phone_numbers -----------------------------------------------------------

/*
 * The `filter[...]` parameters of the spec's consolidated `filter` object, flat, as the official
 * SDK sends them. `filter[features]` may repeat, or carry a comma-separated list (the SDK's form).
 * Unknown `filter[...]` parameters are rejected, as for the list, and so are values the spec's
 * types or enums do not allow.
 */

/** How many numbers a search answers when `filter[limit]` is absent, and the most it may ask for (the emulator's choice: the spec states neither). */
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 100;

/** Every search parameter of the spec: typed by the generated wire types, so one the spec adds fails `tsc` here. */
const SEARCH_PARAMETERS = Object.keys({
  "filter[country_code]": true,
  "filter[national_destination_code]": true,
  "filter[locality]": true,
  "filter[administrative_area]": true,
  "filter[rate_center]": true,
  "filter[phone_number_type]": true,
  "filter[features]": true,
  "filter[phone_number][starts_with]": true,
  "filter[phone_number][contains]": true,
  "filter[phone_number][ends_with]": true,
  "filter[quickship]": true,
  "filter[reservable]": true,
  "filter[exclude_held_numbers]": true,
  "filter[best_effort]": true,
  "filter[limit]": true,
} satisfies Record<SearchQueryParameter, true>);

/** The value of a parameter that must match `pattern` (described as `what`), or undefined. */
function matching(params: URLSearchParams, name: string, pattern: RegExp, what: string): string | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (!pattern.test(raw)) throw badParameter(name, `${name} must be ${what}; got ${JSON.stringify(raw)}.`);
  return raw;
}

function readBoolean(params: URLSearchParams, name: string): boolean | undefined {
  return { true: true, false: false, undefined }[String(matching(params, name, /^(true|false)$/, "true or false"))];
}

function oneOf<T extends string>(allowed: readonly T[], name: string, value: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badParameter(name, `${name} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}.`);
}

/** Parses and checks a search query; throws a 400 naming the offending parameter. */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  for (const name of params.keys()) {
    if (name.startsWith("filter[") && !SEARCH_PARAMETERS.includes(name)) {
      throw badParameter(name, `Unknown query parameter ${name}; supported: ${SEARCH_PARAMETERS.join(", ")}.`);
    }
  }
  const type = optional(params, "filter[phone_number_type]");
  const features = params.getAll("filter[features]").flatMap((value) => value.split(",")).filter((f) => f !== "");
  const digits = (name: string) => matching(params, name, /^\d{1,15}$/, "digits only (1 to 15)");
  return {
    countryCode: matching(params, "filter[country_code]", /^[A-Za-z]{2}$/, "a two-letter ISO country code such as US"),
    nationalDestinationCode: matching(params, "filter[national_destination_code]", /^\d{1,6}$/, "digits only (1 to 6)"),
    locality: optional(params, "filter[locality]"),
    administrativeArea: optional(params, "filter[administrative_area]"),
    rateCenter: optional(params, "filter[rate_center]"),
    phoneNumberType: type === undefined ? undefined : oneOf<WirePhoneNumberType>(PHONE_NUMBER_TYPES, "filter[phone_number_type]", type),
    features: features.map((feature) => oneOf<WireFeature>(SEARCH_FEATURES, "filter[features]", feature)),
    startsWith: digits("filter[phone_number][starts_with]"),
    contains: digits("filter[phone_number][contains]"),
    endsWith: digits("filter[phone_number][ends_with]"),
    quickship: readBoolean(params, "filter[quickship]"),
    reservable: readBoolean(params, "filter[reservable]"),
    excludeHeldNumbers: readBoolean(params, "filter[exclude_held_numbers]"),
    bestEffort: readBoolean(params, "filter[best_effort]"),
    limit: readPositiveInteger(params, "filter[limit]", DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT),
  };
}

// ---- control-API bodies -------------------------------------------------------------------------

/** Upper bounds that keep values inside what a Date and a timer can represent. */
const MAX_ADVANCE_SECONDS = 1e9;
const MAX_DELAY_MS = 10 * 60 * 1000;
const MAX_DURATION_SECONDS = 1e9;

/**
 * `POST /__emulator/clock/advance` body: `{seconds}`, seconds >= 0, and no further than
 * `remainingSeconds` (what is left of the clock's bound).
 */
export function parseClockAdvance(body: JsonObject, remainingSeconds: number): number {
  const fields = new FieldReader(body, ["seconds"]);
  const seconds = fields.number("seconds", { required: true, min: 0, max: MAX_ADVANCE_SECONDS });
  if (seconds !== undefined && seconds > remainingSeconds) {
    fields.reject(
      `'seconds' would move the clock more than 100 years ahead of real time; at most ${remainingSeconds} more seconds are allowed (reset puts the clock back).`,
      "seconds",
    );
  }
  fields.done();
  return seconds as number;
}

/**
 * A `{phone_numbers: ["+1..."]}` body, each strict E.164: `POST /__emulator/numbers/unavailable`,
 * `/numbers/taken` and `/inventory/remove`.
 */
export function parsePhoneNumberList(body: JsonObject): string[] {
  const fields = new FieldReader(body, ["phone_numbers"]);
  const numbers = fields.stringArray("phone_numbers") ?? [];
  numbers.forEach((n, i) => {
    if (!E164.test(n)) fields.reject(`${JSON.stringify(n)} is not in +E.164 format.`, "phone_numbers", i);
  });
  fields.done();
  return numbers;
}

/** `POST /__emulator/rate-limit` body: `{requestsPerSecond}`, a whole number, 0 = off. */
export function parseRateLimit(body: JsonObject): number {
  const fields = new FieldReader(body, ["requestsPerSecond"]);
  const rate = fields.number("requestsPerSecond", { required: true, integer: true, min: 0, max: 1e6 });
  fields.done();
  return rate as number;
}

/** `POST /__emulator/settings` body: any subset of the settings. */
export function parseSettings(body: JsonObject): Partial<EmulatorSettings> {
  const fields = new FieldReader(body, ["settleDelayMs", "holdSeconds", "extendSeconds"]);
  const settleDelayMs = fields.number("settleDelayMs", { min: 0, max: MAX_DURATION_SECONDS * 1000 });
  const holdSeconds = fields.number("holdSeconds", { above: 0, max: MAX_DURATION_SECONDS });
  const extendSeconds = fields.number("extendSeconds", { above: 0, max: MAX_DURATION_SECONDS });
  fields.done();
  return withoutUndefined({ settleDelayMs, holdSeconds, extendSeconds });
}

const FAULT_FIELDS = ["method", "path", "count", "status", "retryAfterSeconds", "delayMs", "dropAfterCommit", "ratio", "seed"];

/** `POST /__emulator/faults` body: a {@link FaultRule}. */
export function parseFaultRule(body: JsonObject): FaultRule {
  const fields = new FieldReader(body, FAULT_FIELDS);
  const rule: FaultRule = {
    method: fields.string("method")?.toUpperCase(),
    path: fields.string("path"),
    count: fields.number("count", { required: true, integer: true, min: 1 }) ?? 0,
    status: fields.number("status", { integer: true, min: 400, max: 599 }),
    retryAfterSeconds: fields.number("retryAfterSeconds", { integer: true, min: 0, max: MAX_DURATION_SECONDS }),
    delayMs: fields.number("delayMs", { min: 0, max: MAX_DELAY_MS }),
    dropAfterCommit: fields.boolean("dropAfterCommit"),
    ratio: fields.number("ratio", { above: 0, max: 1 }),
    seed: fields.number("seed", { integer: true }),
  };
  if (rule.path !== undefined && !rule.path.startsWith("/")) {
    fields.reject("'path' must start with '/', e.g. /v2/number_reservations.", "path");
  }
  if (rule.status === undefined && rule.delayMs === undefined && !rule.dropAfterCommit) {
    fields.reject("A fault needs at least one of 'status', 'delayMs' or 'dropAfterCommit': true.", "status");
  }
  if (rule.status !== undefined && rule.dropAfterCommit) {
    fields.reject("'dropAfterCommit' cannot be combined with 'status': a faulted status commits nothing.", "dropAfterCommit");
  }
  if (rule.retryAfterSeconds !== undefined && rule.status === undefined) {
    fields.reject("'retryAfterSeconds' needs a 'status' to go with.", "retryAfterSeconds");
  }
  if (rule.seed !== undefined && rule.ratio === undefined) fields.reject("'seed' only applies together with 'ratio'.", "seed");
  fields.done();
  return withoutUndefined(rule);
}

const INVENTORY_FIELDS = [
  "phoneNumber",
  "countryCode",
  "nationalDestinationCode",
  "phoneNumberType",
  "locality",
  "administrativeArea",
  "rateCenter",
  "features",
  "monthlyCost",
  "upfrontCost",
  "currency",
  "reservable",
  "quickship",
] as const satisfies ReadonlyArray<keyof InventoryNumber>;

/** A price as Telnyx writes it: a decimal string such as `1.00`. */
const PRICE = /^\d{1,6}(\.\d{1,4})?$/;

/**
 * `POST /__emulator/inventory` body: `{numbers: [{phoneNumber, ...}]}`. Only `phoneNumber` is
 * required; for a +1 number the NDC defaults to its area code, and the rest to a reservable local
 * US number with SMS and voice at 1.00 USD. Problems of every entry are reported together.
 */
export function parseInventoryNumbers(body: JsonObject): InventoryNumber[] {
  const problems = new ValidationErrors();
  for (const key of Object.keys(body)) {
    if (key !== "numbers") problems.add("badRequest", `Unknown field '${key}'; allowed: numbers.`, pointerTo(key));
  }
  const entries = body.numbers;
  if (!Array.isArray(entries) || entries.length === 0) {
    problems.add("invalidType", "'numbers' must be a non-empty array of inventory entries.", pointerTo("numbers"));
    problems.throwIfAny();
  }
  const numbers = (entries as unknown[]).map((entry, index) => readInventoryNumber(entry, index, problems));
  problems.throwIfAny();
  return numbers;
}

function readInventoryNumber(entry: unknown, index: number, problems: ValidationErrors): InventoryNumber {
  const fields = new FieldReader(isJsonObject(entry) ? entry : {}, INVENTORY_FIELDS, ["numbers", index], problems);
  if (!isJsonObject(entry)) fields.reject("Each inventory entry must be an object.");
  const given = fields.string("phoneNumber", isJsonObject(entry));
  if (given !== undefined && !E164.test(given)) fields.reject(`${JSON.stringify(given)} is not in +E.164 format.`, "phoneNumber");
  const phoneNumber = given !== undefined && E164.test(given) ? given : undefined;
  const type = fields.string("phoneNumberType") ?? "local";
  if (!(PHONE_NUMBER_TYPES as readonly string[]).includes(type)) fields.reject(`'phoneNumberType' must be one of ${PHONE_NUMBER_TYPES.join(", ")}.`, "phoneNumberType");
  const features = fields.stringArray("features", false) ?? ["sms", "voice"];
  features.forEach((feature, i) => {
    if (!(SEARCH_FEATURES as readonly string[]).includes(feature)) fields.reject(`'features' entries must be among ${SEARCH_FEATURES.join(", ")}.`, "features", i);
  });
  const price = (key: "monthlyCost" | "upfrontCost") => {
    const value = fields.string(key) ?? "1.00";
    if (!PRICE.test(value)) fields.reject(`'${key}' must be a decimal string such as 1.00.`, key);
    return value;
  };
  const areaCode = /^\+1(\d{3})/.exec(phoneNumber ?? "")?.[1];
  const nationalDestinationCode = fields.string("nationalDestinationCode") ?? areaCode;
  if (phoneNumber !== undefined && nationalDestinationCode === undefined) {
    fields.reject("'nationalDestinationCode' is required for a number outside +1.", "nationalDestinationCode");
  }
  return {
    phoneNumber: given ?? "",
    countryCode: (fields.string("countryCode") ?? "US").toUpperCase(),
    nationalDestinationCode: nationalDestinationCode ?? "",
    phoneNumberType: type as WirePhoneNumberType,
    ...withoutUndefined({ locality: fields.string("locality"), administrativeArea: fields.string("administrativeArea"), rateCenter: fields.string("rateCenter") }),
    features: features as WireFeature[],
    monthlyCost: price("monthlyCost"),
    upfrontCost: price("upfrontCost"),
    currency: fields.string("currency") ?? "USD",
    reservable: fields.boolean("reservable") ?? true,
    quickship: fields.boolean("quickship") ?? false,
  };
}

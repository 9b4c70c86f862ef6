/**
 * The resource's inputs once resolved, and `check`: every rule on them, applied
 * before any API call so that bad input fails in `pulumi preview`, naming the
 * property and the reason.
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { parseDuration } from "./durations";
import { normalizePhoneNumber } from "./phone-numbers";
import { MAX_SEARCH_COUNT, SearchRequest, checkSearchCriteria, underSearch } from "./search-criteria";
import { TelnyxInputError } from "./telnyx/errors";
import { INPUT_NAMES, RESERVATION_PROPERTIES, type CheckRule, type InputName, type ReservationInputs } from "./properties";

export type { ReservationInputs };

/**
 * Inputs that name their numbers: declared ones, or, for a `search` resource, the numbers it
 * found and holds (from state, or about to be posted). Everything that talks about numbers
 * (plan, ownership, the create path) works on these.
 */
export type NumberInputs = ReservationInputs & { phoneNumbers: string[] };

/** The names of the input properties, for copying inputs out of state. */
export const INPUT_KEYS: ReadonlyArray<keyof ReservationInputs> = INPUT_NAMES;

export const DEFAULT_PENDING_TIMEOUT = RESERVATION_PROPERTIES.pendingTimeout.check.default;
/** Longest customer reference accepted (characters); see the definition for why. */
export const MAX_CUSTOMER_REFERENCE_LENGTH = RESERVATION_PROPERTIES.customerReference.check.maxLength;

type Props = typeof RESERVATION_PROPERTIES;
type DurationName = { [K in InputName]: Props[K] extends { readonly check: { readonly kind: "duration" } } ? K : never }[InputName];
/** The duration inputs, in definition order, with their bounds in ms (the rule's texts are valid by construction). */
const DURATIONS = INPUT_NAMES.flatMap((name) => {
  const rule: CheckRule | undefined = RESERVATION_PROPERTIES[name].check;
  if (rule?.kind !== "duration") return [];
  return [{ name: name as DurationName, bounds: { minMs: durationMs(rule.min, rule.min), maxMs: durationMs(rule.max, rule.max) } }];
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: ReservationInputs;
  failures: CheckFailure[];
}

/**
 * During preview, a value computed from another resource's output is not known
 * yet and arrives as Pulumi's placeholder: it is passed through unchecked (the
 * real value is checked when `pulumi up` knows it).
 */
function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

/** Validate and normalize raw inputs. Never calls Telnyx. */
export function checkInputs(raw: Record<string, unknown>): CheckResult {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });

  const given = (v: unknown) => v !== undefined && v !== null;
  const inputs: ReservationInputs = {};
  // Exactly one way to say which numbers: declared, or found by a search.
  if (given(raw.phoneNumbers) && given(raw.search)) {
    fail("search", "cannot be given with phoneNumbers: declare the numbers, or search for them, not both");
  } else if (given(raw.search)) {
    const search = checkSearch(raw.search, fail);
    if (search) inputs.search = search;
  } else if (given(raw.phoneNumbers)) {
    inputs.phoneNumbers = checkPhoneNumbers(raw.phoneNumbers, fail);
  } else {
    fail("phoneNumbers", "is required (a list of one or more phone numbers in E.164, e.g. [\"+19705555098\"]), or search, to hold numbers found by criteria");
  }
  if (raw.customerReference !== undefined && raw.customerReference !== null) {
    if (isUnknown(raw.customerReference)) {
      inputs.customerReference = raw.customerReference as string;
    } else if (typeof raw.customerReference !== "string" || raw.customerReference.trim() === "") {
      fail("customerReference", "must be a non-empty string when set");
    } else {
      const problem = customerReferenceProblem(raw.customerReference);
      if (problem) fail("customerReference", problem);
      else inputs.customerReference = raw.customerReference;
    }
  }
  for (const { name: key, bounds } of DURATIONS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (isUnknown(value)) {
      inputs[key] = value as string;
      continue;
    }
    const parsed = parseDuration(value, bounds);
    if (parsed.ok) inputs[key] = String(value).trim();
    else fail(key, parsed.reason);
  }
  if (raw.extendTrigger !== undefined && raw.extendTrigger !== null) {
    if (typeof raw.extendTrigger === "string" || typeof raw.extendTrigger === "number") {
      inputs.extendTrigger = String(raw.extendTrigger);
    } else {
      fail("extendTrigger", "must be a string or a number");
    }
  }
  if (isUnknown(raw.adopt)) {
    inputs.adopt = raw.adopt as string;
  } else if (raw.adopt !== undefined && raw.adopt !== null && raw.adopt !== "") {
    const adopt = checkAdopt(raw.adopt);
    if (adopt.ok) inputs.adopt = adopt.value;
    else fail("import", adopt.reason);
  }
  return { inputs, failures };
}

/** The `search` input checked: the criteria (search-criteria.ts's rules) and `count` (default 1). */
function checkSearch(value: unknown, fail: (property: string, reason: string) => void): SearchRequest | undefined {
  if (isUnknown(value)) return value as SearchRequest;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("search", 'must be an object of search criteria with a countryCode, e.g. { countryCode: "US", count: 2 }');
    return undefined;
  }
  const { count = 1, ...criteria } = value as Record<string, unknown>;
  if (isUnknown(count) || Object.values(criteria).some(isUnknown)) return value as SearchRequest;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_SEARCH_COUNT) {
    fail("search.count", `must be a whole number from 1 to ${MAX_SEARCH_COUNT} (how many numbers to hold); got ${JSON.stringify(count)}`);
    return undefined;
  }
  try {
    return { ...checkSearchCriteria(criteria, underSearch), count };
  } catch (err) {
    if (!(err instanceof TelnyxInputError)) throw err;
    // The message starts with the property's name, which the failure carries on its own.
    fail(err.argument, err.message.startsWith(`${err.argument} `) ? err.message.slice(err.argument.length + 1) : err.message);
    return undefined;
  }
}

/** Why a customer reference is refused: a control character (it would reach terminals and logs) or its length. */
function customerReferenceProblem(value: string): string | undefined {
  const chars = Array.from(value);
  const control = chars.findIndex((char) => /[\u0000-\u001f\u007f-\u009f]/.test(char));
  if (control >= 0) {
    const code = chars[control].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return `must not contain a control character (U+${code} at position ${control + 1})`;
  }
  if (chars.length > MAX_CUSTOMER_REFERENCE_LENGTH) {
    return `must be at most ${MAX_CUSTOMER_REFERENCE_LENGTH} characters (got ${chars.length})`;
  }
  return undefined;
}

function checkPhoneNumbers(value: unknown, fail: (property: string, reason: string) => void): string[] {
  if (isUnknown(value)) return value as unknown as string[];
  if (!Array.isArray(value)) {
    fail("phoneNumbers", "is required: a list of one or more phone numbers in E.164, e.g. [\"+19705555098\"]");
    return [];
  }
  if (value.length === 0) {
    fail("phoneNumbers", "must list at least one phone number");
    return [];
  }
  const seen = new Map<string, number>();
  const numbers: string[] = [];
  value.forEach((entry, index) => {
    if (isUnknown(entry)) {
      numbers.push(entry);
      return;
    }
    const result = normalizePhoneNumber(entry);
    if (!result.ok) {
      fail(`phoneNumbers[${index}]`, `${JSON.stringify(entry)} ${result.reason}`);
      return;
    }
    const first = seen.get(result.e164);
    if (first !== undefined) {
      fail(`phoneNumbers[${index}]`, `${JSON.stringify(entry)} duplicates phoneNumbers[${first}] (both are ${result.e164})`);
      return;
    }
    seen.set(result.e164, index);
    numbers.push(result.e164);
  });
  return numbers;
}

function checkAdopt(value: unknown): { ok: true; value: string } | { ok: false; reason: string } {
  if (typeof value !== "string") return { ok: false, reason: "must be a reservation id or a phone number" };
  if (UUID.test(value.trim())) return { ok: true, value: value.trim().toLowerCase() };
  if (value.trim().startsWith("+")) {
    const number = normalizePhoneNumber(value);
    return number.ok ? { ok: true, value: number.e164 } : { ok: false, reason: `"${value}" ${number.reason}` };
  }
  return { ok: false, reason: `"${value}" is neither a reservation id (UUID) nor a phone number in E.164` };
}

/** Milliseconds of a duration input that `checkInputs` already accepted. */
export function durationMs(value: string | undefined, fallback: string): number {
  const parsed = parseDuration(value ?? fallback);
  return parsed.ok ? parsed.ms : 0;
}

/**
 * The shape of every 2xx Telnyx answer, checked before anything reads it: a proxy
 * or a broken server can answer 200 with anything, and the caller would fail later
 * with a bare TypeError, far from the call. Only what the client and provider rely
 * on is required; optional fields must have the documented type (`null` counts as
 * absent); unknown fields are allowed, as Telnyx may add some.
 */
import type { WireAvailableNumbersMeta, WireAvailablePhoneNumber, WireCostInformation, WirePaginationMeta, WireReservation, WireReservedNumber } from "../../wire";
import { AvailablePhoneNumber, AvailablePhoneNumbersPage, NumberReservation, ReservationPage } from "./types";

/** Keys of T whose values are strings. */
type StringKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends string ? K : never }[keyof T];

// The optional fields checked, as records typed by the spec's own types: a field
// the spec adds, renames or retypes fails `tsc` here until the check follows it.
const RESERVATION_STRINGS: Record<Exclude<StringKeys<WireReservation>, "id">, "string"> = {
  status: "string",
  record_type: "string",
  errors: "string",
  created_at: "string",
  updated_at: "string",
  customer_reference: "string",
};
const NUMBER_STRINGS: Record<Exclude<StringKeys<WireReservedNumber>, "phone_number">, "string"> = {
  id: "string",
  record_type: "string",
  status: "string",
  expired_at: "string",
  errors: "string",
  created_at: "string",
  updated_at: "string",
};
const META_NUMBERS: Record<keyof WirePaginationMeta, "number"> = {
  page_number: "number",
  page_size: "number",
  total_pages: "number",
  total_results: "number",
};

/** Keys of T whose values are booleans. */
type BooleanKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends boolean ? K : never }[keyof T];

const FOUND_STRINGS: Record<Exclude<StringKeys<WireAvailablePhoneNumber>, "phone_number">, "string"> = {
  record_type: "string",
  vanity_format: "string",
};
const FOUND_BOOLEANS: Record<BooleanKeys<WireAvailablePhoneNumber>, "boolean"> = {
  best_effort: "boolean",
  quickship: "boolean",
  reservable: "boolean",
};
const COST_STRINGS: Record<keyof WireCostInformation, "string"> = {
  currency: "string",
  monthly_cost: "string",
  upfront_cost: "string",
};
const SEARCH_META_NUMBERS: Record<keyof WireAvailableNumbersMeta, "number"> = {
  best_effort_results: "number",
  total_results: "number",
};

/** A 2xx answer whose body is not the documented shape. */
export class ShapeError extends Error {
  override readonly name = "ShapeError";

  constructor(message: string) {
    super(message);
  }
}

/** `{"data": <reservation>}`, the answer of create, retrieve and extend. */
export function reservationAnswer(body: unknown): NumberReservation {
  return reservation(field(object(body, "the answer"), "data"), "data");
}

/** `{"data": [<reservation>…], "meta": {…}}`, the answer of list. */
export function pageAnswer(body: unknown): ReservationPage {
  const answer = object(body, "the answer");
  const data = field(answer, "data");
  if (!Array.isArray(data)) throw new ShapeError(`data is ${kindOf(data)}, not a list of reservations`);
  data.forEach((entry, i) => reservation(entry, `data[${i}]`));
  const meta = answer.meta ?? {};
  const checkedMeta = object(meta, "meta");
  optionalFields(checkedMeta, META_NUMBERS, "meta");
  return { data: data as NumberReservation[], meta: checkedMeta };
}

/**
 * `{"data": [<available number>…], "meta": {…}}`, the answer of a search. Each entry needs its
 * number; its lists (features, region information) must be lists of objects with string fields,
 * as the table and the summaries read them.
 */
export function availableNumbersAnswer(body: unknown): AvailablePhoneNumbersPage {
  const answer = object(body, "the answer");
  const data = field(answer, "data");
  if (!Array.isArray(data)) throw new ShapeError(`data is ${kindOf(data)}, not a list of numbers`);
  data.forEach((entry, i) => availableNumber(entry, `data[${i}]`));
  const meta = object(answer.meta ?? {}, "meta");
  optionalFields(meta, SEARCH_META_NUMBERS, "meta");
  return { data: data as AvailablePhoneNumber[], meta };
}

function availableNumber(value: unknown, where: string): void {
  const record = object(value, where);
  if (typeof record.phone_number !== "string") throw new ShapeError(`${where}.phone_number is ${kindOf(record.phone_number)}, not a string`);
  optionalFields(record, { ...FOUND_STRINGS, ...FOUND_BOOLEANS }, where);
  if (record.cost_information !== undefined && record.cost_information !== null) {
    optionalFields(object(record.cost_information, `${where}.cost_information`), COST_STRINGS, `${where}.cost_information`);
  }
  for (const [list, key] of [["features", "name"], ["region_information", "region_name"]] as const) {
    const entries = record[list];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) throw new ShapeError(`${where}.${list} is ${kindOf(entries)}, not a list`);
    entries.forEach((entry, i) => optionalFields(object(entry, `${where}.${list}[${i}]`), { [key]: "string" }, `${where}.${list}[${i}]`));
  }
}

function reservation(value: unknown, where: string): NumberReservation {
  const record = object(value, where);
  if (typeof record.id !== "string" || record.id === "") throw new ShapeError(`${where}.id is ${kindOf(record.id)}, not a reservation id`);
  optionalFields(record, RESERVATION_STRINGS, where);
  const numbers = record.phone_numbers;
  if (!Array.isArray(numbers)) throw new ShapeError(`${where}.phone_numbers is ${kindOf(numbers)}, not a list`);
  numbers.forEach((entry, i) => {
    const at = `${where}.phone_numbers[${i}]`;
    const number = object(entry, at);
    if (typeof number.phone_number !== "string") throw new ShapeError(`${at}.phone_number is ${kindOf(number.phone_number)}, not a string`);
    optionalFields(number, NUMBER_STRINGS, at);
  });
  return record as unknown as NumberReservation;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ShapeError(`${where} is ${kindOf(value)}, not an object`);
  return value as Record<string, unknown>;
}

function field(record: Record<string, unknown>, key: string): unknown {
  if (!(key in record)) throw new ShapeError(`the answer has no "${key}"`);
  return record[key];
}

function optionalFields(record: Record<string, unknown>, types: Record<string, "string" | "number" | "boolean">, where: string): void {
  for (const [key, type] of Object.entries(types)) {
    const value = record[key];
    if (value === undefined || value === null || typeof value === type) continue;
    throw new ShapeError(`${where}.${key} is ${kindOf(value)}, not a ${type}`);
  }
}

/** What a value is, for messages, without quoting it (it may be huge or carry anything). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value === undefined) return "missing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

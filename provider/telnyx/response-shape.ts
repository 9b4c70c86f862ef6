/**
 * The shape of every 2xx Telnyx answer, checked before anything reads it: a proxy
 * or a broken server can answer 200 with anything, and the caller would fail later
 * with a bare TypeError, far from the call. Only what the client and provider rely
 * on is required; optional fields must have the documented type (`null` counts as
 * absent); unknown fields are allowed, as Telnyx may add some.
 */
import { NumberReservation, ReservationPage } from "./types";

/** A 2xx answer whose body is not the documented shape. */
export class ShapeError extends Error {
  override readonly name = "ShapeError";

  constructor(message: string) {
    super(message);
    this.message = message; // survives Pulumi's serialization, as TelnyxApiError
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
  for (const key of ["page_number", "page_size", "total_pages", "total_results"]) {
    optional(checkedMeta, key, "number", "meta");
  }
  return { data: data as NumberReservation[], meta: checkedMeta };
}

function reservation(value: unknown, where: string): NumberReservation {
  const record = object(value, where);
  if (typeof record.id !== "string" || record.id === "") throw new ShapeError(`${where}.id is ${kindOf(record.id)}, not a reservation id`);
  for (const key of ["status", "record_type", "errors", "created_at", "updated_at", "customer_reference"]) {
    optional(record, key, "string", where);
  }
  const numbers = record.phone_numbers;
  if (!Array.isArray(numbers)) throw new ShapeError(`${where}.phone_numbers is ${kindOf(numbers)}, not a list`);
  numbers.forEach((entry, i) => {
    const at = `${where}.phone_numbers[${i}]`;
    const number = object(entry, at);
    if (typeof number.phone_number !== "string") throw new ShapeError(`${at}.phone_number is ${kindOf(number.phone_number)}, not a string`);
    for (const key of ["id", "record_type", "status", "expired_at", "errors", "created_at", "updated_at"]) optional(number, key, "string", at);
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

function optional(record: Record<string, unknown>, key: string, type: "string" | "number", where: string): void {
  const value = record[key];
  if (value === undefined || value === null || typeof value === type) return;
  throw new ShapeError(`${where}.${key} is ${kindOf(value)}, not a ${type}`);
}

/** What a value is, for messages, without quoting it (it may be huge or carry anything). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value === undefined) return "missing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

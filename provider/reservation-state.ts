/**
 * What the provider stores in Pulumi state for a reservation, and the questions
 * it asks of it (is it still pending, which numbers failed, when does the
 * earliest hold lapse). The single mapping from Telnyx's snake_case records.
 */
import { NumberReservation } from "./telnyx";
import { INPUT_KEYS, NumberInputs, ReservationInputs } from "./inputs";
import type { ReservationOutputs, ReservationSummary, ReservedNumber } from "./properties";

export type { ReservationOutputs, ReservationSummary, ReservedNumber };

/** Statuses of a hold that failed: Telnyx's `failure`, and the spellings its docs also use. */
const FAILED: ReadonlySet<string> = new Set(["failure", "failed", "error", "rejected"]);

export function isPending(status: string | undefined): boolean {
  return status === "pending";
}

export function isFailed(status: string | undefined): boolean {
  return FAILED.has(String(status));
}

/** The one mapping from a Telnyx record to camelCase. */
export function summarize(record: NumberReservation): ReservationSummary {
  const numbers: ReservedNumber[] = record.phone_numbers.map((n) => ({
    phoneNumber: n.phone_number,
    status: n.status ?? record.status ?? "pending",
    ...(n.expired_at ? { expiresAt: n.expired_at } : {}),
    ...(n.errors ? { errors: n.errors } : {}),
  }));
  const summary: ReservationSummary = {
    id: record.id,
    status: record.status ?? "pending",
    phoneNumbers: numbers.map((n) => n.phoneNumber),
    numbers,
  };
  if (record.customer_reference) summary.customerReference = record.customer_reference;
  const expiry = earliestExpiry(numbers);
  if (expiry) summary.expiresAt = expiry;
  if (record.created_at) summary.createdAt = record.created_at;
  if (record.updated_at) summary.updatedAt = record.updated_at;
  return summary;
}

/** Build state from the resolved inputs and a Telnyx record. */
export function toOutputs(inputs: NumberInputs, record: NumberReservation): ReservationOutputs {
  const { id, status, numbers, expiresAt, createdAt, updatedAt } = summarize(record);
  return {
    ...pickInputs(inputs),
    phoneNumbers: inputs.phoneNumbers,
    reservationId: id,
    status,
    numbers,
    ...(expiresAt ? { expiresAt } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

/**
 * Only the input properties of a state object (drops outputs and `__provider`). A `search`
 * resource's `phoneNumbers` is an output (what it found), not an input.
 */
export function pickInputs(source: Partial<ReservationInputs>): ReservationInputs {
  const inputs: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) if (source[key] !== undefined) inputs[key] = source[key];
  if (source.search !== undefined) delete inputs.phoneNumbers;
  return inputs as unknown as ReservationInputs;
}

/** Numbers whose hold succeeded, whether or not it has lapsed since (see `liveNumbers`). */
export function succeededNumbers(numbers: ReservedNumber[]): ReservedNumber[] {
  return numbers.filter((n) => !isPending(n.status) && !isFailed(n.status));
}

export function failedNumbers(numbers: ReservedNumber[]): ReservedNumber[] {
  return numbers.filter((n) => isFailed(n.status));
}

/**
 * Failed numbers among the declared ones. An adopted reservation may carry
 * numbers that failed long ago and are not declared: they hold nothing and
 * are not the resource's concern.
 */
export function declaredFailures(outputs: Pick<ReservationOutputs, "numbers" | "phoneNumbers">): ReservedNumber[] {
  const declared = new Set(outputs.phoneNumbers ?? []);
  return failedNumbers(outputs.numbers ?? []).filter((n) => declared.has(n.phoneNumber));
}

/** Earliest `expiresAt` among numbers whose hold succeeded, lapsed or not. */
export function earliestExpiry(numbers: ReservedNumber[]): string | undefined {
  const times = succeededNumbers(numbers)
    .map((n) => n.expiresAt)
    .filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return times[0];
}

/** Numbers held at `now` (ms on Telnyx's clock): succeeded and not lapsed. */
export function liveNumbers(numbers: ReservedNumber[], now: number): ReservedNumber[] {
  return succeededNumbers(numbers).filter((n) => !n.expiresAt || Date.parse(n.expiresAt) > now);
}

/** Numbers held or about to be (pending) at `now`: what no other reservation can hold. */
export function liveOrPendingNumbers(numbers: ReservedNumber[], now: number): ReservedNumber[] {
  return numbers.filter((n) => isPending(n.status) || liveNumbers([n], now).length === 1);
}

/** The phone numbers of `numbers`, for asking whether a number is among them. */
export function numberSet(numbers: readonly ReservedNumber[]): Set<string> {
  return new Set(numbers.map((n) => n.phoneNumber));
}

/** "+1970… until 2026-11-27T09:30:00Z, +1…" for messages. */
export function describeHolds(numbers: ReservedNumber[]): string {
  return numbers.map((n) => (n.expiresAt ? `${n.phoneNumber} until ${n.expiresAt}` : n.phoneNumber)).join(", ");
}

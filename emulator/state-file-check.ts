/**
 * Checks the contents of a state file before anything is restored from it, so a file edited by
 * hand or cut short says which entry is wrong and why, instead of failing later with a
 * TypeError. Problems are reported as "reservations[3] (id "...") numbers[0].outcome must be ...";
 * a number held by two live reservations names both.
 */

import { MAX_CLOCK_OFFSET_MS } from "./clock";
import { E164 } from "./create-request";
import { isJsonObject, type JsonObject } from "./json-input";
import { isHeld, type StoredNumber, type StoredReservation } from "./reservation-store";

/** What a state file holds (format version 1). */
export interface StateFileContents {
  /** Format version; only 1 exists. */
  version: 1;
  /** How far the emulator clock ran ahead of real time, in ms. */
  clockOffsetMs: number;
  /** Every reservation, oldest first. */
  reservations: StoredReservation[];
  /** Numbers marked unavailable, in marking order. */
  unavailable: string[];
}

/** Largest |epoch ms| a Date can hold. */
const MAX_EPOCH_MS = 8.64e15;

/** A value quoted for an error message, kept short. */
function shown(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A problem in the file; the message is completed with the file name by the reader. */
export class StateFileProblem extends Error {}

function check(ok: boolean, where: string, rule: string, value: unknown): void {
  if (!ok) throw new StateFileProblem(`${where} must be ${rule}, got ${shown(value)}`);
}

const isTime = (value: unknown): boolean => typeof value === "number" && Math.abs(value) <= MAX_EPOCH_MS;
const isId = (value: unknown): value is string => typeof value === "string" && value !== "";
const isPhoneNumber = (value: unknown): boolean => typeof value === "string" && E164.test(value);

function checkTimes(entry: JsonObject, where: string, names: string[]): void {
  for (const name of names) check(isTime(entry[name]), `${where}${name}`, "epoch milliseconds (a number within ±8.64e15)", entry[name]);
}

function checkNumber(value: unknown, where: string): StoredNumber {
  check(isJsonObject(value), where, "an object", value);
  const number = value as JsonObject;
  check(isId(number.id), `${where}.id`, "a non-empty string", number.id);
  check(isPhoneNumber(number.phoneNumber), `${where}.phoneNumber`, "a +E.164 phone number", number.phoneNumber);
  check(number.outcome === "success" || number.outcome === "failure", `${where}.outcome`, '"success" or "failure"', number.outcome);
  check(number.error === undefined || typeof number.error === "string", `${where}.error`, "a string when present", number.error);
  checkTimes(number, `${where}.`, ["expiresAtMs", "updatedAtMs"]);
  return number as unknown as StoredNumber;
}

function checkReservation(value: unknown, index: number, seen: Map<string, number>): StoredReservation {
  const at = `reservations[${index}]`;
  if (!isJsonObject(value)) throw new StateFileProblem(`${at}: must be an object, got ${shown(value)}`);
  if (!isId(value.id)) throw new StateFileProblem(`${at}: id must be a non-empty string, got ${shown(value.id)}`);
  const where = `${at} (id ${JSON.stringify(value.id)}): `;
  const earlier = seen.get(value.id);
  if (earlier !== undefined) throw new StateFileProblem(`${where}id is used by reservations[${earlier}] too`);
  seen.set(value.id, index);
  const cref = value.customerReference;
  check(cref === undefined || typeof cref === "string", `${where}customerReference`, "a string when present", cref);
  checkTimes(value, where, ["createdAtMs", "settlesAtMs", "updatedAtMs"]);
  check(Array.isArray(value.numbers), `${where}numbers`, "an array", value.numbers);
  (value.numbers as unknown[]).forEach((number, i) => checkNumber(number, `${where}numbers[${i}]`));
  return value as unknown as StoredReservation;
}

/**
 * Throws when two holds of one number are in force at `nowMs` (in two reservations, or twice in
 * one): the emulator never makes that, and restoring it would leave "already on hold" to
 * whichever hold the index kept.
 */
function checkOneLiveHoldPerNumber(reservations: StoredReservation[], nowMs: number): void {
  const holders = new Map<string, { at: string; expiresAtMs: number }>();
  reservations.forEach((reservation, index) => {
    const at = `reservations[${index}] (id ${JSON.stringify(reservation.id)})`;
    reservation.numbers.forEach((number, i) => {
      if (!isHeld(number, nowMs)) return;
      const until = (ms: number) => new Date(ms).toISOString();
      const earlier = holders.get(number.phoneNumber);
      if (earlier) {
        throw new StateFileProblem(
          `${at}: numbers[${i}] holds ${number.phoneNumber} until ${until(number.expiresAtMs)}, which ${earlier.at} holds ` +
            `until ${until(earlier.expiresAtMs)} too; a number has one live hold at most`,
        );
      }
      holders.set(number.phoneNumber, { at, expiresAtMs: number.expiresAtMs });
    });
  });
}

/**
 * Returns `value` as state-file contents, or throws: a plain Error when it is not a state file
 * at all, a {@link StateFileProblem} naming the first bad entry otherwise.
 */
export function checkStateFileContents(value: unknown): StateFileContents {
  if (!isJsonObject(value) || value.version !== 1 || !Array.isArray(value.reservations)) {
    throw new Error("was not written by this emulator");
  }
  const clockOffsetMs = value.clockOffsetMs ?? 0;
  const offsetOk = typeof clockOffsetMs === "number" && clockOffsetMs >= 0 && clockOffsetMs <= MAX_CLOCK_OFFSET_MS;
  check(offsetOk, "clockOffsetMs", `a number from 0 to ${MAX_CLOCK_OFFSET_MS}`, clockOffsetMs);
  const unavailable = value.unavailable ?? [];
  check(Array.isArray(unavailable), "unavailable", "an array", unavailable);
  (unavailable as unknown[]).forEach((n, i) => check(isPhoneNumber(n), `unavailable[${i}]`, "a +E.164 phone number", n));
  const seen = new Map<string, number>();
  const reservations = value.reservations.map((r, i) => checkReservation(r, i, seen));
  // "Live" on the clock the file restores: real time plus its offset.
  checkOneLiveHoldPerNumber(reservations, Date.now() + (clockOffsetMs as number));
  return { version: 1, clockOffsetMs: clockOffsetMs as number, reservations, unavailable: unavailable as string[] };
}

/**
 * The optional state file, all of it: so that an emulator started later (the demo's second
 * `npm start`) still knows the reservations, unavailable numbers and clock offset the first one
 * left. Loading checks every entry first, so a file edited by hand or cut short says which entry
 * is wrong and why (`reservations[3] (id "...") numbers[0].outcome must be ...`; a number held by
 * two live reservations names both) instead of failing later with a TypeError.
 *
 * Saving happens after a request is handled and before it is answered, and only when the
 * persisted parts changed. Writes are atomic (temp file + rename); a failed write removes its temp
 * file, rolls memory back to the last saved state so memory and file agree, and throws
 * {@link StateNotSaved} (answered as a 500 instead of a 200 whose effect would be lost on
 * restart). A start removes the temp files of emulators that died mid-write.
 */

import * as fs from "fs";
import * as path from "path";
import {
  E164,
  isHeld,
  MAX_CLOCK_OFFSET_MS,
  StateNotSaved,
  type EmulatorClock,
  type ReservationStore,
  type StoredNumber,
  type StoredReservation,
} from "./domain";
import { isJsonObject, type JsonObject } from "./input";

// ---- checking a file ----------------------------------------------------------------------------

/** What a state file holds (format version 1). */
interface StateFileContents {
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
class StateFileProblem extends Error {}

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
function checkStateFileContents(value: unknown): StateFileContents {
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

// ---- reading and writing ------------------------------------------------------------------------

/** The temp file this process writes next to `file`. */
function tempFileOf(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Whether a process with this id is running (a signal-0 probe; EPERM means it runs as someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `<file>.<pid>.tmp` files whose writer is gone (or is this process). */
function removeOrphanTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to clean
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith(".tmp") ? name.slice(prefix.length, -".tmp".length) : "";
    if (/^\d+$/.test(pid) && (Number(pid) === process.pid || !isRunning(Number(pid)))) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

/** Reads and checks `file`; undefined when it does not exist. Errors name the file and the bad entry. */
function readStateFile(file: string): StateFileContents | undefined {
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`emulator state file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return checkStateFileContents(parsed);
  } catch (err) {
    const reason = (err as Error).message;
    throw new Error(err instanceof StateFileProblem ? `emulator state file ${file} is corrupt: ${reason}` : `emulator state file ${file} ${reason}`);
  }
}

/** Writes `text` to `file` atomically; on failure removes the temp file and rethrows. */
function writeStateFile(file: string, text: string): void {
  const temp = tempFileOf(file);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

// ---- keeping file and memory in step ------------------------------------------------------------

/** The persisted parts of an emulator. */
export interface PersistedParts {
  clock: EmulatorClock;
  store: ReservationStore;
}

/** The state file of one emulator (or none). */
export class StatePersistence {
  private savedText = "";
  private savedMark = "";

  constructor(
    private readonly file: string | undefined,
    private readonly state: PersistedParts,
  ) {}

  /** Loads the file into the state, if there is one; throws an Error naming the file and any bad entry. */
  load(): void {
    if (this.file === undefined) return;
    removeOrphanTempFiles(this.file);
    const contents = readStateFile(this.file);
    if (contents) this.apply(contents);
    this.remember(this.serialize());
  }

  /**
   * Saves any change since the last save; when saving fails, rolls the change back and throws
   * {@link StateNotSaved}.
   */
  save(): void {
    if (this.file === undefined || this.mark() === this.savedMark) return;
    const text = this.serialize();
    if (text === this.savedText) {
      this.savedMark = this.mark();
      return;
    }
    try {
      writeStateFile(this.file, text);
    } catch (err) {
      this.apply(checkStateFileContents(JSON.parse(this.savedText)));
      this.savedMark = this.mark();
      throw new StateNotSaved(this.file, err instanceof Error ? err.message : String(err));
    }
    this.remember(text);
  }

  /** The persisted parts as the text of a state file. */
  private serialize(): string {
    const contents: StateFileContents = { version: 1, clockOffsetMs: this.state.clock.offset, ...this.state.store.snapshot() };
    return JSON.stringify(contents);
  }

  /** Replaces the persisted parts (reservations, unavailable numbers, clock offset). */
  private apply(contents: StateFileContents): void {
    this.state.clock.offset = contents.clockOffsetMs;
    this.state.store.restore({ reservations: contents.reservations, unavailable: contents.unavailable });
  }

  private remember(text: string): void {
    this.savedText = text;
    this.savedMark = this.mark();
  }

  /** Cheap fingerprint of the persisted parts: equal marks mean nothing changed. */
  private mark(): string {
    return `${this.state.store.revision}:${this.state.clock.offset}`;
  }
}

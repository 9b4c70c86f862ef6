/**
 * The emulated Telnyx number-reservation domain, free of HTTP: the movable clock, the
 * reservations and their holds (with the indexes that keep "already on hold?" one lookup), the
 * numbers nobody may hold, and the settle rule. Each number's outcome is decided when the
 * reservation is created (unavailable, already held by a live reservation, or held) but is shown
 * only once the reservation settles; a pending reservation already holds its numbers. Expired
 * reservations are kept, unchanged, so they stay retrievable and listable.
 *
 * What goes wrong here is a {@link DomainError} subclass; the HTTP layer (http.ts) alone decides
 * which Telnyx status and code each one answers.
 */

import { randomUUID } from "crypto";
import type { EmulatorSettings, ReservationStatus } from "./types";

// ---- the clock ----------------------------------------------------------------------------------

/**
 * How far ahead of real time the clock may run: 100 years. Far enough for any hold or extension,
 * and far inside what a Date can hold (year 275760), so every date the emulator renders, plus
 * the longest hold a setting allows (about 32 years), stays valid.
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 365.25 * 24 * 3600 * 1000;

/**
 * The emulator's single clock: real time plus an offset that tests move forward, so holds can
 * expire and reservations settle without real waiting. Reservation rules, timestamps and the
 * `Date` header read it; injected delays and the rate limit run on real time.
 */
export class EmulatorClock {
  private offsetMs = 0;

  /** Current emulator time in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** How many more seconds the clock may be advanced before it reaches {@link MAX_CLOCK_OFFSET_MS}. */
  get remainingAdvanceSeconds(): number {
    return (MAX_CLOCK_OFFSET_MS - this.offsetMs) / 1000;
  }

  /**
   * Moves the clock forward. Callers validate that `seconds` is finite, not negative and at most
   * {@link remainingAdvanceSeconds}; this throws rather than ever leave the bound.
   */
  advance(seconds: number): void {
    const offsetMs = this.offsetMs + seconds * 1000;
    if (!(seconds >= 0 && offsetMs <= MAX_CLOCK_OFFSET_MS)) throw new RangeError(`cannot advance the clock by ${seconds} s`);
    this.offsetMs = offsetMs;
  }

  /** How far ahead of real time the clock is, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Sets the offset (restoring a saved emulator, whose offset the state-file check bounded). */
  set offset(ms: number) {
    this.offsetMs = ms;
  }

  /** Puts the clock back on real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}

// ---- rules --------------------------------------------------------------------------------------

/** Telnyx's documented timings: holds of about 30 minutes, extended by about 30 more. */
export const DEFAULT_SETTINGS: EmulatorSettings = { settleDelayMs: 1000, holdSeconds: 1800, extendSeconds: 1800 };

/** Strict E.164 (requests, the control API and the state file): a plus, a non-zero digit, then at most 14 more digits. */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** Why a number could not be held: the texts Telnyx uses in `errors`. */
const HOLD_FAILURES = {
  unavailable: "Number is not available",
  alreadyOnHold: "Number is already on hold",
} as const;

/** A checked request for a reservation. */
export interface CreateReservationInput {
  /** The numbers to hold, in request order, without duplicates. */
  phoneNumbers: string[];
  /** The customer reference, when one was given. */
  customerReference?: string;
}

/** A number inside a stored reservation. */
export interface StoredNumber {
  /** UUID of this number's hold. */
  id: string;
  /** The E.164 number. */
  phoneNumber: string;
  /** The outcome decided at creation, visible once the reservation settles. */
  outcome: "success" | "failure";
  /** The reason for a `failure` outcome. */
  error?: string;
  /** When the hold lapses (emulator epoch ms). */
  expiresAtMs: number;
  /** Last time an extension touched this number (creation time until then). */
  updatedAtMs: number;
}

/** A reservation as the emulator keeps it. */
export interface StoredReservation {
  /** UUID of the reservation. */
  id: string;
  /** The customer reference given at creation. */
  customerReference?: string;
  /** Creation time (emulator epoch ms). */
  createdAtMs: number;
  /** When it stops being pending; fixed at creation so later setting changes do not move it. */
  settlesAtMs: number;
  /** Last time an extension touched the reservation (creation time until then). */
  updatedAtMs: number;
  /** Numbers in request order. */
  numbers: StoredNumber[];
}

/** Whether a number's hold is in force at `nowMs`. */
export function isHeld(number: StoredNumber, nowMs: number): boolean {
  return number.outcome === "success" && nowMs < number.expiresAtMs;
}

/** The reservation's status at `nowMs`: pending until it settles, then `success` only if every number is held. */
export function reservationStatus(reservation: StoredReservation, nowMs: number): ReservationStatus {
  if (nowMs < reservation.settlesAtMs) return "pending";
  return reservation.numbers.every((n) => n.outcome === "success") ? "success" : "failure";
}

/** What a list may ask for; every given filter must match exactly. */
export interface ReservationFilters {
  /** Exact reservation status at the time of the list. */
  status?: string;
  /** Exact customer reference. */
  customerReference?: string;
  /** Reservations with this number among theirs. */
  phoneNumber?: string;
  /** Created strictly after (epoch ms). */
  createdAfterMs?: number;
  /** Created strictly before (epoch ms). */
  createdBeforeMs?: number;
}

function matches(reservation: StoredReservation, filters: ReservationFilters, nowMs: number): boolean {
  // created_at shows whole milliseconds (a Date truncates), and the filters compare what it shows.
  const createdMs = Math.trunc(reservation.createdAtMs);
  return (
    (filters.status === undefined || reservationStatus(reservation, nowMs) === filters.status) &&
    (filters.customerReference === undefined || reservation.customerReference === filters.customerReference) &&
    (filters.phoneNumber === undefined || reservation.numbers.some((n) => n.phoneNumber === filters.phoneNumber)) &&
    (filters.createdAfterMs === undefined || createdMs > filters.createdAfterMs) &&
    (filters.createdBeforeMs === undefined || createdMs < filters.createdBeforeMs)
  );
}

/** Whether the filters ask for anything the indexes do not answer exactly. */
function needsScan(filters: ReservationFilters): boolean {
  const unindexed = [filters.status, filters.createdAfterMs, filters.createdBeforeMs].some((value) => value !== undefined);
  return unindexed || (filters.phoneNumber !== undefined && filters.customerReference !== undefined);
}

// ---- errors -------------------------------------------------------------------------------------

/** Something the domain refuses or cannot do; http.ts maps each subclass to its Telnyx answer. */
export abstract class DomainError extends Error {}

/** No reservation has this id. */
export class ReservationNotFound extends DomainError {
  constructor(readonly id: string) {
    super(`Number reservation ${id} was not found.`);
  }
}

/** Extending a reservation none of whose numbers is held any more (all expired, or all failed). */
export class ReservationExpired extends DomainError {
  constructor(readonly id: string) {
    super(`Number reservation ${id} has expired: none of its numbers is held any more, so it cannot be extended.`);
  }
}

/** A change could not be written to the state file, and was undone in memory. */
export class StateNotSaved extends DomainError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `The emulator could not save the state file ${file} (${reason}); its changes to reservations, unavailable numbers and the clock were undone.`,
    );
  }
}

// ---- the store ----------------------------------------------------------------------------------

/** Everything a {@link ReservationStore} holds, as plain data (what a state file keeps). */
export interface StoreSnapshot {
  reservations: StoredReservation[];
  unavailable: string[];
}

/** Appends to the list under `key`, creating it. */
function push<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * All reservations plus the set of numbers marked unavailable. `holders` indexes, per number,
 * the hold that could still be in force: a number gets a new hold only once the previous one is
 * over, and only live holds are extended, so its latest successful hold is the only candidate.
 * That makes each "already on hold?" check one lookup instead of a scan of every reservation.
 * `byNumber` and `byReference` (every reservation naming a number, whatever its outcome, and
 * every one with a customer reference, each oldest first) let a filtered list skip the
 * reservations it cannot match.
 */
export class ReservationStore {
  private readonly reservations = new Map<string, StoredReservation>();
  /** The same reservations in creation order, for lists (a Map cannot be sliced). */
  private readonly ordered: StoredReservation[] = [];
  private readonly unavailable = new Set<string>();
  private readonly holders = new Map<string, StoredNumber>();
  private readonly byNumber = new Map<string, StoredReservation[]>();
  private readonly byReference = new Map<string, StoredReservation[]>();
  private changes = 0;

  /** Grows with every change to the contents, so a saver can tell "unchanged" without comparing. */
  get revision(): number {
    return this.changes;
  }

  /**
   * Creates a reservation, deciding each number's outcome now. `refusal` adds reasons of the
   * caller's to refuse a number (the inventory's: taken by another customer, not reservable).
   */
  create(
    input: CreateReservationInput,
    nowMs: number,
    settings: EmulatorSettings,
    refusal: (phoneNumber: string) => string | undefined = () => undefined,
  ): StoredReservation {
    const expiresAtMs = nowMs + settings.holdSeconds * 1000;
    const reservation: StoredReservation = {
      id: randomUUID(),
      ...(input.customerReference !== undefined ? { customerReference: input.customerReference } : {}),
      createdAtMs: nowMs,
      settlesAtMs: nowMs + settings.settleDelayMs,
      updatedAtMs: nowMs,
      numbers: input.phoneNumbers.map((phoneNumber) => {
        const failure = this.holdFailure(phoneNumber, nowMs) ?? refusal(phoneNumber);
        return {
          id: randomUUID(),
          phoneNumber,
          outcome: failure ? "failure" : "success",
          ...(failure ? { error: failure } : {}),
          expiresAtMs,
          updatedAtMs: nowMs,
        };
      }),
    };
    this.add(reservation);
    this.changes += 1;
    return reservation;
  }

  /** The reservation with this id; throws {@link ReservationNotFound} when there is none. */
  get(id: string): StoredReservation {
    const reservation = this.reservations.get(id);
    if (!reservation) throw new ReservationNotFound(id);
    return reservation;
  }

  /** Every reservation, oldest first. */
  all(): StoredReservation[] {
    return [...this.ordered];
  }

  /**
   * The reservations matching the filters at `nowMs`, oldest first. The exact-match indexes
   * narrow number and reference first (only the shorter list is scanned when both are given);
   * without other filters the index list itself is the answer. Callers must not change it.
   */
  find(filters: ReservationFilters, nowMs: number): readonly StoredReservation[] {
    const lists: Array<readonly StoredReservation[]> = [];
    if (filters.phoneNumber !== undefined) lists.push(this.byNumber.get(filters.phoneNumber) ?? []);
    if (filters.customerReference !== undefined) lists.push(this.byReference.get(filters.customerReference) ?? []);
    const candidates = lists.reduce((shortest, list) => (list.length < shortest.length ? list : shortest), this.ordered);
    return needsScan(filters) ? candidates.filter((r) => matches(r, filters, nowMs)) : candidates;
  }

  /**
   * Moves every live hold of the reservation to `nowMs + extendSeconds`. Throws
   * {@link ReservationNotFound} for an unknown id and {@link ReservationExpired} when no number
   * is held any more.
   */
  extend(id: string, nowMs: number, extendSeconds: number): StoredReservation {
    const reservation = this.get(id);
    const live = reservation.numbers.filter((n) => isHeld(n, nowMs));
    if (live.length === 0) throw new ReservationExpired(id);
    for (const number of live) {
      number.expiresAtMs = nowMs + extendSeconds * 1000;
      number.updatedAtMs = nowMs;
    }
    reservation.updatedAtMs = nowMs;
    this.changes += 1;
    return reservation;
  }

  /** Marks numbers as not available to anyone (until reset). */
  markUnavailable(phoneNumbers: readonly string[]): void {
    for (const n of phoneNumbers) this.unavailable.add(n);
    this.changes += 1;
  }

  /** Whether a live or pending reservation holds the number at `nowMs` (one index lookup). */
  isHeldNow(phoneNumber: string, nowMs: number): boolean {
    const holder = this.holders.get(phoneNumber);
    return holder !== undefined && isHeld(holder, nowMs);
  }

  /** Whether the number is marked unavailable. */
  isUnavailable(phoneNumber: string): boolean {
    return this.unavailable.has(phoneNumber);
  }

  /** The numbers marked unavailable, in the order they were marked. */
  unavailableNumbers(): string[] {
    return [...this.unavailable];
  }

  /** Everything the store holds, as plain data. */
  snapshot(): StoreSnapshot {
    return { reservations: this.all(), unavailable: this.unavailableNumbers() };
  }

  /** Replaces the contents with a {@link snapshot}. */
  restore(snapshot: StoreSnapshot): void {
    this.reset();
    for (const reservation of snapshot.reservations) this.add(reservation);
    this.markUnavailable(snapshot.unavailable);
  }

  /** Forgets every reservation and unavailable number. */
  reset(): void {
    this.reservations.clear();
    this.ordered.length = 0;
    this.unavailable.clear();
    this.holders.clear();
    this.byNumber.clear();
    this.byReference.clear();
    this.changes += 1;
  }

  /** Stores a reservation (the newest) and indexes it. */
  private add(reservation: StoredReservation): void {
    this.reservations.set(reservation.id, reservation);
    this.ordered.push(reservation);
    this.indexHolds(reservation);
    for (const phoneNumber of new Set(reservation.numbers.map((n) => n.phoneNumber))) push(this.byNumber, phoneNumber, reservation);
    if (reservation.customerReference !== undefined) push(this.byReference, reservation.customerReference, reservation);
  }

  /** Records the reservation's successful holds, keeping per number the one that lasts longest. */
  private indexHolds(reservation: StoredReservation): void {
    for (const number of reservation.numbers) {
      if (number.outcome !== "success") continue;
      const indexed = this.holders.get(number.phoneNumber);
      if (!indexed || indexed.expiresAtMs <= number.expiresAtMs) this.holders.set(number.phoneNumber, number);
    }
  }

  private holdFailure(phoneNumber: string, nowMs: number): string | undefined {
    if (this.unavailable.has(phoneNumber)) return HOLD_FAILURES.unavailable;
    return this.isHeldNow(phoneNumber, nowMs) ? HOLD_FAILURES.alreadyOnHold : undefined;
  }
}

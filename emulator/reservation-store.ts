/**
 * The emulator's reservation state and its rules. Each number's outcome is decided when the
 * reservation is created (unavailable, already held by a live reservation, or held) but is shown
 * only once the reservation settles; a pending reservation already holds its numbers. Expired
 * reservations are kept, unchanged, so they stay retrievable and listable.
 */

import { randomUUID } from "crypto";
import { ApiError, notFound } from "./api-errors";
import type { CreateReservationInput } from "./create-request";
import type { EmulatorSettings } from "./types";

/** Why a number could not be held: the texts Telnyx uses in `errors`. */
export const HOLD_FAILURES = {
  unavailable: "Number is not available",
  alreadyOnHold: "Number is already on hold",
} as const;

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

/** The exact-match list filters an index answers. */
export interface IndexedFilters {
  phoneNumber?: string;
  customerReference?: string;
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
 * every one with a customer reference, each oldest first) let a filtered list page skip the
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

  /** Creates a reservation, deciding each number's outcome now. */
  create(input: CreateReservationInput, nowMs: number, settings: EmulatorSettings): StoredReservation {
    const expiresAtMs = nowMs + settings.holdSeconds * 1000;
    const reservation: StoredReservation = {
      id: randomUUID(),
      ...(input.customerReference !== undefined ? { customerReference: input.customerReference } : {}),
      createdAtMs: nowMs,
      settlesAtMs: nowMs + settings.settleDelayMs,
      updatedAtMs: nowMs,
      numbers: input.phoneNumbers.map((phoneNumber) => {
        const failure = this.holdFailure(phoneNumber, nowMs);
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

  /** The reservation with this id; throws a 404 when there is none. */
  get(id: string): StoredReservation {
    const reservation = this.reservations.get(id);
    if (!reservation) throw notFound(`Number reservation ${id} was not found.`);
    return reservation;
  }

  /** Every reservation, oldest first. */
  all(): StoredReservation[] {
    return [...this.ordered];
  }

  /**
   * The reservations that can match these exact-match filters, oldest first: a superset of the
   * matches when both are given (only the shorter index is used), the whole store when neither
   * is. Callers must not change the returned list.
   */
  candidates(filters: IndexedFilters): readonly StoredReservation[] {
    const lists: Array<readonly StoredReservation[]> = [];
    if (filters.phoneNumber !== undefined) lists.push(this.byNumber.get(filters.phoneNumber) ?? []);
    if (filters.customerReference !== undefined) lists.push(this.byReference.get(filters.customerReference) ?? []);
    return lists.reduce((shortest, list) => (list.length < shortest.length ? list : shortest), this.ordered);
  }

  /**
   * Moves every live hold of the reservation to `nowMs + extendSeconds`. Throws a 404 for an
   * unknown id and a 422 when no number is held any more (all expired, or all failed).
   */
  extend(id: string, nowMs: number, extendSeconds: number): StoredReservation {
    const reservation = this.get(id);
    const live = reservation.numbers.filter((n) => isHeld(n, nowMs));
    if (live.length === 0) {
      throw ApiError.of(
        422,
        "badRequest",
        `Number reservation ${id} has expired: none of its numbers is held any more, so it cannot be extended.`,
      );
    }
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

  /** The numbers marked unavailable, in the order they were marked. */
  unavailableNumbers(): string[] {
    return [...this.unavailable];
  }

  /** Everything the store holds, as plain data (for a state file). */
  snapshot(): { reservations: StoredReservation[]; unavailable: string[] } {
    return { reservations: this.all(), unavailable: this.unavailableNumbers() };
  }

  /** Replaces the contents with a {@link snapshot}. */
  restore(snapshot: { reservations: StoredReservation[]; unavailable: string[] }): void {
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
    const holder = this.holders.get(phoneNumber);
    return holder && isHeld(holder, nowMs) ? HOLD_FAILURES.alreadyOnHold : undefined;
  }
}

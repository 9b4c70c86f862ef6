/**
 * What the dynamic provider stores of a reservation's outputs, and how a full
 * set of outputs is had back from it. The engine rewrites the whole stack state
 * after every step and walks every property value of every resource each time,
 * so outputs that repeat others are left out of the dynamic resource's state:
 *
 *   reservationId  the resource's id (kept if ever different, so a state naming
 *                  another reservation than its id still shows it)
 *   numbers        for one number whose status and expiry are the reservation's
 *                  (the usual case), `[{ phoneNumber, status, expiresAt }]`
 *
 * `NumberReservation` (sdk/number-reservation.ts) derives both with
 * `expandedNumbers` and the id, so programs see every documented output. The
 * native plugin stores and returns every output, as its schema says. State
 * written before (with both fields) reads the same: a stored value wins.
 */
import type { ReservationOutputs, ReservedNumber } from "./properties";

/** Outputs as the dynamic provider stores them: `reservationId`, and `numbers` when derivable, left out. */
export type StoredOutputs = Omit<ReservationOutputs, "reservationId" | "numbers"> & Partial<Pick<ReservationOutputs, "reservationId" | "numbers">>;

type NumbersSource = Partial<Pick<ReservationOutputs, "numbers" | "phoneNumbers" | "status" | "expiresAt">>;

/** The `numbers` of one number holding the reservation's own status and expiry; undefined for any other state. */
function oneNumber(state: NumbersSource): ReservedNumber[] | undefined {
  if (state.phoneNumbers?.length !== 1 || state.status === undefined) return undefined;
  return [{ phoneNumber: state.phoneNumbers[0], status: state.status, ...(state.expiresAt ? { expiresAt: state.expiresAt } : {}) }];
}

/** `numbers` of stored outputs: the stored array, else the one number derived from the others. */
export function expandedNumbers(state: NumbersSource): ReservedNumber[] {
  return state.numbers ?? oneNumber(state) ?? [];
}

/** What the dynamic provider returns to the engine to store for the resource `id`. */
export function compactOutputs(id: string, outputs: ReservationOutputs): StoredOutputs {
  const { reservationId, numbers, ...rest } = outputs;
  const derived = oneNumber(outputs);
  return {
    ...rest,
    ...(reservationId === id ? {} : { reservationId }),
    ...(derived && sameNumbers(derived, numbers) ? {} : { numbers }),
  };
}

/** Full outputs of a stored state (either shape) and its resource id. */
export function expandOutputs(id: string, stored: StoredOutputs): ReservationOutputs {
  return { ...stored, reservationId: stored.reservationId ?? id, numbers: expandedNumbers(stored) };
}

function sameNumbers(a: ReservedNumber[], b: ReservedNumber[]): boolean {
  const fields = (n: ReservedNumber) => JSON.stringify([n.phoneNumber, n.status, n.expiresAt, n.errors]);
  return a.length === b.length && a.every((n, i) => fields(n) === fields(b[i]));
}

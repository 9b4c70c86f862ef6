/**
 * Renders a stored reservation as the wire record of Telnyx's spec at a given emulator time:
 * before settlement everything reads `pending` and outcomes are hidden; after it, each number
 * shows its outcome and the reservation is `success` only if every number's hold succeeded.
 */

import { formatTimestamp } from "./clock";
import type { StoredNumber, StoredReservation } from "./reservation-store";
import type { NumberReservation, ReservationStatus, ReservedPhoneNumber } from "./types";

/** The reservation's status at `nowMs` (what `status` reads and `filter[status]` matches). */
export function reservationStatus(reservation: StoredReservation, nowMs: number): ReservationStatus {
  if (nowMs < reservation.settlesAtMs) return "pending";
  return reservation.numbers.every((n) => n.outcome === "success") ? "success" : "failure";
}

/** The wire record of a reservation as seen at `nowMs`. */
export function renderReservation(reservation: StoredReservation, nowMs: number): NumberReservation {
  const settled = nowMs >= reservation.settlesAtMs;
  // Settlement is itself a change, so it moves updated_at once it has happened.
  const changedAt = (updatedAtMs: number): string =>
    formatTimestamp(settled ? Math.max(updatedAtMs, reservation.settlesAtMs) : updatedAtMs);
  const status = reservationStatus(reservation, nowMs);
  return {
    id: reservation.id,
    record_type: "number_reservation",
    phone_numbers: reservation.numbers.map((n) => renderNumber(n, reservation, settled, changedAt)),
    status,
    ...(reservation.customerReference !== undefined ? { customer_reference: reservation.customerReference } : {}),
    created_at: formatTimestamp(reservation.createdAtMs),
    updated_at: changedAt(reservation.updatedAtMs),
  };
}

function renderNumber(
  number: StoredNumber,
  reservation: StoredReservation,
  settled: boolean,
  changedAt: (updatedAtMs: number) => string,
): ReservedPhoneNumber {
  return {
    id: number.id,
    record_type: "reserved_phone_number",
    phone_number: number.phoneNumber,
    status: settled ? number.outcome : "pending",
    ...(settled && number.error !== undefined ? { errors: number.error } : {}),
    created_at: formatTimestamp(reservation.createdAtMs),
    updated_at: changedAt(number.updatedAtMs),
    expired_at: formatTimestamp(number.expiresAtMs),
  };
}

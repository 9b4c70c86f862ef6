/**
 * What a reservation holds now, as `list` shows it: Telnyx's own `status` stays
 * `success` after every hold has lapsed and says `failure` for a reservation that
 * still holds some of its numbers, so it cannot answer "is this number mine?".
 * The answer is judged per number with the provider's own rules
 * (reservation-state.ts: `liveNumbers`, `succeededNumbers`, `isPending`), at a
 * given moment on Telnyx's clock.
 */
import { ReservationSummary, earliestExpiry, isPending, liveNumbers, succeededNumbers } from "../provider/reservation-state";

/**
 * - `held`: every number is held.
 * - `partial`: some numbers are held, the others failed, lapsed or are pending.
 * - `pending`: nothing held yet, some number still pending.
 * - `lapsed`: nothing held or pending; some hold succeeded and has since lapsed.
 * - `failed`: no number was ever held.
 */
export type HoldState = "held" | "partial" | "pending" | "lapsed" | "failed";

/** The `hold` field `list --json` adds to each reservation summary. */
export interface Hold {
  state: HoldState;
  /** Numbers held at the moment judged (E.164). */
  heldNumbers: string[];
  /** Numbers whose hold is still pending. */
  pendingNumbers: string[];
  /** Earliest expiry among the held numbers (ISO-8601, as Telnyx gave it). */
  heldUntil?: string;
  /** When the last hold lapsed (state `lapsed` only). */
  lapsedAt?: string;
}

/** The hold of `summary` at `now` (ms on Telnyx's clock). */
export function holdOf(summary: ReservationSummary, now: number): Hold {
  const held = liveNumbers(summary.numbers, now);
  const pendingNumbers = summary.numbers.filter((n) => isPending(n.status)).map((n) => n.phoneNumber);
  const hold = { heldNumbers: held.map((n) => n.phoneNumber), pendingNumbers };
  if (held.length > 0) {
    const heldUntil = earliestExpiry(held);
    const state = held.length === summary.numbers.length ? "held" : "partial";
    return { state, ...hold, ...(heldUntil ? { heldUntil } : {}) };
  }
  if (pendingNumbers.length > 0) return { state: "pending", ...hold };
  const succeeded = succeededNumbers(summary.numbers);
  if (succeeded.length === 0) return { state: "failed", ...hold };
  // Nothing is live, so each succeeded number has an expiry in the past (or an unreadable one):
  // the latest readable one is when the last hold went.
  const lapsedAt = succeeded
    .map((n) => n.expiresAt ?? "")
    .filter((t) => !Number.isNaN(Date.parse(t)))
    .reduce<string | undefined>((latest, t) => (latest === undefined || Date.parse(t) > Date.parse(latest) ? t : latest), undefined);
  return { state: "lapsed", ...hold, ...(lapsedAt ? { lapsedAt } : {}) };
}

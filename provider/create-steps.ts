/**
 * The create path's decisions, pure: the executor (create-reservation.ts) reports
 * what each step found, and these rule on the next step, so nothing there decides.
 * With `planAdoption` for an `import` target and `planLeftover`
 * (ownership.ts) for the holder a fresh reservation met, they are every decision a
 * create makes: post again or not, keep a reservation in state or not, judge a holder.
 */
import { NumberReservation } from "./telnyx";

/** At most this many POSTs for one create whose answers are lost. */
export const MAX_POSTS = 5;

/** After a POST whose outcome is unknown, and a look for what it may have made. */
export type AfterLostAnswer =
  | { action: "use"; record: NumberReservation }
  | { action: "post-again" }
  | { action: "fail"; reason: string };

export function afterLostAnswer(found: NumberReservation | undefined, attempt: number, numbers: string[]): AfterLostAnswer {
  if (found) return { action: "use", record: found };
  if (attempt < MAX_POSTS) return { action: "post-again" };
  return {
    action: "fail",
    reason: `No reservation for ${numbers.join(", ")} was found afterwards (${attempt} attempts), so none is held; run \`pulumi up\` again.`,
  };
}

/** What waiting on a reservation found. `origin`: posted now, being adopted, or the resource's own. */
export interface WaitReport {
  origin: "new" | "adopted" | "existing";
  settled: boolean;
  /** Declared numbers that failed or lapsed. */
  failed: number;
  /** Numbers held now. */
  held: number;
}

/**
 * - `done`: the state is the reservation.
 * - `still-pending`: kept in state (the next `up` looks at it again), failing this one.
 * - `judge-holder`: a fresh reservation holds nothing: what holds the numbers decides (`planLeftover`).
 * - `fail`: name every failed number; `keepInState` when the reservation holds some (nothing is lost)
 *   or is the resource's own (the next plan must see it).
 */
export type AfterWait =
  | { action: "done" | "still-pending" | "judge-holder" }
  | { action: "fail"; keepInState: boolean; holdsSome: boolean };

export function afterWait({ origin, settled, failed, held }: WaitReport): AfterWait {
  if (!settled) return { action: "still-pending" };
  if (failed === 0) return { action: "done" };
  if (held === 0 && origin === "new") return { action: "judge-holder" };
  return { action: "fail", holdsSome: held > 0, keepInState: held > 0 || origin === "existing" };
}

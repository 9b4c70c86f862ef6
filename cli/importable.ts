/**
 * Which reservations `import` declares, and with which numbers, at a given time
 * on Telnyx's clock. Adoption accepts a reservation only when the program declares
 * exactly the numbers it holds or is still holding (`heldOrPendingIn`, the
 * provider's own rule), so each record is cut down to those; a reservation left
 * with none (every number failed or lapsed) is skipped. Each skip or cut comes with
 * a note for stderr, so nothing disappears silently.
 */
import { NumberReservation } from "../provider/telnyx";
import { heldOrPendingIn } from "../provider/existing-reservations";
import { ReservationSummary, isFailed, summarize } from "../provider/reservation-state";

export interface ImportSelection {
  /** The reservations to declare, each with only its live or pending numbers. */
  summaries: ReservationSummary[];
  /** One line per reservation skipped or cut down. */
  notes: string[];
}

/** `now`: ms on Telnyx's clock (`client.serverNow()`), since holds lapse on Telnyx's time. */
export function selectImportable(records: readonly NumberReservation[], now: number): ImportSelection {
  const summaries: ReservationSummary[] = [];
  const notes: string[] = [];
  for (const record of records) {
    const live = heldOrPendingIn(record, now);
    const dropped = record.phone_numbers.filter((n) => !live.includes(n.phone_number));
    if (live.length === 0) {
      notes.push(`skipped reservation ${describe(record)}: it holds no live number (${whyNotHeld(dropped)})`);
      continue;
    }
    if (dropped.length > 0) {
      notes.push(
        `reservation ${describe(record)}: declaring only ${live.join(", ")}; ` +
          `not held: ${dropped.map((n) => `${n.phone_number} (${isFailed(n.status) ? n.errors ?? "failed" : "lapsed"})`).join(", ")}`,
      );
    }
    summaries.push(summarize({ ...record, phone_numbers: record.phone_numbers.filter((n) => live.includes(n.phone_number)) }));
  }
  return { summaries, notes };
}

function describe(record: NumberReservation): string {
  const reference = record.customer_reference ? ` ${JSON.stringify(record.customer_reference)}` : "";
  return `${record.id}${reference} (${record.phone_numbers.map((n) => n.phone_number).join(", ")})`;
}

function whyNotHeld(numbers: NumberReservation["phone_numbers"]): string {
  const failed = numbers.filter((n) => isFailed(n.status)).length;
  if (failed === numbers.length) return "every number failed";
  return failed === 0 ? "every hold has lapsed" : "its numbers failed or lapsed";
}

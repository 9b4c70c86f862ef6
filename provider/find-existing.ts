/**
 * Finding reservations that already exist, through `GET /number_reservations`:
 * - the one an unanswered create may have made (so it is never made twice),
 * - the live holder of a number (to adopt it after a crashed run, or to name it
 *   in an "already on hold" error),
 * - the target of an adoption (`import: "<id>"` or `import: "+1…"`).
 */
import { NumberReservation, TelnyxClient } from "./telnyx";
import { ReservationInputs } from "./inputs";
import { sameNumbers } from "./phone-numbers";
import { isFailed, isPending } from "./reservation-state";

/** The record's numbers, E.164. */
export function numbersOf(record: NumberReservation): string[] {
  return record.phone_numbers.map((n) => n.phone_number);
}

/** True when `record` is exactly what `inputs` declares (numbers, and reference when declared). */
export function matchesDeclaration(record: NumberReservation, inputs: ReservationInputs): boolean {
  const reference = record.customer_reference ?? undefined;
  return sameNumbers(numbersOf(record), inputs.phoneNumbers) && reference === inputs.customerReference;
}

/** Numbers of `record` that are held, or being held, at `now` (Telnyx clock). */
export function liveOrPendingNumbers(record: NumberReservation, now: number): string[] {
  return record.phone_numbers
    .filter((n) => isPending(n.status) || (!isFailed(n.status) && (!n.expired_at || Date.parse(n.expired_at) > now)))
    .map((n) => n.phone_number);
}

/** Whether any number of `record` is held (or about to be) at `now`. */
export function holdsAnything(record: NumberReservation, now: number): boolean {
  return liveOrPendingNumbers(record, now).length > 0;
}

/**
 * After a create with an unknown outcome: the reservation it made, if any.
 * Looks for a reservation matching the declaration, created since `sinceMs`
 * (Telnyx clock), that is not a failure.
 */
export async function findLandedCreate(
  client: TelnyxClient,
  inputs: ReservationInputs,
  sinceMs: number,
): Promise<NumberReservation | undefined> {
  const candidates = await client.listAll({
    phoneNumber: inputs.phoneNumbers[0],
    customerReference: inputs.customerReference,
    createdAfter: new Date(sinceMs).toISOString(),
  });
  return candidates
    .filter((r) => matchesDeclaration(r, inputs) && !isFailed(r.status))
    .sort((a, b) => Date.parse(b.created_at ?? "") - Date.parse(a.created_at ?? ""))[0];
}

/** Live reservations holding `phoneNumber`, other than `exceptId`. */
export async function findHolders(
  client: TelnyxClient,
  phoneNumber: string,
  now: number,
  exceptId?: string,
): Promise<NumberReservation[]> {
  const found = await client.listAll({ phoneNumber });
  return found.filter((r) => r.id !== exceptId && holdsAnything(r, now));
}

/**
 * The reservation named by an adoption: by id (one GET) or by a number it
 * holds (one list). Throws a message a user can act on when there is none.
 */
export async function findAdoptionTarget(client: TelnyxClient, adopt: string, now: number): Promise<NumberReservation> {
  if (!adopt.startsWith("+")) {
    try {
      return await client.retrieve(adopt);
    } catch (err) {
      if ((err as { isNotFound?: boolean }).isNotFound) {
        throw new Error(`Cannot adopt reservation ${adopt}: Telnyx has no reservation with that id.`);
      }
      throw err;
    }
  }
  const holders = await findHolders(client, adopt, now);
  if (holders.length === 0) throw new Error(`Cannot adopt ${adopt}: no live reservation at Telnyx holds that number.`);
  if (holders.length > 1) {
    throw new Error(
      `Cannot adopt ${adopt}: ${holders.length} live reservations hold it (${holders.map((r) => r.id).join(", ")}); ` +
        "adopt one of them by id instead.",
    );
  }
  return holders[0];
}

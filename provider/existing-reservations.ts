/**
 * Finding reservations that already exist (`GET /number_reservations?filter[…]`,
 * and `GET …/{id}` for an adoption by id): what a create whose answer was lost made
 * (so it is never made twice), the live holders of a number (to converge after a
 * crashed run, or to name the holder in an error), and an adoption target. "Now"
 * is read after each answer, so it is Telnyx's clock, not the runner's.
 */
import { NumberReservation, TelnyxApiError, TelnyxClient } from "./telnyx";
import { NumberInputs } from "./inputs";
import { sameNumbers } from "./phone-numbers";
import { liveOrPendingNumbers, summarize } from "./reservation-state";

/** The record's numbers, E.164. */
export function numbersOf(record: NumberReservation): string[] {
  return record.phone_numbers.map((n) => n.phone_number);
}

/** Numbers of `record` that are held, or being held, at `now` (Telnyx clock). */
export function heldOrPendingIn(record: NumberReservation, now: number): string[] {
  return liveOrPendingNumbers(summarize(record).numbers, now).map((n) => n.phoneNumber);
}

/** True when `record` is exactly what `inputs` declares (numbers, and reference). */
function matchesDeclaration(record: NumberReservation, inputs: NumberInputs): boolean {
  const reference = record.customer_reference ?? undefined;
  return sameNumbers(numbersOf(record), inputs.phoneNumbers) && reference === inputs.customerReference;
}

/**
 * After a create whose answer was lost: the reservation it made, if any. Any
 * reservation matching the declaration created since `sinceMs` (Telnyx clock)
 * counts, whatever its status: a partly or wholly failed one is still the one
 * the POST made, and posting again would orphan it. The newest wins.
 */
export async function findLandedCreate(
  client: TelnyxClient,
  inputs: NumberInputs,
  sinceMs: number,
): Promise<NumberReservation | undefined> {
  const candidates = await client.listAll({
    phoneNumber: inputs.phoneNumbers[0],
    customerReference: inputs.customerReference,
    createdAfter: new Date(sinceMs).toISOString(),
  });
  return candidates
    .filter((r) => matchesDeclaration(r, inputs))
    .sort((a, b) => Date.parse(b.created_at ?? "") - Date.parse(a.created_at ?? ""))[0];
}

/** Reservations other than `exceptId` that hold `phoneNumber` (or are about to) now. */
export async function findHolders(client: TelnyxClient, phoneNumber: string, exceptId?: string): Promise<NumberReservation[]> {
  const found = await client.listAll({ phoneNumber });
  const now = client.serverNow();
  return found.filter((r) => r.id !== exceptId && heldOrPendingIn(r, now).includes(phoneNumber));
}

/**
 * The reservation an adoption names: by id (one GET) or by a number it holds
 * (one list). `undefined` when Telnyx has none (404, or no live holder).
 */
export async function findAdoptionTarget(client: TelnyxClient, adopt: string): Promise<NumberReservation | undefined> {
  if (!adopt.startsWith("+")) {
    try {
      return await client.retrieve(adopt);
    } catch (err) {
      if (err instanceof TelnyxApiError && err.isNotFound) return undefined;
      throw err;
    }
  }
  const holders = await findHolders(client, adopt);
  if (holders.length > 1) {
    throw new Error(
      `Cannot adopt ${adopt}: ${holders.length} live reservations hold it (${holders.map((r) => r.id).join(", ")}); ` +
        "adopt one of them by id instead.",
    );
  }
  return holders[0];
}

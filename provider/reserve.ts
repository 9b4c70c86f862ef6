/**
 * Making sure a declared reservation exists at Telnyx, without ever making two:
 *
 * 1. Adoption (`adopt` input): find the existing reservation (GET by id, or
 *    list by number), check it holds exactly the declared numbers, use it.
 * 2. Otherwise POST once. If the outcome is unknown (5xx, timeout, dropped
 *    connection), list what landed since just before the POST; only when
 *    nothing did is the POST sent again (at most 5 times in all).
 * 3. Wait while `pending`, until the `pendingTimeout` deadline.
 * 4. Numbers "already on hold" by a live reservation that holds exactly the
 *    declared numbers (left by an interrupted `pulumi up`): converge on that one.
 * 5. Any other failed number: an error naming each number with Telnyx's reason
 *    and its holder, the reservation id, and what is still held until when.
 */
import { NumberReservation, TelnyxApiError, TelnyxClient, sleep } from "./telnyx";
import { DEFAULT_PENDING_TIMEOUT, ReservationInputs, durationMs } from "./inputs";
import { sameNumbers } from "./phone-numbers";
import { ReservationInitError } from "./init-error";
import { findAdoptionTarget, findHolders, findLandedCreate, liveOrPendingNumbers } from "./find-existing";
import { waitUntilSettled } from "./settle";
import { notify } from "./notices";
import {
  ReservationOutputs,
  declaredFailures,
  describeHolds,
  heldNumbers,
  toOutputs,
} from "./reservation-state";

const MAX_CREATE_ATTEMPTS = 5;
/** How far before a POST to look for what it may have created (clock slack). */
const LANDED_LOOKBACK_MS = 60_000;
/** At most this many failed numbers get a holder lookup for the error message. */
const MAX_HOLDER_LOOKUPS = 5;

export async function reserve(client: TelnyxClient, inputs: ReservationInputs): Promise<ReservationOutputs> {
  if (inputs.adopt) return adopt(client, inputs);
  const posted = await postOnce(client, inputs);
  return settle(client, inputs, posted);
}

/** Wait for `record` to settle and turn it into state, or into an error that says everything. */
export async function settle(
  client: TelnyxClient,
  inputs: ReservationInputs,
  record: NumberReservation,
): Promise<ReservationOutputs> {
  const timeout = inputs.pendingTimeout ?? DEFAULT_PENDING_TIMEOUT;
  const { record: settled, settled: done } = await waitUntilSettled(client, record, durationMs(timeout, DEFAULT_PENDING_TIMEOUT));
  const outputs = toOutputs(inputs, settled);
  if (!done) {
    throw new ReservationInitError(
      `Reservation ${settled.id} is still pending after ${timeout}. It is kept in state; ` +
        "the next `pulumi up` waits for it again (raise pendingTimeout to wait longer).",
      outputs,
    );
  }
  if (declaredFailures(outputs).length === 0) return outputs;

  const converged = await convergeOnExistingHolder(client, inputs, settled);
  if (converged) return converged;
  throw await failureError(client, settled, outputs);
}

async function adopt(client: TelnyxClient, inputs: ReservationInputs): Promise<ReservationOutputs> {
  const target = await findAdoptionTarget(client, inputs.adopt!, client.serverNow());
  const holding = liveOrPendingNumbers(target, client.serverNow());
  if (!sameNumbers(holding, inputs.phoneNumbers)) {
    throw new Error(
      `Cannot adopt reservation ${target.id}: it holds ${holding.length ? holding.join(", ") : "no live number"}, ` +
        `but phoneNumbers declares ${inputs.phoneNumbers.join(", ")}. Declare exactly the held numbers to adopt it.`,
    );
  }
  if (inputs.customerReference !== undefined && inputs.customerReference !== (target.customer_reference ?? undefined)) {
    throw new Error(
      `Cannot adopt reservation ${target.id}: its customer reference is ${JSON.stringify(target.customer_reference ?? null)}, ` +
        `but customerReference declares ${JSON.stringify(inputs.customerReference)}.`,
    );
  }
  return settle(client, inputs, target);
}

/** POST the reservation; on an unknown outcome, use what landed or try again. */
async function postOnce(client: TelnyxClient, inputs: ReservationInputs): Promise<NumberReservation> {
  const body = {
    phone_numbers: inputs.phoneNumbers.map((phone_number) => ({ phone_number })),
    ...(inputs.customerReference !== undefined ? { customer_reference: inputs.customerReference } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const since = client.serverNow() - LANDED_LOOKBACK_MS;
    try {
      return await client.create(body);
    } catch (err) {
      if (!(err as TelnyxApiError).outcomeUnknown) throw err;
      await sleep(500 * attempt); // give Telnyx a moment to make a landed create visible to list
      const landed = await findLandedCreate(client, inputs, since);
      if (landed) return landed;
      if (attempt >= MAX_CREATE_ATTEMPTS) {
        throw new Error(
          `${(err as Error).message}. No reservation for ${inputs.phoneNumbers.join(", ")} was found afterwards ` +
            `(${attempt} attempts), so none is held; run \`pulumi up\` again.`,
        );
      }
    }
  }
}

/**
 * When every declared number failed because another live reservation already
 * holds exactly these numbers under the same customer reference (an earlier,
 * interrupted `pulumi up` made it), that reservation is the one declared.
 */
async function convergeOnExistingHolder(
  client: TelnyxClient,
  inputs: ReservationInputs,
  record: NumberReservation,
): Promise<ReservationOutputs | undefined> {
  if (heldNumbers(toOutputs(inputs, record).numbers).length > 0) return undefined;
  const holders = await findHolders(client, inputs.phoneNumbers[0], client.serverNow(), record.id);
  const match = holders.find(
    (h) =>
      sameNumbers(liveOrPendingNumbers(h, client.serverNow()), inputs.phoneNumbers) &&
      (h.customer_reference ?? undefined) === inputs.customerReference,
  );
  if (!match) return undefined;
  await notify(
    "info",
    `Reservation ${match.id} already holds ${inputs.phoneNumbers.join(", ")} (left by an interrupted run); using it.`,
  );
  return settle(client, inputs, match);
}

async function failureError(
  client: TelnyxClient,
  record: NumberReservation,
  outputs: ReservationOutputs,
): Promise<Error> {
  const failed = declaredFailures(outputs);
  const reasons: string[] = [];
  for (const [index, number] of failed.entries()) {
    let holder = "";
    if (index < MAX_HOLDER_LOOKUPS && /hold/i.test(number.errors ?? "")) {
      const [other] = await findHolders(client, number.phoneNumber, client.serverNow(), record.id);
      if (other) holder = ` by reservation ${other.id}${describeReference(other)}${expiryOf(other, number.phoneNumber)}`;
    }
    reasons.push(`${number.phoneNumber} (${number.errors ?? number.status}${holder})`);
  }
  const held = heldNumbers(outputs.numbers);
  const head =
    `Reservation ${record.id}: ${failed.length} of ${outputs.numbers.length} numbers could not be held: ` +
    `${reasons.join("; ")}.`;
  if (held.length === 0) return new Error(`${head} Nothing is held.`);
  return new ReservationInitError(
    `${head} Still held: ${describeHolds(held)}. The reservation is kept in state so nothing is lost; ` +
      "remove the failed numbers from phoneNumbers (the held ones are kept) and run `pulumi up` again.",
    outputs,
  );
}

function describeReference(record: NumberReservation): string {
  return record.customer_reference ? ` (customer reference "${record.customer_reference}")` : "";
}

function expiryOf(record: NumberReservation, phoneNumber: string): string {
  const at = record.phone_numbers.find((n) => n.phone_number === phoneNumber)?.expired_at;
  return at ? ` until ${at}` : "";
}

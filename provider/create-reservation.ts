/**
 * The create path, top to bottom, carrying out what the pure rules decide:
 * adopt the `import` target as `planAdoption` answers, or POST without ever
 * making two (`postWithoutDuplicates`, `afterLostAnswer`); then `outcome`: wait
 * while pending and report what was found to `afterWait`, which answers state,
 * an error naming each failed number (its reason and its holder), or a look at
 * the holder of a fresh reservation that holds nothing, which `planLeftover`
 * adopts only when an interrupted run of this resource left it (one owner per
 * reservation). Calls: `POST /number_reservations`, `GET …/{id}` while pending,
 * `GET /number_reservations?filter[…]` for what a lost answer made and who holds a number.
 */
import { NumberReservation, TelnyxApiError, TelnyxClient, sleep } from "./telnyx";
import { DEFAULT_PENDING_TIMEOUT, NumberInputs, ReservationInputs, durationMs } from "./inputs";
import { holdBySearch } from "./search-and-hold";
import { planSearchAdoption } from "./search-hold";
import { ReservationInitError } from "./init-error";
import { findAdoptionTarget, findHolders, findLandedCreate } from "./existing-reservations";
import { waitWhilePending } from "./wait-while-pending";
import { planAdoption, planLeftover } from "./ownership";
import { afterLostAnswer, afterWait } from "./create-steps";
import { notify } from "./notices";
import { ReservationOutputs, declaredFailures, describeHolds, liveNumbers, toOutputs } from "./reservation-state";

/** How far before a POST to look for what it may have made (Telnyx's list may lag its clock a little). */
const LANDED_LOOKBACK_MS = 60_000;
/** At most this many failed numbers get a holder lookup for the error message. */
const MAX_HOLDER_LOOKUPS = 5;

/**
 * `runStart`: when this `pulumi` run started, on the local clock (a holder's creation is judged against it).
 * A `search` resource searches and holds (search-and-hold.ts); `rehold`: the numbers it held before a
 * lapse, tried again first.
 */
export async function createReservation(
  client: TelnyxClient,
  inputs: ReservationInputs,
  runStart: number,
  rehold?: string[],
): Promise<ReservationOutputs> {
  const { search } = inputs;
  if (search) {
    if (inputs.adopt) {
      // Adopting: the target's numbers stand in for a search, then the declared-numbers path adopts it.
      const decision = planSearchAdoption(search, inputs.adopt, await findAdoptionTarget(client, inputs.adopt), client.serverNow());
      if (decision.action === "refuse") throw new Error(decision.reason);
      if (decision.action === "adopt") return postNumbers(client, { ...inputs, phoneNumbers: decision.numbers }, runStart);
      await notify("warning", `${decision.reason}.`);
      inputs = { ...inputs, adopt: undefined };
    }
    let runStartedAt = client.serverNow();
    return holdBySearch(
      client,
      { ...inputs, search },
      {
        post: async (numbers) => {
          const posted = await postWithoutDuplicates(client, numbers);
          runStartedAt = runStartOnTelnyxClock(client, posted, runStart);
          return posted.record;
        },
        judge: (numbers, record) => outcome(client, numbers, record, { kind: "new", runStartedAt }),
      },
      rehold,
    );
  }
  return postNumbers(client, { ...inputs, phoneNumbers: inputs.phoneNumbers ?? [] }, runStart);
}

/** Adopt the `import` target, or post the declared numbers; then wait and judge (`outcome`). */
async function postNumbers(client: TelnyxClient, inputs: NumberInputs, runStart: number): Promise<ReservationOutputs> {
  if (inputs.adopt) {
    const target = await findAdoptionTarget(client, inputs.adopt);
    const decision = planAdoption(inputs, target, client.serverNow());
    if (decision.action === "refuse") throw new Error(decision.reason);
    if (decision.action === "adopt") return outcome(client, inputs, decision.target, { kind: "adopted" });
    await notify("warning", `${decision.reason}.`);
  }
  const posted = await postWithoutDuplicates(client, inputs);
  return outcome(client, inputs, posted.record, { kind: "new", runStartedAt: runStartOnTelnyxClock(client, posted, runStart) });
}

/**
 * The run's start on Telnyx's clock, from the record's own creation time (to the millisecond, unlike
 * the `Date` header's whole seconds). Telnyx made it at the latest when its answer was in hand, so
 * counting back from then errs early: a slow or retried POST makes the run seem to start before it
 * did, never after, and a holder made during the run is never taken for an earlier run's.
 */
function runStartOnTelnyxClock(client: TelnyxClient, { record, seenAt }: { record: NumberReservation; seenAt: number }, runStart: number): number {
  const created = Date.parse(record.created_at ?? "");
  return Number.isFinite(created) ? created - (seenAt - runStart) : client.serverNow() - (Date.now() - runStart);
}

/**
 * Where `outcome`'s record comes from: a reservation just posted (`new`: it may
 * converge on the holder an interrupted run of this resource left, judged against
 * the run's start), one being adopted, or the resource's own (`existing`: an update
 * never changes which reservation a resource is, and its state is always kept so
 * the next plan sees it).
 */
export type Origin = { kind: "new"; runStartedAt: number } | { kind: "adopted" } | { kind: "existing" };

/**
 * Wait for `record` to settle and turn it into state, or into an error that
 * says everything. A reservation that holds something is kept in state through
 * a `ReservationInitError`, so nothing is lost.
 */
export async function outcome(
  client: TelnyxClient,
  inputs: NumberInputs,
  record: NumberReservation,
  origin: Origin,
): Promise<ReservationOutputs> {
  const timeout = inputs.pendingTimeout ?? DEFAULT_PENDING_TIMEOUT;
  const waited = await waitWhilePending(client, record, durationMs(timeout, DEFAULT_PENDING_TIMEOUT));
  const outputs = toOutputs(inputs, waited.record);
  const held = liveNumbers(outputs.numbers, client.serverNow());
  const next = afterWait({ origin: origin.kind, settled: waited.settled, failed: declaredFailures(outputs).length, held: held.length });
  switch (next.action) {
    case "done":
      return outputs;
    case "still-pending":
      throw new ReservationInitError(
        `Reservation ${waited.record.id} is still pending after ${timeout}. It is kept in state; ` +
          "the next `pulumi up` looks at it again (raise pendingTimeout to wait longer).",
        outputs,
      );
    case "judge-holder":
      return judgeHolder(client, inputs, waited.record, outputs, origin);
    case "fail":
      throw await failureError(client, waited.record, outputs, next);
    default:
      return unreachable(next);
  }
}

/** A fresh reservation holds nothing: adopt the holder if an interrupted run of this resource left it, else fail naming it. */
async function judgeHolder(
  client: TelnyxClient,
  inputs: NumberInputs,
  record: NumberReservation,
  outputs: ReservationOutputs,
  origin: Origin,
): Promise<ReservationOutputs> {
  const [holder] = await findHolders(client, inputs.phoneNumbers[0], record.id);
  const runStartedAt = origin.kind === "new" ? origin.runStartedAt : client.serverNow();
  const decision = planLeftover({ declared: inputs, holder, runStartedAt, now: client.serverNow() });
  switch (decision.action) {
    case "adopt":
      await notify("info", decision.reason);
      return outcome(client, inputs, decision.holder, { kind: "adopted" });
    case "refuse":
      throw new Error(`Reservation ${record.id} holds nothing: ${decision.reason}`);
    case "fail":
      throw await failureError(client, record, outputs, { holdsSome: false, keepInState: false });
    default:
      return unreachable(decision);
  }
}

/**
 * POST; when the outcome is unknown, use what landed, else post again (at most `MAX_POSTS` in all).
 * `seenAt`: when the record was in hand (local clock); Telnyx had made it by then.
 */
async function postWithoutDuplicates(client: TelnyxClient, inputs: NumberInputs): Promise<{ record: NumberReservation; seenAt: number }> {
  const body = {
    phone_numbers: inputs.phoneNumbers.map((phone_number) => ({ phone_number })),
    ...(inputs.customerReference !== undefined ? { customer_reference: inputs.customerReference } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const postedAt = Date.now();
    try {
      const record = await client.create(body);
      return { record, seenAt: Date.now() };
    } catch (err) {
      if (!(err as TelnyxApiError).outcomeUnknown) throw err;
      await sleep(500 * attempt); // give Telnyx a moment to make a landed create visible to list
      // "Since the POST" on Telnyx's clock: its now, less the local time that has passed since.
      const since = (await client.syncedServerNow()) - (Date.now() - postedAt) - LANDED_LOOKBACK_MS;
      const next = afterLostAnswer(await findLandedCreate(client, inputs, since), attempt, inputs.phoneNumbers);
      switch (next.action) {
        case "use":
          return { record: next.record, seenAt: Date.now() };
        case "post-again":
          break;
        case "fail":
          throw new Error(`${(err as Error).message}. ${next.reason}`);
        default:
          return unreachable(next);
      }
    }
  }
}

async function failureError(
  client: TelnyxClient,
  record: NumberReservation,
  outputs: ReservationOutputs,
  { holdsSome, keepInState }: { holdsSome: boolean; keepInState: boolean },
): Promise<Error> {
  const failed = declaredFailures(outputs);
  const reasons: string[] = [];
  for (const [index, number] of failed.entries()) {
    let holder = "";
    if (index < MAX_HOLDER_LOOKUPS && /hold/i.test(number.errors ?? "")) {
      const [other] = await findHolders(client, number.phoneNumber, record.id);
      if (other) holder = ` by reservation ${other.id}${describeReference(other)}${expiryOf(other, number.phoneNumber)}`;
    }
    reasons.push(`${number.phoneNumber} (${number.errors ?? number.status}${holder})`);
  }
  const head =
    `Reservation ${record.id}: ${failed.length} of ${outputs.numbers.length} numbers could not be held: ` +
    `${reasons.join("; ")}.`;
  if (!holdsSome) {
    if (!keepInState) return new Error(`${head} Nothing is held; run \`pulumi up\` again once the numbers are free.`);
    return new ReservationInitError(`${head} Nothing is held; the next \`pulumi up\` makes a fresh reservation.`, outputs);
  }
  return new ReservationInitError(
    `${head} Still held: ${describeHolds(liveNumbers(outputs.numbers, client.serverNow()))}. ` +
      "The reservation is kept in state so nothing is lost; remove the failed numbers from phoneNumbers " +
      "(the held ones are kept), or declare them in a NumberReservation of their own.",
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

function unreachable(value: never): never {
  throw new Error(`unexpected decision ${JSON.stringify(value)}`);
}

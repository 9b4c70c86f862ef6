/**
 * One owner per reservation (pure): `planAdoption`, whether an `import` target can
 * be adopted; `planLeftover`, what a fresh create that holds nothing, because
 * another reservation holds the declared numbers, does about that holder. Telnyx's
 * data is the evidence: an interrupted run of this very resource leaves a
 * never-extended reservation of exactly these numbers and customer reference, made
 * shortly before this run started (it may still be pending: the run may have been
 * killed while it waited, moments ago). Anything else is another stack's or run's, and
 * is only adopted when the user asks (`import`). docs/resource.md says what this
 * cannot tell apart.
 */
import { NumberReservation } from "./telnyx";
import { NumberInputs } from "./inputs";
import { sameNumbers } from "./phone-numbers";
import { liveOrPendingNumbers, summarize } from "./reservation-state";
/**
 * What an adoption target offers: the reservation to adopt, a fresh reservation
 * when it holds nothing (it lapsed, failed, or vanished: adopting it could never
 * hold the numbers), or a refusal when it holds other numbers than declared.
 */
export type AdoptionDecision =
  | { action: "adopt"; target: NumberReservation; reason: string }
  | { action: "create" | "refuse"; reason: string };

export function planAdoption(
  declared: NumberInputs,
  record: NumberReservation | undefined,
  now: number,
): AdoptionDecision {
  if (!record) {
    return {
      action: "create",
      reason: `Telnyx has no live reservation for the adopted ${declared.adopt}; reserving ${declared.phoneNumbers.join(", ")} anew`,
    };
  }
  const holding = liveOrPendingNumbers(summarize(record).numbers, now).map((n) => n.phoneNumber);
  if (holding.length === 0) {
    return { action: "create", reason: `the adopted reservation ${record.id} holds no live number (its holds lapsed or failed); reserving the numbers anew` };
  }
  if (!sameNumbers(holding, declared.phoneNumbers)) {
    return {
      action: "refuse",
      reason:
        `Cannot adopt reservation ${record.id}: it holds ${holding.join(", ")}, but phoneNumbers declares ` +
        `${declared.phoneNumbers.join(", ")}. Declare exactly the held numbers to adopt it.`,
    };
  }
  if (declared.customerReference !== undefined && declared.customerReference !== (record.customer_reference ?? undefined)) {
    return {
      action: "refuse",
      reason:
        `Cannot adopt reservation ${record.id}: its customer reference is ${JSON.stringify(record.customer_reference ?? null)}, ` +
        `but customerReference declares ${JSON.stringify(declared.customerReference)}.`,
    };
  }
  return { action: "adopt", target: record, reason: `adopting reservation ${record.id}` };
}

/**
 * Telnyx's first hold lasts about 30 minutes; an extend moves it to 30 minutes after the
 * extend. A reservation whose latest expiry is further than this from its creation was extended.
 */
export const FIRST_HOLD_MS = 31 * 60_000;

/**
 * How long before this run started an interrupted run's reservation may have been made
 * for it to be adopted without being asked: a CI retry of a killed job. Telnyx's data cannot
 * tell that apart from another stack's reservation of the same numbers and customer reference
 * made at the same time, so the window is short, and beyond it the user adopts with `import`.
 */
export const INTERRUPTED_RUN_WINDOW_MS = 2 * 60_000;

export interface LeftoverRequest {
  declared: NumberInputs;
  /** A live reservation, not the one just posted, holding the first declared number. */
  holder: NumberReservation | undefined;
  /** When this `pulumi` run started, on Telnyx's clock (ms). */
  runStartedAt: number;
  /** Now, on Telnyx's clock (ms). */
  now: number;
}

/**
 * What a fresh reservation that holds nothing, because another holds the declared
 * numbers, does about that holder:
 * - `adopt`: the evidence says an interrupted run of this very resource left it;
 * - `refuse`: it holds exactly these numbers under this reference, but it is not ours;
 * - `fail`: it is something else (other numbers, another reference): name it among the failures.
 */
export type LeftoverDecision =
  | { action: "adopt"; holder: NumberReservation; reason: string }
  | { action: "refuse"; holder: NumberReservation; reason: string }
  | { action: "fail" };

/** Why a holder matching the declaration is not an interrupted run's, in order; `undefined`: it is. */
const NOT_LEFT_BY_US: Array<(r: LeftoverRequest & { holder: NumberReservation }, created: number) => string | undefined> = [
  ({ runStartedAt }, created) =>
    created >= runStartedAt ? "it was created after this `pulumi` run started: another stack or run made it" : undefined,
  ({ holder }, created) => (lastExpiryMs(holder) - created > FIRST_HOLD_MS ? "it has been extended: another stack keeps it alive" : undefined),
  ({ runStartedAt }, created) =>
    runStartedAt - created > INTERRUPTED_RUN_WINDOW_MS
      ? `it was created ${Math.round((runStartedAt - created) / 60_000)} minutes before this run started: too long before it to be an interrupted create of this resource`
      : undefined,
];

export function planLeftover(request: LeftoverRequest): LeftoverDecision {
  const { declared, holder, now } = request;
  if (!holder) return { action: "fail" };
  const holding = liveOrPendingNumbers(summarize(holder).numbers, now).map((n) => n.phoneNumber);
  const sameReference = (holder.customer_reference ?? undefined) === declared.customerReference;
  if (!sameReference || !sameNumbers(holding, declared.phoneNumbers)) return { action: "fail" };
  const created = Date.parse(holder.created_at ?? "");
  const why = Number.isFinite(created) ? NOT_LEFT_BY_US.map((rule) => rule({ ...request, holder }, created)).find(Boolean) : "Telnyx gives no creation time";
  if (!why) {
    return { action: "adopt", holder, reason: `Reservation ${holder.id} already holds ${declared.phoneNumbers.join(", ")} (left by an interrupted run); using it.` };
  }
  return { action: "refuse", holder, reason: ownedElsewhere(holder, declared, why) };
}

function ownedElsewhere(holder: NumberReservation, declared: NumberInputs, why: string): string {
  const numbers = declared.phoneNumbers.join(", ");
  const reference = holder.customer_reference ? `customer reference "${holder.customer_reference}"` : "no customer reference";
  const until = new Date(lastExpiryMs(holder)).toISOString();
  return (
    `${numbers} ${declared.phoneNumbers.length > 1 ? "are" : "is"} held by reservation ${holder.id} (${reference}, ` +
    `created ${holder.created_at}, held until ${until}), which this resource does not own: ${why}. ` +
    "A reservation is taken over without being asked only when the evidence says an interrupted run of this resource left it. " +
    `If it is this resource's, adopt it deliberately with the \`import\` resource option ({ import: "${holder.id}" }, ` +
    "or `pulumi import` with the native plugin) and run `pulumi up` again; otherwise declare other numbers, " +
    `or wait until ${until}, when its holds lapse unless its owner extends them.`
  );
}

function lastExpiryMs(record: NumberReservation): number {
  return Math.max(0, ...record.phone_numbers.map((n) => Date.parse(n.expired_at ?? "")).filter(Number.isFinite));
}

/**
 * `plan`: the one decision for every verb, pure: (state, declared inputs, Telnyx's
 * view if read, now) → action and reason; `planAdoption` for an `import` target.
 * Its table is docs/how-it-works.md#the-plan; plan.test.ts checks every cell.
 * Why `refuse` exists: Telnyx can neither add numbers to nor release numbers from a
 * reservation, and a live hold blocks every other, so a replacement needing a
 * number the current reservation holds is certain to fail.
 */
import { NumberReservation } from "./telnyx";
import { ReservationInputs, durationMs } from "./inputs";
import { sameNumbers } from "./phone-numbers";
import {
  ReservationOutputs,
  ReservedNumber,
  isFailed,
  isPending,
  liveNumbers,
  liveOrPendingNumbers,
  summarize,
} from "./reservation-state";

/** What Telnyx holds for the reservation, when the caller has read it. */
export type TelnyxView = { record: NumberReservation } | { vanished: true };

/** The reservation's condition, judged on its declared numbers at `now`. */
export type Condition = "none" | "pending" | "success" | "partial" | "failure" | "lapsed" | "vanished";

/**
 * What to do:
 * - `create`: no reservation yet: adopt the `adopt` target, or post a new one.
 * - `nothing`: state and declaration agree.
 * - `record`: no API call; store the new inputs (or the view just read).
 * - `settle`: the reservation is still pending: wait for it (update).
 * - `extend`: POST …/actions/extend (update).
 * - `narrow`: keep the reservation, declare fewer numbers (update, no call).
 * - `replace`: a new reservation (the old one lapses on its own).
 * - `refuse`: certain to fail; fail in preview with `reason`, which says what to do.
 */
export type ActionKind = "create" | "nothing" | "record" | "settle" | "extend" | "narrow" | "replace" | "refuse";

export interface Plan {
  action: ActionKind;
  /** The condition the action was decided on. */
  condition: Condition;
  /** Why, in words a user can act on. */
  reason: string;
  /** For `replace`: the properties that force it (shown by the engine). */
  replaces?: string[];
  /** For `settle` and `narrow`: extend as well, once the rest is done. */
  extend?: boolean;
  /** For `narrow`: numbers no longer declared that the reservation still holds. */
  stillHeld?: ReservedNumber[];
}

export interface PlanRequest {
  /** The resource's state, absent for a new resource. */
  state?: ReservationOutputs;
  /** The inputs after `check`. */
  declared: ReservationInputs;
  /** Telnyx's view of `state.reservationId`, if the caller read it. */
  telnyx?: TelnyxView;
  /** Now, on Telnyx's clock (ms). */
  now: number;
}

const INPUTS_WITHOUT_CALL = ["keepAliveWindow", "pendingTimeout"] as const;

export function plan({ state, declared, telnyx, now }: PlanRequest): Plan {
  if (!state?.reservationId) return { action: "create", condition: "none", reason: "no reservation yet" };

  // Every number of the reservation, and those of them still declared: after a narrowing, the
  // reservation keeps holding numbers the state no longer declares, and no new reservation can hold them.
  const all = allNumbers(state, telnyx);
  const numbers = declaredNumbers(state, all);
  const condition = classify(state, numbers, telnyx, now);
  const old = state.phoneNumbers ?? numbers.map((n) => n.phoneNumber);
  const live = liveOrPendingNumbers(all, now).map((n) => n.phoneNumber);
  const numbersChanged = !sameNumbers(old, declared.phoneNumbers);
  const referenceChanged = (state.customerReference ?? undefined) !== (declared.customerReference ?? undefined);
  const triggerChanged = (state.extendTrigger ?? undefined) !== (declared.extendTrigger ?? undefined);
  const windowReached = inKeepAliveWindow(numbers, declared, now);
  const extend = triggerChanged || windowReached;
  const replaces = [...(numbersChanged ? ["phoneNumbers"] : []), ...(referenceChanged ? ["customerReference"] : [])];
  const id = state.reservationId;

  // Holds nothing any more: whatever changed, only a fresh reservation can hold the numbers.
  if (condition === "failure" || condition === "lapsed" || condition === "vanished") {
    return {
      action: "replace",
      condition,
      replaces: replaces.length ? replaces : [condition === "lapsed" ? "expiresAt" : "status"],
      reason: `reservation ${id} ${HOLDS_NOTHING[condition]}: a new reservation is made for ${declared.phoneNumbers.join(", ")}`,
    };
  }

  // Fewer numbers, all of them in this reservation: keep it (Telnyx cannot release the others anyway).
  const kept = condition === "pending" ? liveOrPendingNumbers(all, now) : liveNumbers(all, now);
  const narrowed =
    numbersChanged && !referenceChanged && declared.phoneNumbers.every((n) => kept.some((h) => h.phoneNumber === n));
  if (narrowed && condition === "pending") {
    return { action: "settle", condition, extend, reason: `reservation ${id} is still pending: waiting for it, then keeping the declared numbers` };
  }
  if (narrowed) {
    const stillHeld = kept.filter((n) => !declared.phoneNumbers.includes(n.phoneNumber));
    return {
      action: "narrow",
      condition,
      extend,
      stillHeld,
      reason: `phoneNumbers narrowed to numbers reservation ${id} holds: it is kept`,
    };
  }

  if (replaces.length) {
    const blocked = declared.phoneNumbers.filter((n) => live.includes(n));
    if (blocked.length === 0) {
      return { action: "replace", condition, replaces, reason: `${replaces.join(" and ")} changed: a new reservation is made` };
    }
    return { action: "refuse", condition, reason: refusal(state, declared, all, blocked, referenceChanged, now) };
  }

  if (condition === "pending") {
    return { action: "settle", condition, extend, reason: `reservation ${id} is still pending: waiting for it` };
  }
  if (condition === "partial") {
    const failed = numbers.filter((n) => !liveNumbers(numbers, now).includes(n));
    if (extend) {
      return {
        action: "extend",
        condition,
        reason: `reservation ${id} holds only some declared numbers; extending what it holds (${failed.map((n) => n.phoneNumber).join(", ")} not held)`,
      };
    }
    return { action: "refuse", condition, reason: partialRefusal(id, numbers, failed, now) };
  }
  if (extend) {
    return {
      action: "extend",
      condition,
      reason: triggerChanged ? "extendTrigger changed" : `a hold lapses within keepAliveWindow (${declared.keepAliveWindow})`,
    };
  }
  const viewChanged = telnyx && "record" in telnyx && !sameState(state, numbers);
  const inputsChanged = INPUTS_WITHOUT_CALL.some((k) => (state[k] ?? undefined) !== (declared[k] ?? undefined));
  if (viewChanged || inputsChanged) {
    return { action: "record", condition, reason: viewChanged ? `reservation ${id} settled` : "inputs changed (no API call)" };
  }
  return { action: "nothing", condition, reason: "state and declaration agree" };
}

/**
 * How far the runner's clock may be from Telnyx's for a decision taken on it
 * alone. NTP keeps CI runners within a second; five minutes is ample.
 */
export const LOCAL_CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * The plan on the local clock, when it is the same anywhere within
 * ±`LOCAL_CLOCK_MARGIN_MS` of it: no hold lapses and no keep-alive window
 * opens that close to now, so asking Telnyx's clock could not change it and a
 * no-op `up` makes no call. `undefined` when a deadline is that close: then
 * the caller asks Telnyx's clock and plans on it.
 */
export function planFarFromDeadlines(request: Omit<PlanRequest, "now">, localNow: number): Plan | undefined {
  const [early, now, late] = [-LOCAL_CLOCK_MARGIN_MS, 0, LOCAL_CLOCK_MARGIN_MS].map((d) => plan({ ...request, now: localNow + d }));
  const key = (p: Plan) => [p.action, p.condition, p.extend ?? false, (p.replaces ?? []).join()].join("|");
  return key(early) === key(now) && key(now) === key(late) ? now : undefined;
}

/**
 * What an adoption target offers: the reservation to adopt, a fresh reservation
 * when it holds nothing (it lapsed, failed, or vanished: adopting it could never
 * hold the numbers), or a refusal when it holds other numbers than declared.
 */
export function planAdoption(
  declared: ReservationInputs,
  record: NumberReservation | undefined,
  now: number,
): { action: "adopt" | "create" | "refuse"; reason: string } {
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
  return { action: "adopt", reason: `adopting reservation ${record.id}` };
}

/** The condition of a reservation, judged on the numbers it was declared with. */
export function classify(state: ReservationOutputs, numbers: ReservedNumber[], telnyx: TelnyxView | undefined, now: number): Condition {
  if ((telnyx && "vanished" in telnyx) || state.status === VANISHED) return "vanished";
  if (numbers.some((n) => isPending(n.status)) || (numbers.length === 0 && isPending(state.status))) return "pending";
  const succeeded = numbers.filter((n) => !isFailed(n.status));
  if (succeeded.length === 0) return "failure";
  const live = liveNumbers(numbers, now);
  if (live.length === 0) return "lapsed";
  return live.length === numbers.length ? "success" : "partial";
}

/** The status the provider records when Telnyx answered 404 to an extend. */
export const VANISHED = "vanished";

const HOLDS_NOTHING: Record<"failure" | "lapsed" | "vanished", string> = {
  failure: "holds nothing (every number failed)",
  lapsed: "holds nothing (every hold lapsed)",
  vanished: "no longer exists at Telnyx",
};

/** Every number of the reservation, declared or not: from Telnyx's view when read, else from state. */
function allNumbers(state: ReservationOutputs, telnyx?: TelnyxView): ReservedNumber[] {
  return telnyx && "record" in telnyx ? summarize(telnyx.record).numbers : state.numbers ?? [];
}

/** The numbers state declares (an adopted reservation may carry numbers that failed long ago and were never declared). */
function declaredNumbers(state: ReservationOutputs, all: ReservedNumber[]): ReservedNumber[] {
  const declared = state.phoneNumbers;
  return declared ? all.filter((n) => declared.includes(n.phoneNumber)) : all;
}

function inKeepAliveWindow(numbers: ReservedNumber[], declared: ReservationInputs, now: number): boolean {
  if (!declared.keepAliveWindow) return false;
  const window = durationMs(declared.keepAliveWindow, declared.keepAliveWindow);
  return liveNumbers(numbers, now).some((n) => n.expiresAt && Date.parse(n.expiresAt) - now <= window);
}

function sameState(state: ReservationOutputs, numbers: ReservedNumber[]): boolean {
  const before = (state.numbers ?? []).filter((n) => numbers.some((m) => m.phoneNumber === n.phoneNumber));
  return JSON.stringify(before) === JSON.stringify(numbers);
}

/** Latest expiry among `numbers` (when all of them are free again). */
function lastExpiry(numbers: ReservedNumber[]): string | undefined {
  return numbers
    .map((n) => n.expiresAt)
    .filter((t): t is string => !!t)
    .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

function refusal(
  state: ReservationOutputs,
  declared: ReservationInputs,
  numbers: ReservedNumber[],
  blocked: string[],
  referenceChanged: boolean,
  now: number,
): string {
  const id = state.reservationId;
  const holds = liveOrPendingNumbers(numbers, now).filter((n) => blocked.includes(n.phoneNumber));
  const until = lastExpiry(holds);
  const added = declared.phoneNumbers.filter((n) => !(state.phoneNumbers ?? []).includes(n));
  // A number this reservation still holds (narrowed away earlier) cannot go to a reservation of its own either.
  const movable = added.filter((n) => !blocked.includes(n));
  const what = referenceChanged
    ? `customerReference cannot change from ${JSON.stringify(state.customerReference ?? null)} to ${JSON.stringify(declared.customerReference ?? null)}`
    : `${added.join(", ")} cannot be added`;
  const options = [
    movable.length && !referenceChanged ? `declare ${movable.join(", ")} in a NumberReservation of its own` : "",
    referenceChanged ? `keep customerReference ${JSON.stringify(state.customerReference ?? null)}` : "",
    until ? `wait until ${until}, when those holds lapse (without keep-alive), and run \`pulumi up\` again` : "",
  ].filter(Boolean);
  return (
    `${what}: Telnyx has no call to change a reservation, and a new one cannot hold ${blocked.join(", ")} ` +
    `while reservation ${id} holds ${blocked.length > 1 ? "them" : "it"}${until ? ` (until ${until})` : ""}. ` +
    `Either ${options.join(", or ")}.`
  );
}

function partialRefusal(id: string, numbers: ReservedNumber[], failed: ReservedNumber[], now: number): string {
  const held = liveNumbers(numbers, now);
  const reasons = failed.map((n) => `${n.phoneNumber} (${n.errors ?? (isFailed(n.status) ? n.status : "lapsed")})`).join("; ");
  const until = lastExpiry(held);
  return (
    `Reservation ${id} holds ${held.map((n) => n.phoneNumber).join(", ")} but not ${reasons}. ` +
    `Telnyx cannot add numbers to it. Either remove ${failed.map((n) => n.phoneNumber).join(", ")} from phoneNumbers ` +
    `(the held numbers are kept), or declare ${failed.length > 1 ? "them" : "it"} in a NumberReservation of its own, ` +
    `or wait until ${until ?? "its holds lapse"} (without keep-alive), when the next \`pulumi up\` reserves every number anew.`
  );
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
  declared: ReservationInputs;
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
  ({ holder }) => (isPending(holder.status) || holder.phone_numbers.some((n) => isPending(n.status)) ? "it is still pending: another run is making it now" : undefined),
  ({ runStartedAt }, created) => (created >= runStartedAt ? "it was created after this `pulumi` run started: another stack or run made it" : undefined),
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

function ownedElsewhere(holder: NumberReservation, declared: ReservationInputs, why: string): string {
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

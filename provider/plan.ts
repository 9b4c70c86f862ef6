/**
 * `plan`: the one decision for every verb, pure: (state, declared inputs, Telnyx's
 * view if read, now) → one variant per action, each with exactly the fields its
 * executor needs, and the time the decision would next change. It finds the
 * reservation's condition and the program's change, and takes the action from
 * `PLAN_TABLE` (plan-table.ts, docs/how-it-works.md#the-plan). Whose a reservation is
 * (an `import` target, a fresh create's holder) is ownership.ts's.
 * Why `refuse` exists: Telnyx can neither add numbers to nor release numbers from a
 * reservation, and a live hold blocks every other, so a replacement needing a
 * number the current reservation holds is certain to fail.
 */
import { NumberReservation } from "./telnyx";
import { NumberInputs, ReservationInputs, durationMs } from "./inputs";
import { Resolution, countOf, withNumbers } from "./search-hold";
import { sameNumbers } from "./phone-numbers";
import { Change, Condition, PLAN_TABLE } from "./plan-table";
import {
  ReservationOutputs,
  ReservedNumber,
  isFailed,
  isPending,
  liveNumbers,
  liveOrPendingNumbers,
  numberSet,
  summarize,
} from "./reservation-state";

export { CHANGES, Change, Condition, PLAN_TABLE } from "./plan-table";

/** What Telnyx holds for the reservation, when the caller has read it. */
export type TelnyxView = { record: NumberReservation } | { vanished: true };

/**
 * What to do, one variant per action (`condition`: what it was decided on; `reason`:
 * why, in words a user can act on):
 * - `create`: no reservation yet: adopt the `adopt` target, or post a new one.
 * - `nothing`: state and declaration agree.
 * - `record`: no API call; store the new inputs (or the view just read).
 * - `settle`: the reservation is still pending: wait for it, then extend if `extend`.
 * - `extend`: POST …/actions/extend (update).
 * - `narrow`: keep the reservation, declare fewer numbers (no call; extend if `extend`),
 *   warning about `stillHeld`, the numbers it holds that are no longer declared.
 * - `replace`: a new reservation (the old one lapses on its own); `replaces` forces it; `rehold`: for
 *   a `search` resource whose reservation holds nothing, the numbers to hold again before searching anew.
 * - `refuse`: certain to fail; fail in preview with `reason`, which says what to do.
 */
export type Decision =
  | { action: "create"; condition: "none"; reason: string }
  | { action: "nothing" | "record" | "extend" | "refuse"; condition: Condition; reason: string }
  | { action: "settle"; condition: "pending"; extend: boolean; reason: string }
  | { action: "narrow"; condition: Condition; extend: boolean; stillHeld: ReservedNumber[]; reason: string }
  | { action: "replace"; condition: Condition; replaces: string[]; rehold?: string[]; reason: string };

export type ActionKind = Decision["action"];

/** A decision and when it would next change (Telnyx clock, ms): a hold lapses or a keep-alive window opens. */
export type Plan = Decision & { nextDeadline: number | undefined };

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

export function plan(request: PlanRequest): Plan {
  const decided = decide(request);
  return { ...decided, nextDeadline: nextDeadline(request, decided) };
}

/** What `decide` works from: the condition, the change, and what the actions need to say. */
interface Facts {
  id: string;
  condition: Condition;
  change: Change;
  all: ReservedNumber[];
  numbers: ReservedNumber[];
  kept: ReservedNumber[];
  blocked: string[];
  replaces: string[];
  referenceChanged: boolean;
  triggerChanged: boolean;
  extend: boolean;
}

function decide(request: PlanRequest): Decision {
  const { state, telnyx, now } = request;
  if (!state?.reservationId) return { action: "create", condition: "none", reason: "no reservation yet" };
  // A search resource stands for the numbers state holds; a changed criterion or a raised count is a change of its own.
  const { resolution, declared } = withNumbers(state, request.declared, now);
  const facts = searchFacts(factsOf(state, { ...request, declared }), resolution);
  const { id, condition, change, extend } = facts;
  const action = PLAN_TABLE[condition][change];
  switch (action) {
    case "create":
      throw new Error(`plan: a reservation in state is never created again (${condition} × ${change})`);
    case "replace":
      return replace(facts, declared);
    case "refuse":
      return {
        action,
        condition,
        reason:
          resolution.kind === "count raised"
            ? countRefusal(facts, resolution, now)
            : change === "none"
              ? partialRefusal(facts, declared, now)
              : refusal(state, declared, facts, now),
      };
    case "settle":
      return {
        action,
        condition: "pending",
        extend,
        reason: `reservation ${id} is still pending: waiting for it${change === "narrowed" ? ", then keeping the declared numbers" : ""}`,
      };
    case "narrow": {
      const stillDeclared = new Set(declared.phoneNumbers);
      return {
        action,
        condition,
        extend,
        stillHeld: facts.kept.filter((n) => !stillDeclared.has(n.phoneNumber)),
        reason: `phoneNumbers narrowed to numbers reservation ${id} holds: it is kept`,
      };
    }
    case "extend":
      return { action, condition, reason: extendReason(facts, declared, now) };
    case "nothing": {
      const viewChanged = telnyx && "record" in telnyx && !sameState(state, facts.numbers);
      // Also a search resource now declaring exactly its held numbers: state must stop calling it a search.
      const inputsChanged =
        INPUTS_WITHOUT_CALL.some((k) => (state[k] ?? undefined) !== (declared[k] ?? undefined)) || !!state.search !== !!declared.search;
      if (viewChanged || inputsChanged) {
        return { action: "record", condition, reason: viewChanged ? `reservation ${id} settled` : "inputs changed (no API call)" };
      }
      return { action, condition, reason: "state and declaration agree" };
    }
    default:
      return unreachable(action);
  }
}

/** A search resource's own changes override the numbers' (the numbers stay those of state). */
function searchFacts(facts: Facts, resolution: Resolution): Facts {
  if (resolution.kind === "criteria") return { ...facts, change: "criteria", replaces: resolution.changed };
  if (resolution.kind === "count raised") return { ...facts, change: "count raised", replaces: ["search.count"] };
  return facts;
}

function factsOf(state: ReservationOutputs, { declared, telnyx, now }: PlanRequest & { declared: NumberInputs }): Facts {
  // Every number of the reservation, and those of them still declared: after a narrowing, the
  // reservation keeps holding numbers the state no longer declares, and no new reservation can hold them.
  const all = allNumbers(state, telnyx);
  const numbers = declaredNumbers(state, all);
  const condition = classify(state, numbers, telnyx, now);
  const old = state.phoneNumbers ?? numbers.map((n) => n.phoneNumber);
  const numbersChanged = !sameNumbers(old, declared.phoneNumbers);
  const referenceChanged = (state.customerReference ?? undefined) !== (declared.customerReference ?? undefined);
  const triggerChanged = (state.extendTrigger ?? undefined) !== (declared.extendTrigger ?? undefined);
  const windowReached = inKeepAliveWindow(numbers, declared, now);
  const kept = condition === "pending" ? liveOrPendingNumbers(all, now) : liveNumbers(all, now);
  const live = numberSet(liveOrPendingNumbers(all, now));
  const blocked = declared.phoneNumbers.filter((n) => live.has(n));
  const replaces = [...(numbersChanged ? ["phoneNumbers"] : []), ...(referenceChanged ? ["customerReference"] : [])];
  // Fewer numbers, all of them in this reservation: keep it (Telnyx cannot release the others anyway).
  const keptNumbers = numberSet(kept);
  const narrowed = numbersChanged && !referenceChanged && declared.phoneNumbers.every((n) => keptNumbers.has(n));
  const change: Change =
    replaces.length === 0
      ? triggerChanged
        ? "trigger"
        : windowReached
          ? "window reached"
          : "none"
      : narrowed
        ? "narrowed"
        : blocked.length === 0
          ? "disjoint"
          : referenceChanged
            ? "reference"
            : "added";
  return {
    id: state.reservationId,
    condition,
    change,
    all,
    numbers,
    kept,
    blocked,
    replaces,
    referenceChanged,
    triggerChanged,
    extend: triggerChanged || windowReached,
  };
}

function replace({ id, condition, change, replaces }: Facts, declared: NumberInputs): Decision {
  if (change === "criteria") {
    return { action: "replace", condition, replaces, reason: `${replaces.join(" and ")} changed: a new reservation is made for the numbers a new search finds` };
  }
  if (condition === "failure" || condition === "lapsed" || condition === "vanished") {
    // A search resource holds the same numbers again (they may be published), searching only when they are gone.
    const rehold = declared.search && change !== "count raised" ? { rehold: declared.phoneNumbers } : {};
    const what = declared.search
      ? change === "count raised"
        ? `the ${countOf(declared.search)} numbers a new search finds`
        : `${declared.phoneNumbers.join(", ")} again (a new search only if they are gone)`
      : declared.phoneNumbers.join(", ");
    return {
      action: "replace",
      condition,
      replaces: replaces.length ? replaces : [condition === "lapsed" ? "expiresAt" : "status"],
      ...rehold,
      reason: `reservation ${id} ${HOLDS_NOTHING[condition]}: a new reservation is made for ${what}`,
    };
  }
  return { action: "replace", condition, replaces, reason: `${replaces.join(" and ")} changed: a new reservation is made` };
}

function extendReason({ id, condition, numbers, triggerChanged }: Facts, declared: NumberInputs, now: number): string {
  if (condition === "partial") {
    const failed = notHeld(numbers, now);
    return `reservation ${id} holds only some declared numbers; extending what it holds (${failed.map((n) => n.phoneNumber).join(", ")} not held)`;
  }
  return triggerChanged ? "extendTrigger changed" : `a hold lapses within keepAliveWindow (${declared.keepAliveWindow})`;
}

/**
 * When the decision would next change after `now`: the first hold lapse or keep-alive window
 * opening at which `decide` answers otherwise. `undefined`: never, on what is known.
 */
function nextDeadline(request: PlanRequest, decided: Decision): number | undefined {
  const { state, declared, telnyx, now } = request;
  if (!state?.reservationId) return undefined;
  const window = declared.keepAliveWindow ? durationMs(declared.keepAliveWindow, declared.keepAliveWindow) : undefined;
  const times = allNumbers(state, telnyx)
    .map((n) => Date.parse(n.expiresAt ?? ""))
    .filter(Number.isFinite)
    .flatMap((t) => (window === undefined ? [t] : [t, t - window]))
    .filter((t) => t > now)
    .sort((a, b) => a - b);
  return times.find((t) => keyOf(decide({ ...request, now: t })) !== keyOf(decided));
}

/** What the engine sees of a decision (the reason's wording aside). */
function keyOf(d: Decision): string {
  return [d.action, d.condition, "extend" in d ? d.extend : false, "replaces" in d ? d.replaces.join() : ""].join("|");
}

/**
 * How far the runner's clock may be from Telnyx's for a decision taken on it
 * alone. NTP keeps CI runners within a second; five minutes is ample.
 */
export const LOCAL_CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * The plan on the local clock, when it is the same anywhere within
 * ±`LOCAL_CLOCK_MARGIN_MS` of it: its next deadline, seen from the early end, is
 * past the late end, so asking Telnyx's clock could not change it and a no-op
 * `up` makes no call. `undefined` when a deadline is that close: then the caller
 * asks Telnyx's clock and plans on it.
 */
export function planFarFromDeadlines(request: Omit<PlanRequest, "now">, localNow: number): Plan | undefined {
  const early = plan({ ...request, now: localNow - LOCAL_CLOCK_MARGIN_MS });
  const far = early.nextDeadline === undefined || early.nextDeadline > localNow + LOCAL_CLOCK_MARGIN_MS;
  return far ? plan({ ...request, now: localNow }) : undefined;
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
  if (!state.phoneNumbers) return all;
  const declared = new Set(state.phoneNumbers);
  return all.filter((n) => declared.has(n.phoneNumber));
}

function inKeepAliveWindow(numbers: ReservedNumber[], declared: NumberInputs, now: number): boolean {
  if (!declared.keepAliveWindow) return false;
  const window = durationMs(declared.keepAliveWindow, declared.keepAliveWindow);
  return liveNumbers(numbers, now).some((n) => n.expiresAt && Date.parse(n.expiresAt) - now <= window);
}

function sameState(state: ReservationOutputs, numbers: ReservedNumber[]): boolean {
  const read = numberSet(numbers);
  const before = (state.numbers ?? []).filter((n) => read.has(n.phoneNumber));
  return JSON.stringify(before) === JSON.stringify(numbers);
}

/** The declared numbers not held at `now` (failed, lapsed, or not settled): those a partial reservation lacks. */
function notHeld(numbers: ReservedNumber[], now: number): ReservedNumber[] {
  const held = new Set(liveNumbers(numbers, now));
  return numbers.filter((n) => !held.has(n));
}

/** Latest expiry among `numbers` (when all of them are free again). */
function lastExpiry(numbers: ReservedNumber[]): string | undefined {
  return numbers
    .map((n) => n.expiresAt)
    .filter((t): t is string => !!t)
    .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

function refusal(state: ReservationOutputs, declared: NumberInputs, { id, all, blocked, referenceChanged }: Facts, now: number): string {
  const blocking = new Set(blocked);
  const holds = liveOrPendingNumbers(all, now).filter((n) => blocking.has(n.phoneNumber));
  const until = lastExpiry(holds);
  const before = new Set(state.phoneNumbers ?? []);
  const added = declared.phoneNumbers.filter((n) => !before.has(n));
  // A number this reservation still holds (narrowed away earlier) cannot go to a reservation of its own either.
  const movable = added.filter((n) => !blocking.has(n));
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

function partialRefusal({ id, numbers }: Facts, declared: NumberInputs, now: number): string {
  const held = liveNumbers(numbers, now);
  const failed = notHeld(numbers, now);
  const reasons = failed.map((n) => `${n.phoneNumber} (${n.errors ?? (isFailed(n.status) ? n.status : "lapsed")})`).join("; ");
  const until = lastExpiry(held);
  if (declared.search) {
    return (
      `Reservation ${id} holds ${held.map((n) => n.phoneNumber).join(", ")} but not ${reasons}. ` +
      `Telnyx cannot add numbers to it. Either lower search.count to ${held.length} (the held numbers are kept), ` +
      `or declare another NumberReservation for the rest, or wait until ${until ?? "its holds lapse"} (without keep-alive), ` +
      "when the next `pulumi up` holds the numbers anew."
    );
  }
  return (
    `Reservation ${id} holds ${held.map((n) => n.phoneNumber).join(", ")} but not ${reasons}. ` +
    `Telnyx cannot add numbers to it. Either remove ${failed.map((n) => n.phoneNumber).join(", ")} from phoneNumbers ` +
    `(the held numbers are kept), or declare ${failed.length > 1 ? "them" : "it"} in a NumberReservation of its own, ` +
    `or wait until ${until ?? "its holds lapse"} (without keep-alive), when the next \`pulumi up\` reserves every number anew.`
  );
}

/** `search.count` raised: Telnyx cannot add numbers, and a new search would drop numbers that may be published. */
function countRefusal({ id, all }: Facts, { from, to }: { from: number; to: number }, now: number): string {
  const until = lastExpiry(liveOrPendingNumbers(all, now));
  return (
    `search.count cannot rise from ${from} to ${to}: Telnyx cannot add numbers to reservation ${id}, and a new search ` +
    "would let go of the numbers it holds, which may be published. Either keep search.count at " +
    `${from} and declare another NumberReservation with search.count ${to - from} for the rest, ` +
    "or change a search criterion to search anew for all of them (the held numbers lapse)" +
    `${until ? `, or wait until ${until}, when its holds lapse (without keep-alive), and run \`pulumi up\` again` : ""}.`
  );
}

function unreachable(value: never): never {
  throw new Error(`plan: unexpected ${JSON.stringify(value)}`);
}

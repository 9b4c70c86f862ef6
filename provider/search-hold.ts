/**
 * A `search` resource's decisions, pure. Which numbers its declaration means against its state
 * (`resolveDeclared`: the numbers state holds, fewer when `count` was lowered, or a change that
 * needs a new search), what a search answer allows (`afterSearch`: hold, or fail before
 * reserving anything saying what to loosen), and what to do after posting the found numbers
 * (`afterSearchHold`: done, search again after losing the race for every number, or stop). A
 * search happens once: afterwards the numbers are fixed in state, so a published number never
 * changes behind its user's back. search-and-hold.ts carries these out.
 */
import type { NumberInputs, ReservationInputs } from "./inputs";
import type { NumberReservation } from "./telnyx";
import { ReservationOutputs, liveNumbers, liveOrPendingNumbers, numberSet, summarize } from "./reservation-state";
import { SEARCH_CRITERIA, SearchCriteria, SearchRequest, underSearch } from "./search-criteria";

/** How many times create searches and posts when others take every found number first. */
export const MAX_SEARCH_ATTEMPTS = 3;

/** The numbers a resource asks for: `search.count`, 1 when not given. */
export function countOf(search: SearchRequest): number {
  return search.count ?? 1;
}

/** The criteria alone (without `count`). */
export function criteriaOf(search: SearchRequest): SearchCriteria {
  const { count: _count, ...criteria } = search;
  return criteria;
}

/**
 * What a declaration means against the state:
 * - `numbers`: the inputs with the numbers they stand for (declared, or those state holds for a search);
 * - `criteria`: a search criterion changed (`changed`: `search.<criterion>`): a new search and a
 *   new reservation. A resource moving from declared numbers (or a `pulumi import`) to a search
 *   has no criteria to compare: its numbers stand for the search, as for an `import` option;
 * - `count raised`: more numbers than the reservation holds, which Telnyx cannot add.
 */
export type Resolution =
  | { kind: "numbers"; declared: NumberInputs }
  | { kind: "criteria"; changed: string[] }
  | { kind: "count raised"; from: number; to: number };

export function resolveDeclared(state: ReservationOutputs | undefined, declared: ReservationInputs, now: number): Resolution {
  if (!declared.search) return { kind: "numbers", declared: { ...declared, phoneNumbers: declared.phoneNumbers ?? [] } };
  if (!state) return { kind: "numbers", declared: { ...declared, phoneNumbers: [] } };
  const changed = state.search ? changedCriteria(criteriaOf(state.search), criteriaOf(declared.search)) : [];
  if (changed.length) return { kind: "criteria", changed };
  // Live numbers first, so lowering `count` keeps what is held.
  const live = numberSet(liveNumbers(state.numbers ?? [], now));
  const held = [...(state.phoneNumbers ?? [])].sort((a, b) => Number(!live.has(a)) - Number(!live.has(b)));
  const count = countOf(declared.search);
  if (count > held.length) return { kind: "count raised", from: held.length, to: count };
  return { kind: "numbers", declared: { ...declared, phoneNumbers: held.slice(0, count) } };
}

/**
 * The inputs with the numbers they stand for: the resolved ones, or, when a change needs a new
 * search, state's numbers (the condition is judged on what the reservation holds).
 */
export function withNumbers(state: ReservationOutputs, declared: ReservationInputs, now: number): { resolution: Resolution; declared: NumberInputs } {
  const resolution = resolveDeclared(state, declared, now);
  return {
    resolution,
    declared: resolution.kind === "numbers" ? resolution.declared : { ...declared, phoneNumbers: state.phoneNumbers ?? [] },
  };
}

/**
 * `import` on a search resource: the target stands for the numbers it holds, when it holds
 * exactly `count` of them (the criteria cannot be checked against numbers already held, so the
 * person importing vouches for them); none held: search and hold anew; another count: refuse.
 */
export type SearchAdoption = { action: "adopt"; numbers: string[] } | { action: "search" | "refuse"; reason: string };

export function planSearchAdoption(search: SearchRequest, adopt: string, record: NumberReservation | undefined, now: number): SearchAdoption {
  if (!record) return { action: "search", reason: `Telnyx has no live reservation for the adopted ${adopt}; searching and holding anew` };
  const holding = liveOrPendingNumbers(summarize(record).numbers, now).map((n) => n.phoneNumber);
  if (holding.length === 0) return { action: "search", reason: `the adopted reservation ${record.id} holds no live number; searching and holding anew` };
  if (holding.length !== countOf(search)) {
    return {
      action: "refuse",
      reason:
        `Cannot adopt reservation ${record.id}: it holds ${holding.length} number${holding.length > 1 ? "s" : ""} (${holding.join(", ")}), ` +
        `but search.count is ${countOf(search)}. Set search.count to ${holding.length} to adopt it.`,
    };
  }
  return { action: "adopt", numbers: holding };
}

/** `search.<criterion>` for each criterion that differs (order of `SEARCH_CRITERIA`). */
export function changedCriteria(before: SearchCriteria, after: SearchCriteria): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (Object.keys(SEARCH_CRITERIA) as (keyof SearchCriteria)[])
    .filter((key) => !same(before[key], after[key]))
    .map(underSearch);
}

/** The order in which a too-narrow search's criteria are worth loosening: the narrowest first. */
const LOOSEN_FIRST: (keyof SearchCriteria)[] = [
  "startsWith",
  "contains",
  "endsWith",
  "features",
  "locality",
  "rateCenter",
  "quickship",
  "nationalDestinationCode",
  "administrativeArea",
  "phoneNumberType",
];

export type SearchAnswer = { action: "hold"; numbers: string[] } | { action: "fail"; reason: string };

/** `found`: the numbers the search answered (reservable, not held), in its order. */
export function afterSearch(search: SearchRequest, found: string[]): SearchAnswer {
  const count = countOf(search);
  if (found.length >= count) return { action: "hold", numbers: found.slice(0, count) };
  const given = LOOSEN_FIRST.filter((key) => search[key] !== undefined).map(underSearch);
  const loosen = [
    given.length ? `loosen ${given.slice(0, 3).join(" or ")}` : "",
    search.bestEffort ? "" : "set search.bestEffort to true to accept near matches",
    `lower search.count`,
  ].filter(Boolean);
  return {
    action: "fail",
    reason:
      `search found ${found.length} reservable number${found.length === 1 ? "" : "s"} of the ${count} wanted ` +
      `(${describeCriteria(search)}); nothing was reserved. Either ${loosen.join(", or ")}.`,
  };
}

export function describeCriteria(search: SearchRequest): string {
  return Object.entries(criteriaOf(search))
    .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
    .join(", ");
}

/**
 * After posting found numbers and waiting: `done` when every number is held; `search again`
 * when others took every one of them first (the reservation holds nothing, so nothing is
 * lost) and attempts remain; otherwise `stop`: the create path reports what is held and
 * what is missing, keeping a reservation that holds anything in state.
 */
export function afterSearchHold(report: { settled: boolean; wanted: number; held: number; attempt: number }): "done" | "search again" | "stop" {
  if (report.settled && report.held === report.wanted) return "done";
  if (report.settled && report.held === 0 && report.attempt < MAX_SEARCH_ATTEMPTS) return "search again";
  return "stop";
}

/**
 * The plan, cell by cell: every condition a reservation can be in × every
 * change a program can make, with the action docs/how-it-works.md promises.
 * `plan` is pure (state, declaration, Telnyx's view, now → action), so each
 * cell is one call; the provider tests and the engine tests prove that the
 * verbs carry the actions out.
 */
import * as fs from "fs";
import * as path from "path";
import { ActionKind, CHANGES, Change, Condition, PLAN_TABLE, PlanRequest, TelnyxView, plan, planFarFromDeadlines } from "../../provider/plan";
import { LeftoverDecision, planAdoption, planLeftover } from "../../provider/ownership";
import { AfterWait, MAX_POSTS, WaitReport, afterLostAnswer, afterWait } from "../../provider/create-steps";
import { ReservationOutputs, ReservedNumber } from "../../provider/reservation-state";
import { NumberInputs, ReservationInputs } from "../../provider/inputs";
import { NumberReservation } from "../../provider/telnyx";
import { testNumbers } from "../../testing/numbers";

const [A, B, C] = testNumbers(3);
const NOW = Date.parse("2026-12-01T12:00:00Z");
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const ID = "0b0b0b0b-0000-4000-8000-000000000001";

const held = (phoneNumber: string, minutes = 20): ReservedNumber => ({ phoneNumber, status: "success", expiresAt: at(minutes) });
const failed = (phoneNumber: string): ReservedNumber => ({ phoneNumber, status: "failure", errors: "Number is already on hold" });
const pending = (phoneNumber: string): ReservedNumber => ({ phoneNumber, status: "pending", expiresAt: at(30) });

function stateWith(numbers: ReservedNumber[], extra: Partial<ReservationOutputs> = {}): ReservationOutputs {
  return {
    phoneNumbers: [A, B],
    customerReference: "support",
    keepAliveWindow: "15m",
    reservationId: ID,
    status: numbers.some((n) => n.status === "pending") ? "pending" : numbers.some((n) => n.status === "failure") ? "failure" : "success",
    numbers,
    ...extra,
  };
}

/** Telnyx's record for the same numbers, as a read would return it. */
function recordOf(state: ReservationOutputs): NumberReservation {
  return {
    id: state.reservationId,
    status: state.status,
    customer_reference: state.customerReference,
    phone_numbers: state.numbers.map((n) => ({
      phone_number: n.phoneNumber,
      status: n.status,
      ...(n.expiresAt ? { expired_at: n.expiresAt } : {}),
      ...(n.errors ? { errors: n.errors } : {}),
    })),
  };
}

const CONDITIONS: Record<Exclude<Condition, "none"> | "adopted", () => { state: ReservationOutputs; telnyx?: TelnyxView }> = {
  pending: () => {
    const state = stateWith([pending(A), pending(B)]);
    return { state, telnyx: { record: recordOf(state) } };
  },
  success: () => ({ state: stateWith([held(A), held(B)]) }),
  partial: () => ({ state: stateWith([held(A), failed(B)]) }),
  failure: () => ({ state: stateWith([failed(A), failed(B)]) }),
  lapsed: () => ({ state: stateWith([held(A, -1), held(B, -1)]) }),
  vanished: () => ({ state: stateWith([held(A), held(B)]), telnyx: { vanished: true } }),
  adopted: () => ({ state: stateWith([held(A), held(B)], { adopt: ID }) }),
};

const DECLARED: NumberInputs = { phoneNumbers: [A, B], customerReference: "support", keepAliveWindow: "15m" };
/** A declaration making each change of the table's columns against the state above. */
const CHANGE_OF: Record<Change, () => ReservationInputs> = {
  none: () => DECLARED,
  trigger: () => ({ ...DECLARED, extendTrigger: "2026-12-01" }),
  // Holds expire in 20 minutes: a 30-minute window is reached.
  "window reached": () => ({ ...DECLARED, keepAliveWindow: "30m" }),
  narrowed: () => ({ ...DECLARED, phoneNumbers: [A] }),
  added: () => ({ ...DECLARED, phoneNumbers: [A, B, C] }),
  disjoint: () => ({ ...DECLARED, phoneNumbers: [C] }),
  reference: () => ({ ...DECLARED, customerReference: "sales" }),
  // A search resource's own changes, against the same reservation found by SEARCH (see `forChange`).
  criteria: () => ({ ...SEARCHED, search: { ...SEARCH, locality: "Fort Collins" } }),
  "count raised": () => ({ ...SEARCHED, search: { ...SEARCH, count: 3 } }),
};

/** What a search resource declared when it found and reserved [A, B]. */
const SEARCH = { countryCode: "US", nationalDestinationCode: "970", features: ["sms" as const], count: 2 };
const SEARCHED: ReservationInputs = { search: SEARCH, customerReference: "support", keepAliveWindow: "15m" };
const SEARCH_CHANGES: Change[] = ["criteria", "count raised"];

/** The condition's state, made by SEARCH when the change is a search resource's. */
function forChange(condition: keyof typeof CONDITIONS, change: Change): { state: ReservationOutputs; telnyx?: TelnyxView } {
  const given = CONDITIONS[condition]();
  return SEARCH_CHANGES.includes(change) ? { ...given, state: { ...given.state, search: SEARCH } } : given;
}

/** The code's table with the docs' extra row: an adopted reservation is judged as any other. */
const TABLE: Record<keyof typeof CONDITIONS | "none", Record<Change, string>> = { ...PLAN_TABLE, adopted: PLAN_TABLE.success };

const cells = Object.entries(TABLE).flatMap(([condition, actions]) =>
  CHANGES.map((change) => [condition, change, actions[change]] as const),
);

/** What each action's reason says (a refusal always says what to do). */
const REASON_OF: Record<ActionKind, RegExp> = {
  create: /no reservation yet/,
  nothing: /state and declaration agree/,
  record: /settled|inputs changed \(no API call\)/,
  settle: /is still pending: waiting for it/,
  extend: /extendTrigger changed|a hold lapses within keepAliveWindow|extending what it holds/,
  narrow: /phoneNumbers narrowed to numbers reservation \S+ holds: it is kept/,
  replace: /a new reservation is made/,
  refuse: /Either /,
};

/** docs/how-it-works.md's table of the plan: condition → change → the cell's first word (its action). */
function docsTable(): Record<string, Record<string, string>> {
  const text = fs.readFileSync(path.join(__dirname, "../../docs/how-it-works.md"), "utf8");
  const lines = text.slice(text.indexOf("| Condition ↓ / change → |")).split("\n");
  const cellsOf = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());
  const header = cellsOf(lines[0]).slice(1);
  const rows = lines.slice(2, lines.findIndex((l, i) => i > 1 && !l.startsWith("|")));
  return Object.fromEntries(
    rows.map((line) => {
      const [condition, ...actions] = cellsOf(line);
      return [condition, Object.fromEntries(header.map((change, i) => [change, /^[a-z]+/.exec(actions[i])?.[0] ?? actions[i]]))];
    }),
  );
}

describe("the plan table", () => {
  it("is the table docs/how-it-works.md prints, cell by cell", () => {
    expect(docsTable()).toEqual(TABLE);
  });

  it.each(cells)("%s × %s → %s", (condition, change, action) => {
    const given = condition === "none" ? {} : forChange(condition as keyof typeof CONDITIONS, change);
    const request: PlanRequest = { ...given, declared: CHANGE_OF[change](), now: NOW };
    const decided = plan(request);
    // `nothing` records, without a call, what changed beside the table (an input, or Telnyx's settled view).
    expect(decided.action === "record" ? "nothing" : decided.action).toBe(action);
    const expectedCondition = condition === "adopted" ? "success" : condition;
    expect(decided.condition).toBe(expectedCondition);
    // The reason is what a user reads in preview: it must say the action, not just be there.
    expect(decided.reason).toMatch(REASON_OF[decided.action]);
  });
});

describe("a search resource: found once, then its numbers are fixed in state", () => {
  const searchState = (condition: keyof typeof CONDITIONS) => forChange(condition, "criteria");
  const rows = Object.keys(CONDITIONS) as (keyof typeof CONDITIONS)[];

  it.each(rows)("%s, declared as when it searched: the numbers' own row (no new search)", (condition) => {
    const decided = plan({ ...searchState(condition), declared: SEARCHED, now: NOW });
    expect(decided.action === "record" ? "nothing" : decided.action).toBe(TABLE[condition].none);
  });

  it.each(rows)("%s, search.count lowered: the numbers' narrowed column, keeping a held number", (condition) => {
    const decided = plan({ ...searchState(condition), declared: { ...SEARCHED, search: { ...SEARCH, count: 1 } }, now: NOW });
    expect(decided.action).toBe(TABLE[condition].narrowed);
  });

  it("count lowered on a partial reservation keeps the number it holds, not the failed one", () => {
    const { state } = searchState("partial"); // A held, B failed
    const decided = plan({ state: { ...state, phoneNumbers: [B, A] }, declared: { ...SEARCHED, search: { ...SEARCH, count: 1 } }, now: NOW });
    expect(decided).toMatchObject({ action: "narrow", stillHeld: [] });
  });

  it.each(["lapsed", "failure", "vanished"] as const)("%s: holds the same numbers again (rehold), searching only if they are gone", (condition) => {
    const decided = plan({ ...searchState(condition), declared: SEARCHED, now: NOW });
    expect(decided).toMatchObject({ action: "replace", rehold: [A, B] });
    expect(decided.reason).toContain(`${A}, ${B} again (a new search only if they are gone)`);
  });

  it("a changed criterion replaces, naming it, with a new search (no rehold)", () => {
    const decided = plan({ ...searchState("success"), declared: CHANGE_OF.criteria(), now: NOW });
    expect(decided).toMatchObject({ action: "replace", replaces: ["search.locality"] });
    expect(decided).not.toHaveProperty("rehold");
    expect(decided.reason).toContain("search.locality changed: a new reservation is made for the numbers a new search finds");
  });

  it("pinning the held numbers in phoneNumbers instead of search keeps the reservation, recording it without a call", () => {
    const decided = plan({ ...searchState("success"), declared: DECLARED, now: NOW });
    expect(decided).toMatchObject({ action: "record", reason: "inputs changed (no API call)" });
  });

  it("moving from declared numbers (or a `pulumi import`) to a search keeps the numbers held, as an import option would", () => {
    // The reservation holds A and B: a search for 2 stands for them (recorded, no call), for 1 narrows, for 3 is refused.
    expect(plan({ ...CONDITIONS.success(), declared: SEARCHED, now: NOW })).toMatchObject({ action: "record" });
    expect(plan({ ...CONDITIONS.success(), declared: { ...SEARCHED, search: { ...SEARCH, count: 1 } }, now: NOW })).toMatchObject({ action: "narrow" });
    expect(plan({ ...CONDITIONS.success(), declared: { ...SEARCHED, search: { ...SEARCH, count: 3 } }, now: NOW })).toMatchObject({ action: "refuse" });
  });

  it("search.count raised is refused in preview with the ways forward, never dropping the held numbers", () => {
    const decided = plan({ ...searchState("success"), declared: CHANGE_OF["count raised"](), now: NOW });
    expect(decided.action).toBe("refuse");
    expect(decided.reason).toContain(`search.count cannot rise from 2 to 3: Telnyx cannot add numbers to reservation ${ID}`);
    expect(decided.reason).toContain("keep search.count at 2 and declare another NumberReservation with search.count 1");
    expect(decided.reason).toContain(`wait until ${at(20)}`);
  });

  it("search.count raised once the holds lapsed: a new search for all of them", () => {
    const decided = plan({ ...searchState("lapsed"), declared: CHANGE_OF["count raised"](), now: NOW });
    expect(decided).toMatchObject({ action: "replace", replaces: ["search.count"] });
    expect(decided).not.toHaveProperty("rehold");
  });

  it("a partial search reservation left as declared is refused, saying to lower search.count", () => {
    const decided = plan({ ...searchState("partial"), declared: SEARCHED, now: NOW });
    expect(decided.action).toBe("refuse");
    expect(decided.reason).toContain(`holds ${A} but not ${B} (Number is already on hold)`);
    expect(decided.reason).toContain("lower search.count to 1");
  });
});

describe("the next deadline: when the decision would change", () => {
  it("is when the keep-alive window opens, then when the hold lapses", () => {
    const { state } = CONDITIONS.success(); // holds lapse in 20 minutes; window 15m opens in 5
    const first = plan({ state, declared: DECLARED, now: NOW });
    expect(first).toMatchObject({ action: "nothing", nextDeadline: Date.parse(at(5)) });
    const inWindow = plan({ state, declared: DECLARED, now: first.nextDeadline! });
    expect(inWindow).toMatchObject({ action: "extend", nextDeadline: Date.parse(at(20)) });
    expect(plan({ state, declared: DECLARED, now: inWindow.nextDeadline! })).toMatchObject({ action: "replace", condition: "lapsed", nextDeadline: undefined });
  });

  it("without a keep-alive window, is when the hold lapses", () => {
    const { state } = CONDITIONS.success();
    expect(plan({ state, declared: { ...DECLARED, keepAliveWindow: undefined }, now: NOW }).nextDeadline).toBe(Date.parse(at(20)));
  });

  it("lets diff decide on the local clock only when no deadline is within the margin either side", () => {
    const state = stateWith([held(A), held(B)], { keepAliveWindow: undefined });
    const request = { state, declared: { ...DECLARED, keepAliveWindow: undefined } };
    // The hold lapses 20 minutes from NOW: far at NOW, near 16 minutes later, far again once lapsed for 6.
    expect(planFarFromDeadlines(request, NOW)).toMatchObject({ action: "nothing" });
    expect(planFarFromDeadlines(request, NOW + 16 * 60_000)).toBeUndefined();
    expect(planFarFromDeadlines(request, NOW + 24 * 60_000)).toBeUndefined();
    expect(planFarFromDeadlines(request, NOW + 26 * 60_000)).toMatchObject({ action: "replace" });
  });
});

describe("details of the plan", () => {
  it("a refusal says why and what to do, naming the holder and when its holds lapse", () => {
    const { state } = CONDITIONS.success();
    const added = plan({ state, declared: { ...DECLARED, phoneNumbers: [A, B, C] }, now: NOW });
    expect(added.reason).toContain(`${C} cannot be added`);
    expect(added.reason).toContain(`while reservation ${ID} holds them (until ${at(20)})`);
    expect(added.reason).toContain(`declare ${C} in a NumberReservation of its own`);
    expect(added.reason).toContain(`wait until ${at(20)}`);

    const reference = plan({ state, declared: { ...DECLARED, customerReference: "sales" }, now: NOW });
    expect(reference.reason).toMatch(/customerReference cannot change from "support" to "sales"/);
    expect(reference.reason).toContain('keep customerReference "support"');
  });

  it("a partial reservation left as declared is refused, naming the missing number and the ways out", () => {
    const { state } = CONDITIONS.partial();
    const decided = plan({ state, declared: DECLARED, now: NOW });
    expect(decided.reason).toContain(`holds ${A} but not ${B} (Number is already on hold)`);
    expect(decided.reason).toContain(`remove ${B} from phoneNumbers`);
  });

  it("narrowing a live reservation names the numbers it keeps holding", () => {
    const { state } = CONDITIONS.success();
    const decided = plan({ state, declared: { ...DECLARED, phoneNumbers: [B] }, now: NOW });
    expect(decided.action).toBe("narrow");
    expect(decided.action === "narrow" && decided.stillHeld.map((n) => n.phoneNumber)).toEqual([A]);
  });

  it("a number narrowed away is still held: declaring it again keeps the reservation, never a doomed replacement", () => {
    // Narrowed earlier from [A, B] to [B]: the reservation still holds A until it lapses.
    const state = stateWith([held(A), held(B)], { phoneNumbers: [B] });
    const back = plan({ state, declared: { ...DECLARED, phoneNumbers: [A] }, now: NOW });
    expect(back.action).toBe("narrow");
    expect(back.action === "narrow" && back.stillHeld.map((n) => n.phoneNumber)).toEqual([B]);
    const beside = plan({ state, declared: { ...DECLARED, phoneNumbers: [A, C] }, now: NOW });
    expect(beside.action).toBe("refuse");
    expect(beside.reason).toContain(`a new one cannot hold ${A} while reservation ${ID} holds it`);
    expect(beside.reason).toContain(`declare ${C} in a NumberReservation of its own`);
  });

  it("a changed trigger or a reached window while pending extends once the reservation settles", () => {
    const { state, telnyx } = CONDITIONS.pending();
    expect(plan({ state, telnyx, declared: CHANGE_OF.trigger(), now: NOW })).toMatchObject({ action: "settle", extend: true });
    expect(plan({ state, telnyx, declared: DECLARED, now: NOW })).toMatchObject({ action: "settle", extend: false });
  });

  it("a pending reservation that Telnyx has since settled is recorded, or replaced when it holds nothing", () => {
    const state = stateWith([pending(A), pending(B)]);
    const settled = { record: recordOf(stateWith([held(A), held(B)])) };
    expect(plan({ state, telnyx: settled, declared: DECLARED, now: NOW }).action).toBe("record");
    const allFailed = { record: recordOf(stateWith([failed(A), failed(B)])) };
    expect(plan({ state, telnyx: allFailed, declared: DECLARED, now: NOW })).toMatchObject({ action: "replace", condition: "failure" });
  });

  it("changing only keepAliveWindow or pendingTimeout records the input without a call", () => {
    const { state } = CONDITIONS.success();
    expect(plan({ state, declared: { ...DECLARED, pendingTimeout: "5m" }, now: NOW }).action).toBe("record");
    expect(plan({ state, declared: { ...DECLARED, keepAliveWindow: "5m" }, now: NOW }).action).toBe("record");
  });

  it("numbers an adopted reservation carries but never declared do not count", () => {
    const state = stateWith([held(A), held(B), failed(C)], { adopt: ID });
    expect(plan({ state, declared: DECLARED, now: NOW }).action).toBe("nothing");
  });
});

describe("adoption", () => {
  const adopt = { ...DECLARED, adopt: ID };
  it("adopts a reservation that holds exactly the declared numbers", () => {
    expect(planAdoption(adopt, recordOf(stateWith([held(A), held(B)])), NOW).action).toBe("adopt");
  });
  it.each([
    ["lapsed", stateWith([held(A, -1), held(B, -1)])],
    ["failed", stateWith([failed(A), failed(B)])],
  ])("reserves anew when the target's holds %s", (_, state) => {
    const decided = planAdoption(adopt, recordOf(state), NOW);
    expect(decided.action).toBe("create");
    expect(decided.reason).toMatch(/holds no live number/);
  });
  it("reserves anew when Telnyx has no such reservation", () => {
    expect(planAdoption(adopt, undefined, NOW)).toMatchObject({ action: "create", reason: expect.stringMatching(/no live reservation/) });
  });
  it("refuses a target holding other numbers, or under another customer reference", () => {
    expect(planAdoption(adopt, recordOf(stateWith([held(A)])), NOW)).toMatchObject({ action: "refuse", reason: expect.stringMatching(/Declare exactly/) });
    const other = recordOf(stateWith([held(A), held(B)], { customerReference: "sales" }));
    expect(planAdoption(adopt, other, NOW).reason).toMatch(/customer reference is "sales"/);
  });
});

describe("a holder of the declared numbers, met by a fresh create that holds nothing (one owner per reservation)", () => {
  const RUN_STARTED = NOW - 30_000;
  /** A settled holder of A and B under "support", created `minutesBeforeRun` before the run started, holding `holdMinutes` from creation. */
  function holder(minutesBeforeRun: number, extra: { holdMinutes?: number; reference?: string; numbers?: string[]; status?: string } = {}): NumberReservation {
    const created = RUN_STARTED - minutesBeforeRun * 60_000;
    const expires = new Date(created + (extra.holdMinutes ?? 30) * 60_000).toISOString();
    return {
      id: ID,
      status: extra.status ?? "success",
      customer_reference: extra.reference ?? "support",
      created_at: new Date(created).toISOString(),
      phone_numbers: (extra.numbers ?? [A, B]).map((phone_number) => ({ phone_number, status: extra.status ?? "success", expired_at: expires })),
    };
  }
  const decide = (h: NumberReservation | undefined) => planLeftover({ declared: DECLARED, holder: h, runStartedAt: RUN_STARTED, now: NOW });

  // Evidence → decision: only an interrupted run of this very resource is adopted without being asked.
  const EVIDENCE: Array<[string, LeftoverDecision["action"], NumberReservation | undefined, RegExp | null]> = [
    ["settled, never extended, made just before this run: an interrupted run's", "adopt", holder(0.5), /left by an interrupted run/],
    ["made after this run started: a concurrent stack's", "refuse", holder(-0.2), /created after this `pulumi` run started/],
    ["still pending, made just before this run: a run killed while it waited", "adopt", holder(0.5, { status: "pending" }), /left by an interrupted run/],
    ["still pending, made after this run started: a concurrent stack's create in flight", "refuse", holder(-0.1, { status: "pending" }), /created after this `pulumi` run started/],
    ["extended: another stack keeps it alive", "refuse", holder(1, { holdMinutes: 60 }), /has been extended/],
    ["made minutes before this run: a stack deployed earlier", "refuse", holder(5), /5 minutes before this run started/],
    ["another customer reference: not a candidate, named among the failures", "fail", holder(0.5, { reference: "sales" }), null],
    ["other numbers: not a candidate", "fail", holder(0.5, { numbers: [A] }), null],
    ["no holder at all", "fail", undefined, null],
  ];
  it.each(EVIDENCE)("%s → %s", (_, action, h, reason) => {
    const decided = decide(h);
    expect(decided.action).toBe(action);
    expect("reason" in decided ? decided.reason : null).toEqual(reason === null ? null : expect.stringMatching(reason));
  });

  it("the refusal names the holder, its customer reference and creation time, and how to adopt it deliberately", () => {
    const h = holder(-0.2);
    const decided = decide(h);
    expect(decided.action).toBe("refuse");
    const { reason } = decided as { reason: string };
    expect(reason).toContain(`held by reservation ${ID} (customer reference "support", created ${h.created_at}`);
    expect(reason).toContain(`{ import: "${ID}" }`);
    expect(reason).toContain(`held until ${h.phone_numbers[0].expired_at}`);
  });
});

describe("the create path's steps: what the executor found → what it does next", () => {
  const record = recordOf(stateWith([held(A), held(B)]));
  it.each([
    ["a lost answer whose reservation is found: use it, never post again", record, 1, { action: "use", record }],
    ["nothing found, attempts left: post again", undefined, MAX_POSTS - 1, { action: "post-again" }],
    ["nothing found after the last attempt: fail saying nothing is held", undefined, MAX_POSTS, { action: "fail", reason: expect.stringMatching(/\(5 attempts\), so none is held/) }],
  ] as const)("%s", (_, found, attempt, next) => {
    expect(afterLostAnswer(found, attempt, [A, B])).toEqual(next);
  });

  const AFTER_WAIT: Array<[string, WaitReport, AfterWait]> = [
    ["still pending at the deadline: kept in state", { origin: "new", settled: false, failed: 0, held: 0 }, { action: "still-pending" }],
    ["every declared number held: done", { origin: "new", settled: true, failed: 0, held: 2 }, { action: "done" }],
    ["a fresh reservation holding nothing: the holder decides", { origin: "new", settled: true, failed: 2, held: 0 }, { action: "judge-holder" }],
    ["partly held: kept in state, failing", { origin: "new", settled: true, failed: 1, held: 1 }, { action: "fail", holdsSome: true, keepInState: true }],
    ["an adopted one holding nothing: fail, nothing to keep", { origin: "adopted", settled: true, failed: 2, held: 0 }, { action: "fail", holdsSome: false, keepInState: false }],
    ["the resource's own, holding nothing: kept so the next plan replaces it", { origin: "existing", settled: true, failed: 2, held: 0 }, { action: "fail", holdsSome: false, keepInState: true }],
  ];
  it.each(AFTER_WAIT)("%s", (_, report, next) => {
    expect(afterWait(report)).toEqual(next);
  });
});

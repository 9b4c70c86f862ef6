/**
 * Model-based test of convergence: fast-check draws seeded sequences of
 * program edits and world events (the clock moving inside and past the
 * keep-alive window, a number taken by someone else, a number a search would find
 * taken by another customer, 429/503 bursts, a lost create answer, a process
 * killed between create and state), over resources that declare their numbers
 * or hold what a search finds, and each
 * sequence is played on the built provider against the emulator, in this
 * process (time moves for both at once). A small stand-in for the engine calls
 * the verbs the way `pulumi up` and `pulumi refresh` do (check with the old
 * inputs, diff against the old outputs, create-then-delete for a replace, init
 * failures kept as state), each command on a new provider object, as each
 * command starts a new provider process.
 *
 * After every step: the resource id is its `reservationId`, and every live
 * reservation the provider made is the one in state, one a replace released
 * (its holds lapse on their own, as delete said), or what a killed process
 * left (until the next `up`). At the end, once faults stop and every hold that
 * blocks a declared number has lapsed, at most two `up`s reach a state whose
 * preview is clean with every declared number held.
 *
 * Bounded: MODEL_RUNS sequences (default 6) of at most 8 steps; a failure
 * prints the seed and the shrunk sequence (MODEL_SEED replays one).
 */
import fc from "fast-check";
import { ProviderCallError, Props } from "../helpers/provider-calls";
import { InProcessProvider } from "../helpers/in-process-provider";
import { TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { findable } from "../helpers/findable";
import { advanceProcessClock, resetProcessClock } from "../helpers/process-clock";
import { holders } from "../../testing/holds";
import { testNumbers } from "../../testing/numbers";

const emulator = withEmulator();
const POOL = testNumbers(4, 40);
const RUNS = Number(process.env.MODEL_RUNS ?? 6);

interface Declaration {
  /** The `import` option: kept in the program once set, as users do. */
  adopt?: string;
  /** Declared numbers, or a search (exactly one). */
  phoneNumbers?: string[];
  search?: { countryCode: string; nationalDestinationCode: string; locality: string; features: string[]; count: number };
  customerReference: string;
  keepAliveWindow: string;
  pendingTimeout: string;
  extendTrigger?: string;
}

/** What the stand-in engine keeps, and what the test knows about the world. */
interface World {
  declared: Declaration;
  state?: { id: string; outs: Props; inputs: Props };
  /** Reservations a replace released (delete was told: they lapse on their own). */
  released: Set<string>;
  /** Reservations made by someone else. */
  foreign: Set<string>;
  /** A create whose process was killed before the engine saw its answer. */
  orphans: Set<string>;
  /** What the last step did, for the failure report. */
  log: string[];
  /** The `import` option the program carries, if it adopted. */
  adopt?: string;
}

afterAll(resetProcessClock);

/** A new provider, as each `pulumi` command starts one. */
function host(): Promise<InProcessProvider> {
  return InProcessProvider.start({ "telnyx:apiKey": TEST_API_KEY, "telnyx:baseUrl": emulator.url });
}

/** How an `up` ended: the verb that failed (a failed `diff` is a refusal in preview), and the /v2 calls it made. */
interface UpResult {
  ok: boolean;
  failedAt?: "check" | "diff" | "create" | "update";
  message?: string;
  calls: string[];
}

/**
 * `pulumi up` of one resource, as the engine does it: a failed create leaves
 * nothing, an init failure is recorded as the resource (for a replacement,
 * the old one is then released), and an error in diff or update changes nothing.
 */
async function up(world: World): Promise<UpResult> {
  // Never plan what cannot work: no replacement may be posted while the current reservation
  // holds a number it needs (Telnyx refuses a number held elsewhere).
  const holding = world.state ? ((await holders(emulator.control)).find((r) => r.id === world.state!.id)?.numbers ?? []) : [];
  const blocked = (world.declared.phoneNumbers ?? []).filter((n) => holding.includes(n));
  await emulator.control.clearRequests();
  const result = await upOnce(world);
  const calls = (await emulator.control.requests()).map((r) => `${r.method} ${r.path}`);
  if (calls.includes("POST /v2/number_reservations")) expect(blocked).toEqual([]);
  return { ...result, calls };
}

async function upOnce(world: World): Promise<Omit<UpResult, "calls">> {
  const h = await host();
  let verb: UpResult["failedAt"] = "check";
  const inputsOf = (inputs: Props) => ({ ...inputs });
  const record = (made: { id: string; outs: Props }, inputs: Props) => {
    if (world.state && world.state.id !== made.id) world.released.add(world.state.id);
    world.state = { id: made.id, outs: made.outs, inputs: inputsOf(inputs) };
  };
  let inputs: Props = {};
  try {
    const checked = await h.check(world.declared as unknown as Props, world.state?.inputs ?? {});
    if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    inputs = checked.inputs;
    if (!world.state) {
      verb = "create";
      record(await h.create(inputs), inputs);
      return { ok: true };
    }
    const { id, outs } = world.state;
    verb = "diff";
    const diff = await h.diff(id, outs, inputs);
    if (diff.replaces.length) {
      verb = "create";
      const made = await h.create(inputs);
      await h.delete(id, outs);
      record(made, inputs);
    } else if (diff.changes === "some") {
      verb = "update";
      record({ id, outs: await h.update(id, outs, inputs) }, inputs);
    } else {
      record({ id, outs }, inputs);
    }
    return { ok: true };
  } catch (err) {
    const error = err as ProviderCallError;
    if (error.initFailed) record({ id: error.initFailed.id, outs: error.initFailed.properties }, inputs);
    return { ok: false, failedAt: verb, message: error.message };
  }
}

/** `pulumi refresh`: read, and drop what Telnyx no longer has. */
async function refresh(world: World): Promise<void> {
  if (!world.state) return;
  const read = await (await host()).read(world.state.id, world.state.outs);
  world.state = read.id ? { id: read.id, outs: read.props, inputs: read.inputs ?? world.state.inputs } : undefined;
}

/** A plan with no change: what `pulumi preview --expect-no-changes` checks. */
async function previewIsClean(world: World): Promise<boolean> {
  if (!world.state) return false;
  const h = await host();
  try {
    const { inputs } = await h.check(world.declared as unknown as Props, world.state.inputs);
    const diff = await h.diff(world.state.id, world.state.outs, inputs);
    return diff.changes === "none";
  } catch {
    return false;
  }
}

async function checkInvariants(world: World): Promise<void> {
  // The id is the reservation: a state naming another one would store its reservationId (stored-outputs.ts).
  if (world.state) expect(world.state.outs).not.toHaveProperty("reservationId");
  const leaked = (await holders(emulator.control)).filter(
    (r) => r.id !== world.state?.id && !world.released.has(r.id) && !world.foreign.has(r.id) && !world.orphans.has(r.id),
  );
  expect(leaked).toEqual([]);
}

type Step = { label: string; run: (world: World) => Promise<void> };

/** Steps print as their label in fast-check's report. */
function named(steps: fc.Arbitrary<Step>): fc.Arbitrary<Step> {
  return steps.map((s) => Object.assign(s, { [fc.toStringMethod]: () => s.label }));
}

const common = {
  customerReference: fc.constantFrom("ops", "sales"),
  keepAliveWindow: fc.constant("10m"),
  pendingTimeout: fc.constant("1s"),
  extendTrigger: fc.option(fc.constantFrom("1", "2"), { nil: undefined }),
};
const LOCALITIES = ["Fort Collins", "Loveland"];
const searchOf = (locality: string, count: number) => ({ countryCode: "US", nationalDestinationCode: "970", locality, features: ["sms"], count });
const declaration: fc.Arbitrary<Declaration> = fc.oneof(
  fc.record({ phoneNumbers: fc.subarray(POOL, { minLength: 1, maxLength: 3 }), ...common }),
  fc.record({ search: fc.tuple(fc.constantFrom(...LOCALITIES), fc.constantFrom(1, 2)).map(([l, c]) => searchOf(l, c)), ...common }),
);



const step: fc.Arbitrary<Step> = named(fc.oneof(
  { weight: 4, arbitrary: declaration.map((d) => ({ label: `up ${JSON.stringify(d)}`, run: async (w: World) => {
    // A search resource is never adopted (not supported): the option stays with declared numbers.
    w.declared = w.adopt && d.phoneNumbers ? { ...d, adopt: w.adopt } : d;
    const result = await up(w);
    // The faults drawn here are all retried away, so a diff fails only to refuse in preview. A
    // refusal is an answer: it says what to do, and nothing was changed at Telnyx.
    if (result.failedAt === "diff") {
      expect(result.message).toMatch(/\. Either (declare|keep|remove|wait|lower) /);
      expect(result.calls.filter((c) => !c.startsWith("GET "))).toEqual([]);
    }
    w.orphans.clear();
  } })) },
  { weight: 1, arbitrary: fc.constant({ label: "refresh", run: refresh }) },
  { weight: 2, arbitrary: fc.constantFrom(5, 22, 31).map((minutes) => ({ label: `clock +${minutes}m`, run: async () => {
    advanceProcessClock(minutes * 60);
  } })) },
  { weight: 1, arbitrary: fc.constantFrom(...POOL).map((number) => ({ label: `someone else holds ${number}`, run: async (w: World) => {
    // A fault meant for the provider may answer 429 or drop this answer after the commit, so the
    // reservations that appeared, not the answer, say what someone else now holds.
    const before = new Set((await emulator.control.reservations()).map((r) => r.id));
    await emulator.request("POST", "/number_reservations", { json: { phone_numbers: [{ phone_number: number }] } }).catch(() => undefined);
    for (const r of await emulator.control.reservations()) if (!before.has(r.id)) w.foreign.add(r.id);
  } })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...LOCALITIES), fc.nat(1)).map(([locality, index]) => ({
    label: `another customer takes the ${index ? "second" : "first"} number a search in ${locality} finds`,
    run: async () => {
      // The fault rules drawn may answer this search too: then nothing is taken.
      const found = await findable(emulator, locality, 4).catch(() => []);
      if (found[index]) await emulator.control.takeNumbers([found[index]]);
    },
  })) },
  { weight: 1, arbitrary: fc.constantFrom("503", "429", "lost-answer", "slow-settle").map((kind) => ({ label: `fault ${kind}`, run: async () => {
    if (kind === "503") await emulator.control.addFault({ method: "GET", count: 2, status: 503 });
    if (kind === "429") await emulator.control.addFault({ count: 2, status: 429, retryAfterSeconds: 1 });
    if (kind === "lost-answer") await emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, dropAfterCommit: true });
    if (kind === "slow-settle") await emulator.control.settings({ settleDelayMs: 120_000 });
  } })) },
  { weight: 1, arbitrary: fc.constant({ label: "killed between create and state", run: async (w: World) => {
    if (w.state) return; // the engine only creates a resource it does not have
    const h = await host();
    const { inputs } = await h.check(w.declared as unknown as Props);
    const made = await h.create(inputs).catch((e: ProviderCallError) => e.initFailed);
    if (made) w.orphans.add(made.id);
  } }) },
));

it("every sequence of edits and events keeps identity, leaks nothing, and converges in at most two ups", async () => {
  const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined;
  // The time limit lets a slow machine stop early without failing, but a run that completed no
  // sequence at all has checked nothing.
  let completed = 0;
  await fc.assert(
    fc.asyncProperty(declaration, fc.boolean(), fc.array(step, { minLength: 1, maxLength: 8 }), async (first, adopting, steps) => {
      await emulator.control.reset();
      await emulator.control.settings({ settleDelayMs: 0 });
      const world: World = { declared: { ...first }, released: new Set(), foreign: new Set(), orphans: new Set(), log: [] };
      if (adopting && first.phoneNumbers) {
        // The reservation was made elsewhere (the portal); the program adopts it and keeps the option.
        const body = { phone_numbers: first.phoneNumbers.map((phone_number) => ({ phone_number })), customer_reference: first.customerReference };
        const made = ((await (await emulator.request("POST", "/number_reservations", { json: body })).json()) as { data: { id: string } }).data.id;
        world.released.add(made); // ours once adopted; released if a replace lets it go
        world.adopt = made;
        world.declared.adopt = made;
      }
      await up(world);
      await checkInvariants(world);
      for (const s of steps) {
        world.log.push(s.label);
        await s.run(world);
        await checkInvariants(world);
      }
      // Faults stop; holds that block a declared number lapse (ours too, when it is only partly held).
      await emulator.control.clearFaults();
      await emulator.control.settings({ settleDelayMs: 0 });
      advanceProcessClock(31 * 60);
      let clean = false;
      for (let run = 0; run < 2 && !clean; run++) {
        await up(world);
        await checkInvariants(world);
        clean = await previewIsClean(world);
      }
      expect(clean).toBe(true);
      const held = (await holders(emulator.control)).find((r) => r.id === world.state?.id);
      // A search resource holds `count` numbers, the ones its state shows.
      const wanted = world.declared.phoneNumbers ?? (world.state?.outs.phoneNumbers as string[]);
      if (world.declared.search) expect(wanted).toHaveLength(world.declared.search.count);
      expect([...(held?.numbers ?? [])].sort()).toEqual([...wanted].sort());
      completed++;
    }),
    { numRuns: RUNS, seed, verbose: 1, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: false, endOnFailure: true },
  );
  expect(completed).toBeGreaterThan(0);
}, 300_000);

/**
 * What the default run measures (`npm run bench`): up time against the floor at
 * a few N, API calls per operation, adoption, state bytes, a rate limit, and
 * where the time goes at N = 50. Nothing here formats; report.ts does.
 */
import { testNumbers } from "../testing/numbers";
import { BenchEmulator, countCalls } from "./emulator";
import { ProgramKind, RESOURCE_TYPE } from "./programs";
import { runPulumi } from "./processes";
import { serializedProviderCosts, startupCosts } from "./costs";
import { Setup, Trial, Trials, UP, cellKey, expectResources, progress, telnyx } from "./trials";
import { mean, sec } from "./stats";
import type { Options } from "./options";

export const RATE = 20;

export type Measured = Awaited<ReturnType<typeof measureDefault>>;

/** The default run: every scenario, at the sizes of `options`. */
export async function measureDefault(options: Options, trials: Trials, wsDir: string) {
  const emulator = trials.emulator;
  const trial = (setup: Setup, keep = false) => trials.run(setup, keep);

  // 1. up time: baseline, stand-in, reservations at settle 0 and 50 ms, interleaved.
  //    The API calls per operation are counted on the last settle-0 stack of N=50, right after its up.
  const timing: Record<string, Trial[]> = {};
  const keepAt = options.sizes.includes(50) ? 50 : options.sizes[0];
  let calls: OperationCalls | undefined;
  for (const n of options.sizes) {
    progress(`up time at N=${n} (${options.reps(n)} rounds)`);
    for (let rep = 0; rep < options.reps(n); rep++) {
      for (const setup of timingSetups(n)) {
        const keep = setup.kind === "reservations" && setup.settleMs === 0 && n === keepAt && rep === options.reps(n) - 1;
        const t = await trial(setup, keep);
        (timing[cellKey(setup)] ??= []).push(t);
        if (keep) {
          progress(`API calls per operation on this N=${n} stack`);
          calls = await operationCalls(t, emulator);
          await t.project.dispose();
        }
      }
    }
  }

  // 2. Adoption.
  const adoption = await adoptionCalls(options.adoptN, trials);

  // 2b. A search resource: its create searches once and posts once; a no-op up calls nothing.
  const search = await searchCalls(trials);

  // 3. State bytes.
  progress("state bytes per resource");
  const state = await stateBytes(options.sizes[0], trial);

  // 4. Rate limit.
  progress(`rate limit: ${RATE} requests/s, N=${options.rateN}`);
  const limited = [
    await trial({ kind: "reservations", n: options.rateN, settleMs: 0, rate: RATE }),
    await trial({ kind: "reservations", n: options.rateN, settleMs: 50, rate: RATE }),
  ];

  // 5. Where the time goes: more parallelism, and Telnyx-like settling (the emulator's default 1 s).
  progress(`where the time goes at N=${options.probeN}`);
  const probes: Record<string, Trial[]> = {};
  for (let rep = 0; rep < options.probeReps; rep++) {
    for (const setup of probeSetups(options.probeN, rep)) (probes[cellKey(setup)] ??= []).push(await trial(setup));
  }

  // 6. Costs before the first call.
  progress("module load and serialization costs");
  const startup = startupCosts(wsDir);
  const serialized = await serializedProviderCosts(options.root);

  return { timing, calls: calls!, adoption, search, state, limited, probes, startup, serialized };
}

export function timingSetups(n: number): Setup[] {
  return [
    { kind: "noop", n, settleMs: 0 },
    { kind: "fake", n, settleMs: 0 },
    { kind: "reservations", n, settleMs: 0 },
    { kind: "reservations", n, settleMs: 50 },
  ];
}

function probeSetups(n: number, rep: number): Setup[] {
  return [
    { kind: "noop", n, settleMs: 0, parallel: 64 },
    { kind: "reservations", n, settleMs: 50, parallel: 64 },
    ...(rep === 0 ? [{ kind: "reservations", n, settleMs: 1000 } as Setup, { kind: "reservations", n, settleMs: 1000, parallel: 64 } as Setup] : []),
  ];
}

export interface OperationCalls {
  n: number;
  create: Record<string, number>;
  noopUp: Record<string, number>;
  refresh: Record<string, number>;
  extend: Record<string, number>;
}

/** No-op up, refresh, then an extend of every reservation (extendTrigger changed), on a stack just created. */
async function operationCalls(created: Trial, emulator: BenchEmulator): Promise<OperationCalls> {
  const p = created.project;
  const ids = async () => JSON.stringify((await p.reservations()).map((r) => r.id).sort());
  const before = await ids();
  const step = async (what: string, args: string[]) => {
    await emulator.control.clearRequests();
    const run = await runPulumi(p, args);
    const counts = countCalls(await emulator.requests());
    if ((await ids()) !== before) throw new Error(`${what} changed the reservations in state (expected the same ${created.n})`);
    progress(`  ${what}: ${sec(run.ms)} s, calls ${JSON.stringify(counts)}`);
    return counts;
  };
  const noopUp = await step("no-op up", UP);
  const refresh = await step("refresh", ["refresh", "--yes", "--skip-preview"]);
  await p.stack.setConfig("extendTrigger", { value: "bench-1" });
  const extend = await step("extend (extendTrigger changed)", UP);
  return { n: created.n, create: created.calls, noopUp, refresh, extend };
}

export interface AdoptionCalls {
  n: number;
  byId: Record<string, number>;
  byNumber: Record<string, number>;
}

/** Reservations made through the API, then adopted by a program, by id and by number. */
async function adoptionCalls(n: number, trials: Trials): Promise<AdoptionCalls> {
  const emulator = trials.emulator;
  const adopt = async (by: "id" | "number") => {
    await emulator.reset(0);
    const numbers = testNumbers(n, 1000);
    const made = [];
    for (const [i, number] of numbers.entries()) made.push(await emulator.reserve(number, `bulk-${i}`));
    const project = await trials.project("reservations", {
      ...telnyx(emulator),
      numbers: { value: JSON.stringify(numbers) },
      adopt: { value: JSON.stringify(by === "id" ? made.map((r) => r.id) : numbers) },
    });
    try {
      await emulator.control.clearRequests();
      const run = await runPulumi(project, UP);
      const counts = countCalls(await emulator.requests());
      await expectResources(project, "reservations", n);
      const ids = (await project.reservations()).map((r) => r.id).sort();
      if (JSON.stringify(ids) !== JSON.stringify(made.map((r) => r.id).sort())) throw new Error(`adoption by ${by} did not adopt the reservations made`);
      if ((await emulator.control.reservations()).length !== n) throw new Error(`adoption by ${by} created reservations`);
      progress(`  adoption by ${by}, N=${n}: ${sec(run.ms)} s, calls ${JSON.stringify(counts)}`);
      return counts;
    } finally {
      await project.dispose();
    }
  };
  return { n, byId: await adopt("id"), byNumber: await adopt("number") };
}

export interface SearchCalls {
  count: number;
  create: Record<string, number>;
  noopUp: Record<string, number>;
}

/** One search resource holding SEARCH_COUNT numbers: the calls of its create and of a no-op up after it. */
const SEARCH_COUNT = 2;
async function searchCalls(trials: Trials): Promise<SearchCalls> {
  const emulator = trials.emulator;
  await emulator.reset(0);
  const project = await trials.project("search", { ...telnyx(emulator), count: { value: String(SEARCH_COUNT) } });
  try {
    const step = async (what: string) => {
      await emulator.control.clearRequests();
      const run = await runPulumi(project, UP);
      const counts = countCalls(await emulator.requests());
      progress(`  search resource ${what}: ${sec(run.ms)} s, calls ${JSON.stringify(counts)}`);
      return counts;
    };
    const create = await step("create");
    await expectResources(project, "search", 1);
    const noopUp = await step("no-op up");
    // What docs/resource.md promises: anything else is a regression, not a figure.
    if (create.search !== 1 || create.create !== 1) throw new Error(`a search resource's create made ${JSON.stringify(create)}, not 1 search + 1 create`);
    if (Object.keys(noopUp).length) throw new Error(`a search resource's no-op up made ${JSON.stringify(noopUp)}, not 0 calls`);
    return { count: SEARCH_COUNT, create, noopUp };
  } finally {
    await project.dispose();
  }
}

export interface StateBytes {
  n: number;
  /** Mean bytes of one resource in `stack export` (compact JSON). */
  perResource: Record<string, number>;
  /** Bytes of the `__provider` text (stored twice per resource: inputs and outputs). */
  providerText: Record<string, number>;
  /** Mean bytes of each top-level field of one resource. */
  parts: Record<string, Record<string, number>>;
}

export const STATE_KINDS: ProgramKind[] = ["reservations", "noop", "inline-noop"];

async function stateBytes(n: number, trial: (setup: Setup, keep?: boolean) => Promise<Trial>): Promise<StateBytes> {
  const out: StateBytes = { n, perResource: {}, providerText: {}, parts: {} };
  for (const kind of STATE_KINDS) {
    const t = await trial({ kind, n, settleMs: 0 }, true);
    try {
      const state = JSON.parse(await t.project.exportedState());
      const resources: Array<Record<string, any>> = state.deployment.resources.filter((r: { type: string }) => r.type === RESOURCE_TYPE[kind]);
      out.perResource[kind] = mean(resources.map((r) => JSON.stringify(r).length));
      out.providerText[kind] = resources[0].inputs.__provider.length;
      out.parts[kind] = Object.fromEntries(Object.keys(resources[0]).map((key) => [key, mean(resources.map((r) => JSON.stringify(r[key] ?? null).length))]));
    } finally {
      await t.project.dispose();
    }
  }
  return out;
}

/**
 * `npm run bench`: the provider measured with the real engine and the local
 * emulator, each figure a ratio to a floor taken in the same run.
 *
 *   up time      N reservations vs N no-op dynamic resources (same engine,
 *                same style of provider: a module export in node_modules)
 *   API calls    per resource, from the emulator's request log: create,
 *                no-op up, refresh, extend, adoption by id and by number
 *   state bytes  per resource in `stack export`, vs the no-op resource
 *   rate limit   up of 100 under 20 requests/s vs calls / rate
 *   memory       peak RSS (VmHWM) of the dynamic provider process at N = 100
 *   where time goes at N = 50: CPU per process, a stand-in with the
 *                reservation's shape but no API calls, more parallelism,
 *                a 1 s settle delay
 *
 * Progress goes to stderr, the report (Markdown) to stdout, ending with one
 * SUMMARY line; both are also written to bench/.out/last.{txt,json}. Options:
 *   --reps R       timing rounds per N (default 5 at N=50, the goal's N, 3 elsewhere)
 *   --sizes a,b,c  N values (default 10,50,100)
 *   --quick        --reps 1 --sizes 10 and small scenarios: checks the bench runs
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { engineWorkspace } from "../test/engine/workspace";
import { TestProject } from "../test/engine/harness";
import { testNumbers } from "../test/helpers/numbers";
import { BENCH_API_KEY, BenchEmulator, countCalls } from "./emulator";
import { ProgramKind, RESOURCE_TYPE, benchProgram } from "./programs";
import { CommandRun, runPulumi } from "./processes";
import { serializedProviderCosts, startupCosts } from "./costs";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(__dirname, ".out");
const UP = ["up", "--yes", "--skip-preview"];
const RATE = 20;
const GOALS = { upAt50: 1.2, state: 2, rateLimited: 1.25 };

interface Options {
  /** Timing rounds at N (each round runs every program once, back to back). */
  reps: (n: number) => number;
  sizes: number[];
  /** N of the adoption scenarios. */
  adoptN: number;
  /** N of the rate-limited scenario. */
  rateN: number;
  /** N of the "where the time goes" runs, and how many of each. */
  probeN: number;
  probeReps: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { reps: (n) => (n === 50 ? 5 : 3), sizes: [10, 50, 100], adoptN: 20, rateN: 100, probeN: 50, probeReps: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") Object.assign(options, { reps: () => 1, sizes: [10], adoptN: 5, rateN: 30, probeN: 10, probeReps: 1 });
    else if (arg === "--reps") {
      const reps = Number(argv[++i]);
      options.reps = () => reps;
    }
    else if (arg === "--sizes") options.sizes = argv[++i].split(",").map(Number);
    else throw new Error(`unknown option ${arg} (see bench/main.ts)`);
  }
  return options;
}

const started = Date.now();
function progress(message: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);
}

/** How a trial runs: the program, its size, the emulator's settle delay and rate limit, pulumi's --parallel. */
interface Setup {
  kind: ProgramKind;
  n: number;
  settleMs: number;
  rate?: number;
  parallel?: number;
}

/** One `pulumi up` of a fresh stack, with what the emulator saw. */
interface Trial extends Setup {
  run: CommandRun;
  calls: Record<string, number>;
  /** Admitted /v2 calls (not answered 429). */
  admitted: number;
  /** ms from the start of `pulumi up` to the first API call; from the last call to the end. */
  firstCallMs?: number;
  afterLastCallMs?: number;
  emulatorCpuMs: number;
  load1: number;
  project: TestProject;
}

export async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  fs.mkdirSync(OUT, { recursive: true });
  const machine = describeMachine();
  progress(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memory}, Node ${machine.node}; load ${machine.loadAtStart}`);

  // The CLI from the shared cache; the programs folder in a bench-only cache, so
  // that concurrent `npm test` runs (which prune other builds) never remove it.
  if (!process.env.PULUMI_CLI_ROOT) {
    const out = execFileSync("bash", [path.join(ROOT, "scripts/ensure-pulumi")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    process.env.PULUMI_CLI_ROOT = out.trim().split("\n").pop()!;
  }
  const cacheRoot = process.env.PULUMI_TELNYX_CACHE || path.join(os.homedir(), ".cache/pulumi-telnyx-reservations");
  process.env.PULUMI_TELNYX_CACHE = path.join(cacheRoot, "bench");
  progress("programs folder (npm pack + npm install, only when dist/ changed)...");
  const ws = engineWorkspace();
  machine.pulumi = execFileSync(path.join(ws.cliRoot, "bin/pulumi"), ["version"], { encoding: "utf8" }).trim();
  machine.pulumiSdk = JSON.parse(fs.readFileSync(path.join(ws.dir, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;

  const emulator = await BenchEmulator.start(ROOT);
  const made: TestProject[] = [];
  try {
    const data = await measure(options, emulator, ws.dir, made);
    const report = renderReport({ ...data, options, machine });
    fs.writeFileSync(path.join(OUT, "last.txt"), report);
    fs.writeFileSync(path.join(OUT, "last.json"), JSON.stringify(toJson({ ...data, options, machine }), null, 2));
    process.stdout.write(report);
    progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  } finally {
    await Promise.all(made.map((p) => p.dispose().catch(() => undefined)));
    await emulator.stop();
  }
}

type Measured = Awaited<ReturnType<typeof measure>>;

async function measure(options: Options, emulator: BenchEmulator, wsDir: string, made: TestProject[]) {
  const trial = async (setup: Setup, keep = false): Promise<Trial> => {
    const { kind, n, settleMs, rate, parallel } = setup;
    await emulator.reset(settleMs, rate ?? 0);
    const config: ConfigMap =
      kind === "reservations"
        ? { ...telnyx(emulator), numbers: { value: JSON.stringify(testNumbers(n)) } }
        : kind === "fake"
          ? { numbers: { value: JSON.stringify(testNumbers(n)) } }
          : { count: { value: String(n) } };
    const project = await TestProject.create({ files: benchProgram(kind), config });
    made.push(project);
    await emulator.control.clearRequests();
    const emulatorCpu = emulator.cpuMs();
    const load1 = os.loadavg()[0];
    const run = await runPulumi(project, parallel ? [...UP, "--parallel", String(parallel)] : UP);
    const emulatorCpuMs = emulator.cpuMs() - emulatorCpu;
    const log = await emulator.requests();
    await expectResources(project, kind, n);
    const times = log.map((e) => Date.parse(e.at));
    const t: Trial = {
      ...setup,
      run,
      calls: countCalls(log),
      admitted: log.filter((e) => e.status !== 429).length,
      firstCallMs: times.length ? Math.min(...times) - run.startedAt : undefined,
      afterLastCallMs: times.length ? run.startedAt + run.ms - Math.max(...times) : undefined,
      emulatorCpuMs,
      load1,
      project,
    };
    if (!keep) await project.dispose();
    progress(
      `  ${label(setup)}: ${sec(run.ms)} s, CPU ${sec(totalCpu(t))} s, calls ${JSON.stringify(t.calls)}, load ${load1.toFixed(2)}`,
    );
    return t;
  };

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
  const adoption = await adoptionCalls(options.adoptN, emulator);

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
  const serialized = await serializedProviderCosts(ROOT);

  return { timing, calls: calls!, adoption, state, limited, probes, startup, serialized };
}

function timingSetups(n: number): Setup[] {
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

function cellKey(s: Setup): string {
  return `${s.kind}${s.kind === "reservations" ? `/settle${s.settleMs}` : ""}${s.rate ? `/rate${s.rate}` : ""}${s.parallel ? `/p${s.parallel}` : ""}@${s.n}`;
}

function label(s: Setup): string {
  return `${s.kind} N=${s.n}${s.kind === "reservations" ? ` settle=${s.settleMs}ms` : ""}${s.rate ? ` rate=${s.rate}/s` : ""}${s.parallel ? ` --parallel ${s.parallel}` : ""}`;
}

function telnyx(emulator: BenchEmulator): ConfigMap {
  return {
    "telnyx:apiKey": { value: BENCH_API_KEY, secret: true },
    "telnyx:baseUrl": { value: emulator.url },
  };
}

/** The stack holds exactly `n` resources of the kind, and every reservation holds its number. */
async function expectResources(project: TestProject, kind: ProgramKind, n: number): Promise<void> {
  const state = JSON.parse(await project.exportedState());
  const resources = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type === RESOURCE_TYPE[kind]);
  if (resources.length !== n) throw new Error(`${kind}: ${resources.length} resources in state, expected ${n}`);
  const bad = resources.filter((r: { outputs: { status?: string } }) => kind === "reservations" && r.outputs.status !== "success");
  if (bad.length) throw new Error(`${kind}: ${bad.length} reservations not successful: ${JSON.stringify(bad[0].outputs)}`);
}

interface OperationCalls {
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

interface AdoptionCalls {
  n: number;
  byId: Record<string, number>;
  byNumber: Record<string, number>;
}

/** Reservations made through the API, then adopted by a program, by id and by number. */
async function adoptionCalls(n: number, emulator: BenchEmulator): Promise<AdoptionCalls> {
  const adopt = async (by: "id" | "number") => {
    await emulator.reset(0);
    const numbers = testNumbers(n, 1000);
    const made = [];
    for (const [i, number] of numbers.entries()) made.push(await emulator.reserve(number, `bulk-${i}`));
    const project = await TestProject.create({
      files: benchProgram("reservations"),
      config: {
        ...telnyx(emulator),
        numbers: { value: JSON.stringify(numbers) },
        adopt: { value: JSON.stringify(by === "id" ? made.map((r) => r.id) : numbers) },
      },
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

interface StateBytes {
  n: number;
  /** Mean bytes of one resource in `stack export` (compact JSON). */
  perResource: Record<string, number>;
  /** Bytes of the `__provider` text (stored twice per resource: inputs and outputs). */
  providerText: Record<string, number>;
  /** Mean bytes of each top-level field of one resource. */
  parts: Record<string, Record<string, number>>;
}

const STATE_KINDS: ProgramKind[] = ["reservations", "noop", "inline-noop"];

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

// ---------------------------------------------------------------- report

interface Machine {
  cpus: number;
  cpuModel: string;
  memory: string;
  node: string;
  os: string;
  loadAtStart: string;
  pulumi?: string;
  pulumiSdk?: string;
}

function describeMachine(): Machine {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const meminfo = fs.readFileSync("/proc/meminfo", "utf8");
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  return {
    cpus: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? "unknown",
    memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAtStart: loadavg(),
  };
}

type ReportInput = Measured & { options: Options; machine: Machine };

function renderReport(r: ReportInput): string {
  const lines: string[] = [];
  const out = (s = "") => lines.push(s);
  const table = (head: string[], rows: string[][], align: string[] = head.map((_, i) => (i ? "---:" : "---"))) => {
    out(`| ${head.join(" | ")} |`);
    out(`|${align.join("|")}|`);
    for (const row of rows) out(`| ${row.join(" | ")} |`);
    out();
  };
  const m = r.machine;
  const sizes = r.options.sizes;
  const cells = (kind: string, settle?: number) => (n: number) => r.timing[cellKey({ kind: kind as ProgramKind, n, settleMs: settle ?? 0 })] ?? [];
  const wall = (ts: Trial[]) => median(ts.map((t) => t.run.ms));
  const cpu = (ts: Trial[]) => median(ts.map(totalCpu));
  const noop = cells("noop");
  const fake = cells("fake");
  const res0 = cells("reservations", 0);
  const res50 = cells("reservations", 50);

  out(`## Bench run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  out();
  out(`- machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memory} RAM, ${m.os}; load average (1/5/15 min) ${m.loadAtStart} at start, ${loadavg()} at end`);
  out(`- software: Node ${m.node}; pulumi ${m.pulumi} (engine, offline build); @pulumi/pulumi ${m.pulumiSdk} in the program and the provider host`);
  out(
    `- method: a fresh stack per run; wall time of \`pulumi up --yes --skip-preview\` (default --parallel: 8); ` +
      `${sizes.map((n) => `${r.options.reps(n)} rounds at N=${n}`).join(", ")}, each round running every program once, back to back; ` +
      "times are medians; **ratios are medians of per-round ratios** (a run over the baseline of its own round, which cancels drifts in machine load); " +
      "CPU = user+system time of every process the engine starts; emulator in its own process (its CPU not counted), reset before each run",
  );
  out();

  out("### up time: N reservations vs N no-op dynamic resources");
  out();
  table(
    ["", ...sizes.map((n) => `N=${n}`)],
    [
      ["baseline: N no-op resources, wall (s)", ...sizes.map((n) => sec(wall(noop(n))))],
      ["reservations, settle 0 ms, wall (s)", ...sizes.map((n) => sec(wall(res0(n))))],
      ["reservations, settle 50 ms, wall (s)", ...sizes.map((n) => sec(wall(res50(n))))],
      ["**ratio, settle 0** (goal <= 1.2x at N=50)", ...sizes.map((n) => `**${paired(res0(n), noop(n))}**`)],
      ["ratio, settle 50", ...sizes.map((n) => paired(res50(n), noop(n)))],
      ["stand-in (reservation's shape, no API), wall (s)", ...sizes.map((n) => sec(wall(fake(n))))],
      ["ratio, stand-in", ...sizes.map((n) => paired(fake(n), noop(n)))],
      ["CPU, baseline (s)", ...sizes.map((n) => sec(cpu(noop(n))))],
      ["CPU, stand-in (s)", ...sizes.map((n) => sec(cpu(fake(n))))],
      ["CPU, reservations settle 0 (s)", ...sizes.map((n) => sec(cpu(res0(n))))],
      ["CPU ratio, settle 0", ...sizes.map((n) => paired(res0(n), noop(n), totalCpu))],
      ["first API call after start, settle 0 (s)", ...sizes.map((n) => sec(median(res0(n).map((t) => t.firstCallMs ?? NaN))))],
      ["API phase (first to last call), settle 0 (s)", ...sizes.map((n) => sec(median(res0(n).map(apiSpan))))],
      ["API phase, settle 50 (s)", ...sizes.map((n) => sec(median(res50(n).map(apiSpan))))],
    ],
  );
  out(`All runs, wall s (load average when each started): ${Object.entries(r.timing).map(([k, ts]) => `${k} ${ts.map((t) => `${sec(t.run.ms)}(${t.load1.toFixed(1)})`).join(" ")}`).join("; ")}`);
  out();

  // where the time goes
  const n50 = r.options.probeN;
  const probe = (key: string) => r.probes[key] ?? r.timing[key] ?? [];
  const roles = ["engine", "program", "provider"];
  const whereRows: Array<[string, Trial[]]> = [
    ["no-op baseline", noop(n50)],
    ["stand-in: reservation's shape, no API", fake(n50)],
    ["reservations, settle 0", res0(n50)],
    ["reservations, settle 50", res50(n50)],
    ["no-op baseline, --parallel 64", probe(`noop/p64@${n50}`)],
    ["reservations, settle 50, --parallel 64", probe(`reservations/settle50/p64@${n50}`)],
    ["reservations, settle 1000 (emulator default)", probe(`reservations/settle1000@${n50}`)],
    ["reservations, settle 1000, --parallel 64", probe(`reservations/settle1000/p64@${n50}`)],
  ];
  out(`### Where the time goes at N=${n50} (medians; CPU in seconds per process)`);
  out();
  table(
    ["run", "runs", "wall (s)", "vs baseline", ...roles.map((role) => `CPU ${role}`), "CPU emulator", "first call (s)", "API phase (s)", "calls"],
    whereRows
      .filter(([, ts]) => ts.length)
      .map(([name, ts]) => [
        name,
        String(ts.length),
        sec(wall(ts)),
        paired(ts, ts[0].parallel ? probe(`noop/p${ts[0].parallel}@${n50}`) : noop(n50)),
        ...roles.map((role) => sec(median(ts.map((t) => t.run.cpuMs[role] ?? 0)))),
        sec(median(ts.map((t) => t.emulatorCpuMs))),
        ts[0].kind === "reservations" ? sec(median(ts.map((t) => t.firstCallMs ?? NaN))) : "-",
        ts[0].kind === "reservations" ? sec(median(ts.map(apiSpan))) : "-",
        ts[0].kind === "reservations" ? callText(ts[ts.length - 1].calls) : "-",
      ]),
  );

  // API calls
  const c = r.calls;
  const perRes = (counts: Record<string, number>, n: number) => total(counts) / n;
  const lastRes50 = res50(c.n).at(-1);
  const callRows: Array<[string, Record<string, number>, number, string]> = [
    [`create, settle 0 (N=${c.n})`, c.create, c.n, "-"],
    ...(lastRes50 ? [[`create, settle 50 (N=${c.n})`, lastRes50.calls, c.n, "-"] as [string, Record<string, number>, number, string]] : []),
    [`no-op up (N=${c.n})`, c.noopUp, c.n, "0"],
    [`refresh (N=${c.n})`, c.refresh, c.n, "1"],
    [`extend: extendTrigger changed (N=${c.n})`, c.extend, c.n, "1"],
    [`adopt by id (N=${r.adoption.n})`, r.adoption.byId, r.adoption.n, "1"],
    [`adopt by number (N=${r.adoption.n})`, r.adoption.byNumber, r.adoption.n, "at most 1 list"],
  ];
  out("### API calls per operation (emulator request log)");
  out();
  table(
    ["operation", "calls", "per resource", "goal per resource"],
    callRows.map(([name, counts, n, goal]) => [name, callText(counts), perRes(counts, n).toFixed(2), goal]),
    ["---", "---", "---:", "---"],
  );
  out("clock = `GET /number_reservations?page[size]=1`, once per provider process (diff learns Telnyx's clock); get = `GET /number_reservations/{id}`; list = `GET /number_reservations?filter[...]`.");
  out();

  // state
  const s = r.state;
  out(`### State bytes per resource (\`stack export\`, compact JSON, N=${s.n})`);
  out();
  const stateName: Record<string, string> = {
    reservations: "NumberReservation",
    noop: "no-op, provider exported by a module in node_modules (the floor)",
    "inline-noop": "no-op, provider written inline in the program",
  };
  table(
    ["resource", "bytes", "`__provider` text (x2)", "ratio to the floor"],
    STATE_KINDS.map((kind) => [stateName[kind], String(s.perResource[kind]), `${s.providerText[kind]} x2`, ratio(s.perResource[kind], s.perResource.noop)]),
  );
  out(`Fields, bytes (reservation / floor): ${Object.keys(s.parts.reservations).map((k) => `${k} ${s.parts.reservations[k]}/${s.parts.noop[k] ?? 0}`).join(", ")}.`);
  out();
  out(
    `Provider text: ${s.providerText.reservations} bytes, a \`require\` of the installed package's \`./dist/provider/instance.js\`; ` +
      `serialized by value (the same provider loaded from outside node_modules) it would be ${r.serialized.byValueBytes} bytes, ` +
      `stored twice per resource, and take ${r.serialized.byValueMs} ms to serialize.`,
  );
  out();

  // rate limit
  out(`### Rate limit ${RATE} requests/s, N=${r.limited[0].n}`);
  out();
  const rl = (t: Trial) => {
    const floor = (t.admitted / RATE) * 1000;
    const free = wall(r.timing[cellKey({ kind: "reservations", n: t.n, settleMs: t.settleMs })] ?? []);
    const freeNonApi = median((r.timing[cellKey({ kind: "reservations", n: t.n, settleMs: t.settleMs })] ?? []).map((u) => u.run.ms - apiSpan(u)));
    return { floor, free, freeNonApi };
  };
  table(
    ["", ...r.limited.map((t) => `settle ${t.settleMs} ms`)],
    [
      ["up, wall (s)", ...r.limited.map((t) => sec(t.run.ms))],
      ["admitted calls / answered 429", ...r.limited.map((t) => `${t.admitted} / ${t.calls["429"] ?? 0}`)],
      ["floor = admitted calls / rate (s)", ...r.limited.map((t) => sec(rl(t).floor))],
      ["**up / floor** (goal <= 1.25x)", ...r.limited.map((t) => `**${ratio(t.run.ms, rl(t).floor)}**`)],
      ["API phase, first to last call (s)", ...r.limited.map((t) => sec(apiSpan(t)))],
      ["API phase / floor", ...r.limited.map((t) => ratio(apiSpan(t), rl(t).floor))],
      ["before the first call + after the last (s)", ...r.limited.map((t) => sec(t.run.ms - apiSpan(t)))],
      ["same N without a limit, wall (s)", ...r.limited.map((t) => sec(rl(t).free))],
      ["up / (unlimited run's non-API time + floor)", ...r.limited.map((t) => ratio(t.run.ms, rl(t).freeNonApi + rl(t).floor))],
      ["failed resources", ...r.limited.map((t) => `0 (${t.n} reservations held)`)],
    ],
  );

  // memory
  const big = Math.max(...sizes);
  const peak = (ts: Trial[], role: "provider" | "program") => Math.max(0, ...ts.map((t) => t.run.peakKb[role] ?? 0));
  out(`### Memory: peak RSS (VmHWM) at N=${big}, highest over the runs`);
  out();
  table(
    ["process", "reservations, settle 0", "reservations, settle 50", "stand-in", "no-op baseline", `rate-limited (N=${r.limited[0].n})`],
    (["provider", "program"] as const).map((role) => [
      role === "provider" ? "dynamic provider host" : "program (cmd/run)",
      mib(peak(res0(big), role)),
      mib(peak(res50(big), role)),
      mib(peak(fake(big), role)),
      mib(peak(noop(big), role)),
      mib(peak(r.limited, role)),
    ]),
  );
  out(
    `Module load, median of ${r.startup.runs} fresh processes that already loaded @pulumi/pulumi (${r.startup.pulumiRequireMs} ms itself): ` +
      `provider ${r.startup.providerRequireMs} ms (once per provider host), SDK ${r.startup.sdkRequireMs} ms (once per program).`,
  );
  out();

  // summary
  const at = sizes.includes(50) ? 50 : sizes[0];
  const upRatio = pairedValue(res0(at), noop(at));
  const up50Ratio = pairedValue(res50(at), noop(at));
  const stateRatio = s.perResource.reservations / s.perResource.noop;
  const rl0 = r.limited[0];
  const rlRatio = rl0.run.ms / rl(rl0).floor;
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const noopCalls = total(c.noopUp);
  const refreshPer = perRes(c.refresh, c.n);
  const extendPer = perRes(c.extend, c.n);
  const idPer = perRes(r.adoption.byId, r.adoption.n);
  const listsPer = (r.adoption.byNumber.list ?? 0) / r.adoption.n;
  out(
    `SUMMARY: up N=${at} ${upRatio.toFixed(2)}x baseline at settle 0 (${up50Ratio.toFixed(2)}x at settle 50; goal 1.2, ${verdict(upRatio <= GOALS.upAt50)}) | ` +
      `no-op up ${noopCalls} call${noopCalls === 1 ? "" : "s"} (${callText(c.noopUp)}; goal 0, ${verdict(noopCalls === 0)}) | refresh ${refreshPer.toFixed(2)}/res (goal 1, ${verdict(refreshPer <= 1)}) | ` +
      `extend ${extendPer.toFixed(2)}/res (${callText(c.extend)}; goal 1, ${verdict(extendPer <= 1)}) | adopt by id ${idPer.toFixed(2)}/res (goal 1, ${verdict(idPer <= 1)}), by number ${listsPer.toFixed(2)} list/res (goal <= 1, ${verdict(listsPer <= 1)}) | ` +
      `state ${stateRatio.toFixed(2)}x (goal 2, ${verdict(stateRatio <= GOALS.state)}) | ` +
      `rate-limited up ${rlRatio.toFixed(2)}x calls/rate (goal 1.25, ${verdict(rlRatio <= GOALS.rateLimited)}; API phase ${(apiSpan(rl0) / rl(rl0).floor).toFixed(2)}x) | ` +
      `provider peak RSS ${mib(peak(res0(big), "provider"))} at N=${big}`,
  );
  return lines.join("\n") + "\n";
}

function toJson(r: ReportInput) {
  const slim = (t: Trial) => ({
    ...Object.fromEntries(Object.entries(t).filter(([k]) => k !== "project" && k !== "run")),
    ms: Math.round(t.run.ms),
    cpuMs: t.run.cpuMs,
    peakKb: t.run.peakKb,
  });
  const mapTrials = (o: Record<string, Trial[]>) => Object.fromEntries(Object.entries(o).map(([k, ts]) => [k, ts.map(slim)]));
  return { ...r, timing: mapTrials(r.timing), probes: mapTrials(r.probes), limited: r.limited.map(slim) };
}

/**
 * Median over rounds of a[i] / b[i], the runs of one round being back to back
 * (the ratio of the medians when a and b do not come from the same rounds).
 */
function pairedValue(a: Trial[], b: Trial[], measure: (t: Trial) => number = (t) => t.run.ms): number {
  if (!a.length || !b.length) return NaN;
  if (a.length !== b.length) return median(a.map(measure)) / median(b.map(measure));
  return median(a.map((t, i) => measure(t) / measure(b[i])));
}

function paired(a: Trial[], b: Trial[], measure?: (t: Trial) => number): string {
  const value = pairedValue(a, b, measure);
  return Number.isNaN(value) ? "n/a" : `${value.toFixed(2)}x`;
}

/** ms between the first and the last API call of a run (0 when none). */
function apiSpan(t: Trial): number {
  return t.firstCallMs === undefined ? 0 : t.run.ms - t.firstCallMs - (t.afterLastCallMs ?? 0);
}

function totalCpu(t: Trial): number {
  return Object.values(t.run.cpuMs).reduce((a, b) => a + b, 0);
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function callText(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(" + ") || "none";
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mean(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

function loadavg(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

const sec = (ms: number) => (Number.isNaN(ms) ? "n/a" : (ms / 1000).toFixed(2));
const ratio = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) || !b ? "n/a" : `${(a / b).toFixed(2)}x`);
const mib = (kb: number) => (kb ? `${(kb / 1024).toFixed(0)} MiB` : "n/a");

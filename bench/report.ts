/**
 * The default run's report (Markdown, ending with one SUMMARY line) and its raw
 * figures as JSON. Pure formatting of what scenarios.ts measured, one function
 * per section, in the order the report prints them.
 */
import { ProgramKind } from "./programs";
import { Machine, machineLines } from "./machine";
import type { Options } from "./options";
import { Measured, RATE, STATE_KINDS } from "./scenarios";
import { Trial, cellKey, slimTrial } from "./trials";
import { Markdown, apiSpan, callText, median, mib, paired, pairedValue, ratio, sec, total, totalCpu } from "./stats";

const GOALS = { upAt50: 1.2, state: 2, rateLimited: 1.25 };

export type ReportInput = Measured & { options: Options; machine: Machine };

export function renderReport(r: ReportInput): string {
  const md = new Markdown();
  const v = view(r);
  header(md, r);
  upTime(md, r, v);
  whereTheTimeGoes(md, r, v);
  apiCalls(md, r, v);
  stateBytes(md, r);
  rateLimit(md, r, v);
  memory(md, r, v);
  summary(md, r, v);
  return md.text();
}

/** The timed runs by program, and the medians every section uses. */
function view(r: ReportInput) {
  const cells = (kind: string, settle?: number) => (n: number) => r.timing[cellKey({ kind: kind as ProgramKind, n, settleMs: settle ?? 0 })] ?? [];
  const wall = (ts: Trial[]) => median(ts.map((t) => t.run.ms));
  return {
    wall,
    cpu: (ts: Trial[]) => median(ts.map(totalCpu)),
    noop: cells("noop"),
    fake: cells("fake"),
    res0: cells("reservations", 0),
    res50: cells("reservations", 50),
    /** The largest N, where memory peaks. */
    big: Math.max(...r.options.sizes),
    peak: (ts: Trial[], role: "provider" | "program") => Math.max(0, ...ts.map((t) => t.run.peakKb[role] ?? 0)),
    perRes: (counts: Record<string, number>, n: number) => total(counts) / n,
    /** A rate-limited run's floor (admitted calls / rate), and the same N's unlimited wall and non-API time. */
    rl: (t: Trial) => {
      const free = r.timing[cellKey({ kind: "reservations", n: t.n, settleMs: t.settleMs })] ?? [];
      return { floor: (t.admitted / RATE) * 1000, free: wall(free), freeNonApi: median(free.map((u) => u.run.ms - apiSpan(u))) };
    },
  };
}

type View = ReturnType<typeof view>;

function header(md: Markdown, r: ReportInput): void {
  const sizes = r.options.sizes;
  md.out(`## Bench run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  md.out();
  for (const line of machineLines(r.machine)) md.out(line);
  md.out(
    `- method: a fresh stack per run; wall time of \`pulumi up --yes --skip-preview\` (default --parallel: 8); ` +
      `${sizes.map((n) => `${r.options.reps(n)} rounds at N=${n}`).join(", ")}, each round running every program once, back to back; ` +
      "times are medians; **ratios are medians of per-round ratios** (a run over the baseline of its own round, which cancels drifts in machine load); " +
      "CPU = user+system time of every process the engine starts; emulator in its own process (its CPU not counted), reset before each run",
  );
  md.out();
}

function upTime(md: Markdown, r: ReportInput, { wall, cpu, noop, fake, res0, res50 }: View): void {
  const sizes = r.options.sizes;
  md.out("### up time: N reservations vs N no-op dynamic resources");
  md.out();
  md.table(
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
  md.out(`All runs, wall s (load average when each started): ${Object.entries(r.timing).map(([k, ts]) => `${k} ${ts.map((t) => `${sec(t.run.ms)}(${t.load1.toFixed(1)})`).join(" ")}`).join("; ")}`);
  md.out();
}

function whereTheTimeGoes(md: Markdown, r: ReportInput, { wall, noop, fake, res0, res50 }: View): void {
  const n50 = r.options.probeN;
  const probe = (key: string) => r.probes[key] ?? r.timing[key] ?? [];
  const roles = ["engine", "program", "provider"];
  const rows: Array<[string, Trial[]]> = [
    ["no-op baseline", noop(n50)],
    ["stand-in: reservation's shape, no API", fake(n50)],
    ["reservations, settle 0", res0(n50)],
    ["reservations, settle 50", res50(n50)],
    ["no-op baseline, --parallel 64", probe(`noop/p64@${n50}`)],
    ["reservations, settle 50, --parallel 64", probe(`reservations/settle50/p64@${n50}`)],
    ["reservations, settle 1000 (emulator default)", probe(`reservations/settle1000@${n50}`)],
    ["reservations, settle 1000, --parallel 64", probe(`reservations/settle1000/p64@${n50}`)],
  ];
  md.out(`### Where the time goes at N=${n50} (medians; CPU in seconds per process)`);
  md.out();
  md.table(
    ["run", "runs", "wall (s)", "vs baseline", ...roles.map((role) => `CPU ${role}`), "CPU emulator", "first call (s)", "API phase (s)", "calls"],
    rows
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
}

function apiCalls(md: Markdown, r: ReportInput, { res50, perRes }: View): void {
  const c = r.calls;
  const lastRes50 = res50(c.n).at(-1);
  const rows: Array<[string, Record<string, number>, number, string]> = [
    [`create, settle 0 (N=${c.n})`, c.create, c.n, "-"],
    ...(lastRes50 ? [[`create, settle 50 (N=${c.n})`, lastRes50.calls, c.n, "-"] as [string, Record<string, number>, number, string]] : []),
    [`no-op up (N=${c.n})`, c.noopUp, c.n, "0"],
    [`refresh (N=${c.n})`, c.refresh, c.n, "1"],
    [`extend: extendTrigger changed (N=${c.n})`, c.extend, c.n, "1"],
    [`adopt by id (N=${r.adoption.n})`, r.adoption.byId, r.adoption.n, "1"],
    [`adopt by number (N=${r.adoption.n})`, r.adoption.byNumber, r.adoption.n, "at most 1 list"],
    [`search resource create (count ${r.search.count})`, r.search.create, 1, "1 search + 1 create"],
    [`search resource no-op up`, r.search.noopUp, 1, "0"],
  ];
  md.out("### API calls per operation (emulator request log)");
  md.out();
  md.table(
    ["operation", "calls", "per resource", "goal per resource"],
    rows.map(([name, counts, n, goal]) => [name, callText(counts), perRes(counts, n).toFixed(2), goal]),
    ["---", "---", "---:", "---"],
  );
  md.out(
    "clock = `GET /number_reservations?page[size]=1`, Telnyx's clock, read only when a hold lapses or a keep-alive window opens within 5 minutes; " +
      "get = `GET /number_reservations/{id}`; list = `GET /number_reservations?filter[...]`.",
  );
  md.out();
}

function stateBytes(md: Markdown, r: ReportInput): void {
  const s = r.state;
  md.out(`### State bytes per resource (\`stack export\`, compact JSON, N=${s.n})`);
  md.out();
  const names: Record<string, string> = {
    reservations: "NumberReservation",
    noop: "no-op, provider exported by a module in node_modules (the floor)",
    "inline-noop": "no-op, provider written inline in the program",
  };
  md.table(
    ["resource", "bytes", "`__provider` text (x2)", "ratio to the floor"],
    STATE_KINDS.map((kind) => [names[kind], String(s.perResource[kind]), `${s.providerText[kind]} x2`, ratio(s.perResource[kind], s.perResource.noop)]),
  );
  md.out(`Fields, bytes (reservation / floor): ${Object.keys(s.parts.reservations).map((k) => `${k} ${s.parts.reservations[k]}/${s.parts.noop[k] ?? 0}`).join(", ")}.`);
  md.out();
  md.out(
    `Provider text: ${s.providerText.reservations} bytes, a \`require\` of the installed package's provider module; ` +
      `serialized by value (the same provider loaded from outside node_modules) it would be ${r.serialized.byValueBytes} bytes, ` +
      `stored twice per resource, and take ${r.serialized.byValueMs} ms to serialize.`,
  );
  md.out();
}

function rateLimit(md: Markdown, r: ReportInput, { rl }: View): void {
  md.out(`### Rate limit ${RATE} requests/s, N=${r.limited[0].n}`);
  md.out();
  md.table(
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
}

function memory(md: Markdown, r: ReportInput, { noop, fake, res0, res50, big, peak }: View): void {
  md.out(`### Memory: peak RSS (VmHWM) at N=${big}, highest over the runs`);
  md.out();
  md.table(
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
  md.out(
    `Module load, median of ${r.startup.runs} fresh processes that already loaded @pulumi/pulumi (${r.startup.pulumiRequireMs} ms itself): ` +
      `provider ${r.startup.providerRequireMs} ms (once per provider host), SDK ${r.startup.sdkRequireMs} ms (once per program).`,
  );
  md.out();
}

/** One line with every goal and whether this run met it. */
function summary(md: Markdown, r: ReportInput, { noop, res0, res50, big, peak, perRes, rl }: View): void {
  const sizes = r.options.sizes;
  const c = r.calls;
  const s = r.state;
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
  md.out(
    `SUMMARY: up N=${at} ${upRatio.toFixed(2)}x baseline at settle 0 (${up50Ratio.toFixed(2)}x at settle 50; goal 1.2, ${verdict(upRatio <= GOALS.upAt50)}) | ` +
      `no-op up ${noopCalls} call${noopCalls === 1 ? "" : "s"} (${callText(c.noopUp)}; goal 0, ${verdict(noopCalls === 0)}) | refresh ${refreshPer.toFixed(2)}/res (goal 1, ${verdict(refreshPer <= 1)}) | ` +
      `extend ${extendPer.toFixed(2)}/res (${callText(c.extend)}; goal 1, ${verdict(extendPer <= 1)}) | adopt by id ${idPer.toFixed(2)}/res (goal 1, ${verdict(idPer <= 1)}), by number ${listsPer.toFixed(2)} list/res (goal <= 1, ${verdict(listsPer <= 1)}) | ` +
      `state ${stateRatio.toFixed(2)}x (goal 2, ${verdict(stateRatio <= GOALS.state)}) | ` +
      `rate-limited up ${rlRatio.toFixed(2)}x calls/rate (goal 1.25, ${verdict(rlRatio <= GOALS.rateLimited)}; API phase ${(apiSpan(rl0) / rl(rl0).floor).toFixed(2)}x) | ` +
      `provider peak RSS ${mib(peak(res0(big), "provider"))} at N=${big}`,
  );
}

export function toJson(r: ReportInput) {
  const mapTrials = (o: Record<string, Trial[]>) => Object.fromEntries(Object.entries(o).map(([k, ts]) => [k, ts.map(slimTrial)]));
  return { ...r, reps: r.options.sizes.map((n) => r.options.reps(n)), timing: mapTrials(r.timing), probes: mapTrials(r.probes), limited: r.limited.map(slimTrial) };
}

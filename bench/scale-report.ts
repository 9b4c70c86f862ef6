/** The `--scale` report (Markdown, ending with one SUMMARY line) and its raw figures as JSON. */
import type { Machine } from "./machine";
import { machineLines } from "./machine";
import type { Options } from "./options";
import { ScaleMeasured, UpdateRun } from "./scale";
import { TeamsMeasured } from "./teams";
import { ProgramKind } from "./programs";
import { Trial, cellKey, slimTrial } from "./trials";
import { Markdown, callText, mb, median, paired, pairedValue, ratio, sec, total } from "./stats";

export const SCALE_GOALS = { upAtFirst: 1.2, upAtSecond: 1.25, extend: 1.2 };

/** Issue 22's goals on users' shape: median of interleaved rounds, by N; state per resource against the floor's. */
export const USERS_GOALS = { up: { 500: 1.1, 1000: 1.15 } as Record<number, number>, statePerResource: 1.1 };

type ScaleInput = ScaleMeasured & TeamsMeasured & { options: Options; machine: Machine };

const NAMES: Record<string, string> = {
  noop: "floor: N no-op dynamic resources",
  fake: "stand-in: the reservation's shape, no API",
  reservations: "reservations, settle 0",
  "users-floor": "users' floor: N no-op resources, two exported arrays",
  users: "users' shape: own reference and keep-alive window, two arrays, one list",
};
const ROLES = ["engine", "language host", "program", "provider", "other"];

export function renderScaleReport(r: ScaleInput): string {
  const md = new Markdown();
  const v = view(r);
  header(md, r);
  if (r.options.usersReps) usersShape(md, r, v);
  if (!r.options.usersOnly) {
    upTimes(md, r, v);
    whereTheTimeGoes(md, r, v, KINDS);
    updates(md, r);
    settings(md, r, v);
  }
  if (r.options.usersReps) whereTheTimeGoes(md, r, v, USERS_KINDS);
  teams(md, r);
  summary(md, r, v);
  return md.text();
}

const KINDS: ProgramKind[] = ["noop", "fake", "reservations"];
const USERS_KINDS: ProgramKind[] = ["users-floor", "users"];

/** Fresh-stack ups by program and N, and their medians. */
function view(r: ScaleInput) {
  return {
    ups: (kind: ProgramKind, n: number): Trial[] => r.ups[cellKey({ kind, n, settleMs: 0 })] ?? [],
    wall: (ts: Trial[]) => median(ts.map((t) => t.run.ms)),
    cpu: (ts: Trial[], role: string) => median(ts.map((t) => t.run.cpuMs[role] ?? 0)),
  };
}

type View = ReturnType<typeof view>;

/**
 * The extend goal's base (issue 15: "the floor's no-op update + N calls / allowed rate"): the floor's
 * update of every one of its N do-nothing resources, with the same checkpoint setting, plus the calls
 * at the allowed rate.
 */
function extendGoal(r: ScaleInput, u: UpdateRun, rate: number): number {
  const floorUpdate = u.skipCheckpoints ? r.floorUpdates[2] : r.floorUpdates[1];
  return floorUpdate.run.ms + (rate ? (total(u.calls) / rate) * 1000 : 0);
}

function header(md: Markdown, r: ScaleInput): void {
  md.out(`## Bench run (--scale) ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  md.out();
  for (const line of machineLines(r.machine)) md.out(line);
  md.out(
    `- method: a fresh stack per \`pulumi up --yes --skip-preview\` (--parallel 8), ${r.options.sizes.map((n) => `${r.options.reps(n)} round(s) at N=${n}`).join(", ")}; ` +
      "ratios are medians of per-round ratios; CPU from /proc per process (by command line); disk = bytes the pulumi process tree wrote to disk (write_bytes), " +
      "with the file backend mostly the checkpoint and its .bak copy, rewritten after every step",
  );
  md.out();
}

function upTimes(md: Markdown, r: ScaleInput, { ups, wall }: View): void {
  const sizes = r.options.sizes;
  const pairs = sizes.slice(1).map((n, i) => [sizes[i], n] as const);
  md.out("### up: wall time and ratio to the floor");
  md.out();
  md.table(
    ["", ...sizes.map((n) => `N=${n} wall (s)`), ...sizes.map((n) => `N=${n} vs floor`), ...pairs.map(([a, b]) => `growth ${a}→${b}`)],
    KINDS.map((kind) => [
      NAMES[kind],
      ...sizes.map((n) => sec(wall(ups(kind, n)))),
      ...sizes.map((n) => paired(ups(kind, n), ups("noop", n))),
      ...pairs.map(([a, b]) => ratio(wall(ups(kind, b)), wall(ups(kind, a)))),
    ]),
  );
}

/** The fastest run's wall time (ms). */
const best = (ts: Trial[]) => (ts.length ? Math.min(...ts.map((t) => t.run.ms)) : NaN);

/** Users' shape against its floor: the median of per-round ratios, best against best, and state per resource. */
function usersShape(md: Markdown, r: ScaleInput, { ups, wall }: View): void {
  md.out(`### Users' shape: up against its floor (${r.options.usersReps} interleaved round(s) per N)`);
  md.out();
  const perResource = (ts: Trial[], n: number) => median(ts.map((t) => t.stateBytes)) / n;
  const valuesPerResource = (ts: Trial[], n: number) => median(ts.map((t) => t.stateValues)) / n;
  md.table(
    [
      "N",
      "floor wall median / best (s)",
      "ours wall median / best (s)",
      "ratio: median of rounds",
      "ratio: best to best",
      "goal",
      "state bytes per resource: floor, ours, ratio (goal)",
      "property values per resource: floor, ours",
      "calls",
    ],
    r.options.sizes.map((n) => {
      const floor = ups("users-floor", n);
      const ours = ups("users", n);
      const goal = USERS_GOALS.up[n];
      const state = [perResource(floor, n), perResource(ours, n)];
      return [
        String(n),
        `${sec(wall(floor))} / ${sec(best(floor))}`,
        `${sec(wall(ours))} / ${sec(best(ours))}`,
        paired(ours, floor),
        ratio(best(ours), best(floor)),
        goal ? `<= ${goal}x` : "-",
        `${Math.round(state[0])}, ${Math.round(state[1])}, ${ratio(state[1], state[0])} (<= ${USERS_GOALS.statePerResource}x)`,
        `${valuesPerResource(floor, n)}, ${valuesPerResource(ours, n)}`,
        ours.length ? callText(ours[ours.length - 1].calls) : "-",
      ];
    }),
  );
  if (r.usersNoop) md.out(`No-op \`up\` of the last N=${r.updateN} stack of users' shape: ${sec(r.usersNoop.run.ms)} s, calls: ${callText(r.usersNoop.calls)}.`);
  md.out();
}

function whereTheTimeGoes(md: Markdown, r: ScaleInput, { ups, wall, cpu }: View, kinds: ProgramKind[]): void {
  md.out("### Where the time goes (medians; CPU s per process; disk MB written per `up`)");
  md.out();
  md.table(
    ["run", "wall (s)", ...ROLES.map((role) => `CPU ${role}`), "CPU emulator", "disk MB", "disk bytes per resource", "calls"],
    r.options.sizes.flatMap((n) =>
      kinds.map((kind) => {
        const ts = ups(kind, n);
        const disk = median(ts.map((t) => t.run.diskWriteBytes));
        return [
          `${NAMES[kind]}, N=${n}`,
          sec(wall(ts)),
          ...ROLES.map((role) => sec(cpu(ts, role))),
          sec(median(ts.map((t) => t.emulatorCpuMs))),
          mb(disk),
          String(Math.round(disk / n)),
          ts.length ? callText(ts[ts.length - 1].calls) : "-",
        ];
      }),
    ),
  );
}

function updates(md: Markdown, r: ScaleInput): void {
  const noopUp = r.floorUpdates[0];
  const rows = [...r.floorUpdates, ...r.reservationUpdates, ...(r.limitedExtend ? [r.limitedExtend] : [])];
  md.out(`### Updates of the N=${r.updateN} stacks`);
  md.out();
  md.table(
    ["run", "checkpoints", "wall (s)", "vs floor's no-op up", "CPU engine", "CPU program", "CPU provider", "disk MB", "checkpoint writes (count, MB)", "calls"],
    rows.map((u) => [
      u.what,
      u.skipCheckpoints ? "PULUMI_SKIP_CHECKPOINTS" : "default",
      sec(u.run.ms),
      ratio(u.run.ms, noopUp.run.ms),
      sec(u.run.cpuMs.engine ?? 0),
      sec(u.run.cpuMs.program ?? 0),
      sec(u.run.cpuMs.provider ?? 0),
      mb(u.run.diskWriteBytes),
      u.checkpoints ? `${u.checkpoints.count}, ${mb(u.checkpoints.bytes)}` : "-",
      callText(u.calls),
    ]),
  );
  const [, extend, extendSkip] = r.reservationUpdates;
  md.out(
    `Extend goal: at most ${SCALE_GOALS.extend}x (the floor's update of its N do-nothing resources, same checkpoints, + calls / allowed rate); with no rate limit the second term is 0. ` +
      `Default checkpoints: ${ratio(extend.run.ms, extendGoal(r, extend, 0))}; with PULUMI_SKIP_CHECKPOINTS: ${ratio(extendSkip.run.ms, extendGoal(r, extendSkip, 0))}` +
      (r.limitedExtend ? `; at ${r.options.extendRate} requests/s: ${ratio(r.limitedExtend.run.ms, extendGoal(r, r.limitedExtend, r.options.extendRate))}` : "") +
      `. Against the floor's no-op up (nothing to update): ${ratio(extend.run.ms, r.floorUpdates[0].run.ms)} default, ${ratio(extendSkip.run.ms, r.floorUpdates[0].run.ms)} skipped.`,
  );
  md.out();
}

function settings(md: Markdown, r: ScaleInput, { ups, wall, cpu }: View): void {
  const n = r.updateN;
  const defaultUp = ups("reservations", n);
  md.out(`### Settings, on the reservations' up at N=${n}`);
  md.out();
  md.table(
    ["setting", "wall (s)", "vs default settings", "floor, same setting (s)", "vs floor, same setting", "CPU engine", "CPU program", "CPU provider", "disk MB"],
    [
      [
        "default (--parallel 8, checkpoints on, no compression)",
        sec(wall(defaultUp)),
        "1.00x",
        sec(wall(ups("noop", n))),
        paired(defaultUp, ups("noop", n)),
        ...["engine", "program", "provider"].map((role) => sec(cpu(defaultUp, role))),
        mb(median(defaultUp.map((t) => t.run.diskWriteBytes))),
      ],
      ...r.settings.map((t, i) => [
        t.envName ?? `--parallel ${t.parallel}`,
        sec(t.run.ms),
        ratio(t.run.ms, wall(defaultUp)),
        sec(r.floorSettings[i].run.ms),
        ratio(t.run.ms, r.floorSettings[i].run.ms),
        ...["engine", "program", "provider"].map((role) => sec(t.run.cpuMs[role] ?? 0)),
        mb(t.run.diskWriteBytes),
      ]),
    ],
  );
}

/** Team state: the same up on the file backend and on PostgreSQL; a keep-alive across stacks on PostgreSQL. */
function teams(md: Markdown, r: ScaleInput): void {
  const n = r.options.sizes[0];
  const [file, postgres] = [false, true].map((pg) => r.backendUps[cellKey({ kind: "reservations", n, settleMs: 0, postgres: pg })] ?? []);
  if (!file.length && !r.keepAlive) return;
  md.out("### Team state (issue 21)");
  md.out();
  if (file.length) {
    md.table(
      ["reservations' up, N=" + n, "wall median (s)", "CPU engine (s)", "disk MB", "vs file backend"],
      [
        ["file backend", sec(median(file.map((t) => t.run.ms))), sec(median(file.map((t) => t.run.cpuMs.engine ?? 0))), mb(median(file.map((t) => t.run.diskWriteBytes))), "1.00x"],
        [
          "PostgreSQL (`postgres://`, loopback)",
          sec(median(postgres.map((t) => t.run.ms))),
          sec(median(postgres.map((t) => t.run.cpuMs.engine ?? 0))),
          mb(median(postgres.map((t) => t.run.diskWriteBytes))),
          paired(postgres, file),
        ],
      ],
    );
    md.out(`${file.length} round(s), file then PostgreSQL back to back; disk MB is what the pulumi process tree wrote (the database server's own writes are not counted).`);
    md.out();
  }
  const k = r.keepAlive;
  if (k) {
    const each = k.runs.map((run) => run.ms);
    md.out(
      `Scheduled keep-alive across ${k.stacks} stacks of ${k.holdsPerStack} holds on one PostgreSQL backend, ${k.parallel} at a time: ` +
        `${sec(k.wallMs)} s in all (each stack's \`up\`: median ${sec(median(each))} s, slowest ${sec(Math.max(...each))} s); ` +
        `calls ${callText(k.calls)}; ${k.liveNumbers} numbers held live after it, ${k.distinctLiveNumbers} distinct (expected ${k.stacks * k.holdsPerStack}).`,
    );
    md.out();
  }
}

/** One line with every goal and whether this run met it. */
function summary(md: Markdown, r: ScaleInput, v: View): void {
  const users = [r.options.usersReps ? usersSummary(r, v) : "", teamsSummary(r)].filter(Boolean).join(" | ");
  if (r.options.usersOnly) {
    md.out(`SUMMARY: ${users}`);
    return;
  }
  const { ups, wall } = v;
  const [a, b] = r.options.sizes;
  const [noopUp, extend, extendSkip] = r.reservationUpdates;
  const upA = pairedValue(ups("reservations", a), ups("noop", a));
  const upB = b ? pairedValue(ups("reservations", b), ups("noop", b)) : NaN;
  const growth = (kind: ProgramKind) => (b ? wall(ups(kind, b)) / wall(ups(kind, a)) : NaN);
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const extendRatio = extend.run.ms / extendGoal(r, extend, 0);
  md.out(
    `SUMMARY: up N=${a} ${upA.toFixed(2)}x floor (goal ${SCALE_GOALS.upAtFirst}, ${verdict(upA <= SCALE_GOALS.upAtFirst)})` +
      (b ? ` | up N=${b} ${upB.toFixed(2)}x (goal ${SCALE_GOALS.upAtSecond}, ${verdict(upB <= SCALE_GOALS.upAtSecond)}) | growth ${a}→${b}: floor ${growth("noop").toFixed(2)}x, stand-in ${growth("fake").toFixed(2)}x, reservations ${growth("reservations").toFixed(2)}x (goal <= floor's, ${verdict(growth("reservations") <= growth("noop"))})` : "") +
      ` | extend N=${r.updateN} ${sec(extend.run.ms)} s = ${extendRatio.toFixed(2)}x goal base (goal ${SCALE_GOALS.extend}, ${verdict(extendRatio <= SCALE_GOALS.extend)}); ` +
      `${sec(extendSkip.run.ms)} s with PULUMI_SKIP_CHECKPOINTS (${(extendSkip.run.ms / extendGoal(r, extendSkip, 0)).toFixed(2)}x) | no-op up ${callText(noopUp.calls)}` +
      (users ? ` | ${users}` : ""),
  );
}

/** Team state for the SUMMARY line (no goal: figures only). */
function teamsSummary(r: ScaleInput): string {
  const n = r.options.sizes[0];
  const [file, postgres] = [false, true].map((pg) => r.backendUps[cellKey({ kind: "reservations", n, settleMs: 0, postgres: pg })] ?? []);
  const parts = file.length ? [`up N=${n} on PostgreSQL ${paired(postgres, file)} the file backend's`] : [];
  const k = r.keepAlive;
  if (k) parts.push(`keep-alive of ${k.stacks} stacks, ${k.parallel} at a time: ${sec(k.wallMs)} s, ${callText(k.calls)}`);
  return parts.join(" | ");
}

/** Users' shape against issue 22's goals, for the SUMMARY line. */
function usersSummary(r: ScaleInput, { ups }: View): string {
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const parts = r.options.sizes.map((n) => {
    const value = pairedValue(ups("users", n), ups("users-floor", n));
    const goal = USERS_GOALS.up[n];
    return `users' shape N=${n} ${value.toFixed(2)}x floor` + (goal ? ` (goal ${goal}, ${verdict(value <= goal)})` : "");
  });
  const n = r.options.sizes[0];
  const bytes = (kind: ProgramKind) => median(ups(kind, n).map((t) => t.stateBytes));
  const state = bytes("users") / bytes("users-floor");
  parts.push(`state per resource ${state.toFixed(2)}x floor's (goal ${USERS_GOALS.statePerResource}, ${verdict(state <= USERS_GOALS.statePerResource)})`);
  if (r.usersNoop) parts.push(`users' no-op up ${callText(r.usersNoop.calls)}`);
  return parts.join(" | ");
}

export function scaleJson(r: ScaleInput) {
  const slimUpdate = (u: UpdateRun) => ({ ...u, run: { ms: Math.round(u.run.ms), cpuMs: u.run.cpuMs, diskWriteBytes: u.run.diskWriteBytes } });
  return {
    options: { ...r.options, reps: r.options.sizes.map((n) => r.options.reps(n)) },
    machine: r.machine,
    ups: Object.fromEntries(Object.entries(r.ups).map(([k, ts]) => [k, ts.map(slimTrial)])),
    updateN: r.updateN,
    floorUpdates: r.floorUpdates.map(slimUpdate),
    reservationUpdates: r.reservationUpdates.map(slimUpdate),
    limitedExtend: r.limitedExtend && slimUpdate(r.limitedExtend),
    settings: r.settings.map(slimTrial),
    floorSettings: r.floorSettings.map(slimTrial),
    usersNoop: r.usersNoop && slimUpdate(r.usersNoop),
    backendUps: Object.fromEntries(Object.entries(r.backendUps).map(([k, ts]) => [k, ts.map(slimTrial)])),
    keepAlive: r.keepAlive && { ...r.keepAlive, wallMs: Math.round(r.keepAlive.wallMs), runs: r.keepAlive.runs.map((run) => Math.round(run.ms)) },
  };
}

/**
 * What `npm run bench -- --scale` measures: `up` of N no-op resources (the
 * floor), N stand-ins and N reservations at each N (default 500 and 1000), and,
 * on the stacks of the first N, the updates: a no-op `up`, an update of every
 * floor resource, and an extend of every hold, each with the engine's default
 * checkpoints and with PULUMI_SKIP_CHECKPOINTS. Nothing here formats.
 */
import * as fs from "fs";
import * as path from "path";
import type { TestProject } from "../testing/harness";
import { countCalls } from "./emulator";
import type { Options } from "./options";
import { CommandRun, RETAIN_CHECKPOINTS, runPulumi, takeCheckpointWrites, CheckpointWrites } from "./processes";
import { ProgramKind } from "./programs";
import { Setup, Trial, Trials, UP, cellKey, progress } from "./trials";
import { sec } from "./stats";

/** The programs timed at every N, in the order of a round. */
export const SCALE_KINDS: ProgramKind[] = ["noop", "fake", "reservations"];

/** Users' shape (issue 22): its floor and the reservations, back to back in each round. */
export const USERS_KINDS: ProgramKind[] = ["users-floor", "users"];

/** One update of a stack already created (not a fresh stack). */
export interface UpdateRun {
  what: string;
  run: CommandRun;
  calls: Record<string, number>;
  /** With PULUMI_SKIP_CHECKPOINTS=true. */
  skipCheckpoints: boolean;
  checkpoints?: CheckpointWrites;
}

export interface ScaleMeasured {
  /** Fresh-stack ups, by cellKey. */
  ups: Record<string, Trial[]>;
  /** N of the update runs. */
  updateN: number;
  floorUpdates: UpdateRun[];
  reservationUpdates: UpdateRun[];
  /** Extend under options.extendRate, when set. */
  limitedExtend?: UpdateRun;
  /** Reservations' up at the first N under settings that help at scale (SETTINGS), by name. */
  settings: Trial[];
  /** The floor's up at the first N under the same settings, in the same order: the ratio without the engine's share. */
  floorSettings: Trial[];
  /** Users' shape: a no-op `up` of its last stack at the first N (0 calls expected). */
  usersNoop?: UpdateRun;
}

/** Settings a user can choose, tried on the reservations' up at the first N (docs/scale.md). */
export const SETTINGS: Array<Pick<Setup, "env" | "envName" | "parallel">> = [
  { env: { PULUMI_SKIP_CHECKPOINTS: "true" }, envName: "PULUMI_SKIP_CHECKPOINTS" },
  { parallel: 32 },
  { env: { PULUMI_DIY_BACKEND_GZIP: "true" }, envName: "PULUMI_DIY_BACKEND_GZIP" },
];

export async function measureScale(options: Options, trials: Trials): Promise<ScaleMeasured> {
  const ups: Record<string, Trial[]> = {};
  const updateN = options.sizes[0];
  const kept: Partial<Record<ProgramKind, TestProject>> = {};
  let updates: Awaited<ReturnType<typeof measureUpdates>> | undefined;
  let usersNoop: UpdateRun | undefined;
  if (options.profileDir) fs.mkdirSync(options.profileDir, { recursive: true });
  for (const n of options.sizes) {
    for (let rep = 0; rep < options.usersReps; rep++) {
      progress(`users' shape at N=${n}, round ${rep + 1} of ${options.usersReps}`);
      for (const kind of USERS_KINDS) {
        const profile = options.profileDir && path.join(options.profileDir, `${kind}-${n}-${rep + 1}`);
        const setup: Setup = { kind, n, settleMs: 0, ...(profile ? { profile } : {}) };
        const keep = n === updateN && rep === options.usersReps - 1 && kind === "users";
        const t = await trials.run(setup, keep);
        (ups[cellKey(setup)] ??= []).push(t);
        if (keep) usersNoop = await noopUp(trials, t.project, "users' shape: no-op up");
      }
    }
    if (options.usersOnly) continue;
    const reps = options.reps(n);
    progress(`up at N=${n} (${reps} round${reps > 1 ? "s" : ""})`);
    for (let rep = 0; rep < reps; rep++) {
      for (const kind of SCALE_KINDS) {
        const setup: Setup = { kind, n, settleMs: 0 };
        const keep = n === updateN && rep === reps - 1 && kind !== "fake";
        const t = await trials.run(setup, keep);
        (ups[cellKey(setup)] ??= []).push(t);
        if (keep) kept[kind] = t.project;
      }
    }
    // Now, before the next N resets the emulator (it would forget these reservations).
    if (n === updateN) updates = await measureUpdates(options, trials, n, kept.noop!, kept.reservations!);
  }
  const settings: Trial[] = [];
  const floorSettings: Trial[] = [];
  if (options.usersOnly) return { ups, updateN, floorUpdates: [], reservationUpdates: [], settings, floorSettings, usersNoop };
  progress(`settings that may help, on the reservations' up at N=${updateN}`);
  for (const setting of SETTINGS) {
    settings.push(await trials.run({ kind: "reservations", n: updateN, settleMs: 0, ...setting }));
    floorSettings.push(await trials.run({ kind: "noop", n: updateN, settleMs: 0, ...setting }));
  }
  return { ups, updateN, ...updates!, settings, floorSettings, usersNoop };
}

/** A second `up` of a stack just created, its calls counted; the project is disposed of. */
async function noopUp(trials: Trials, project: TestProject, what: string): Promise<UpdateRun> {
  await trials.emulator.control.clearRequests();
  const run = await runPulumi(project, UP);
  const calls = countCalls(await trials.emulator.requests());
  progress(`  ${what}: ${sec(run.ms)} s, calls ${JSON.stringify(calls)}`);
  await project.dispose();
  return { what, run, calls, skipCheckpoints: false };
}

/** On the stacks just created: no-op ups, an update of every floor resource, an extend of every hold. */
async function measureUpdates(options: Options, trials: Trials, n: number, floor: TestProject, stack: TestProject) {
  progress(`updates at N=${n}`);
  const update = async (project: TestProject, what: string, skipCheckpoints: boolean, countCheckpoints = false): Promise<UpdateRun> => {
    await trials.emulator.control.clearRequests();
    const env = { ...(skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}), ...(countCheckpoints ? RETAIN_CHECKPOINTS : {}) };
    const run = await runPulumi(project, UP, env);
    const calls = countCalls(await trials.emulator.requests());
    const checkpoints = countCheckpoints ? takeCheckpointWrites(project) : undefined;
    progress(`  ${what}${skipCheckpoints ? " (PULUMI_SKIP_CHECKPOINTS)" : ""}: ${sec(run.ms)} s, calls ${JSON.stringify(calls)}, disk ${(run.diskWriteBytes / 1e6).toFixed(1)} MB`);
    return { what, run, calls, skipCheckpoints, checkpoints };
  };
  const setTrigger = (project: TestProject, key: string, value: string) => project.stack.setConfig(key, { value });

  const floorUpdates: UpdateRun[] = [await update(floor, "floor: no-op up", false)];
  await setTrigger(floor, "trigger", "t1");
  floorUpdates.push(await update(floor, "floor: update of every resource", false, options.countCheckpoints));
  await setTrigger(floor, "trigger", "t2");
  floorUpdates.push(await update(floor, "floor: update of every resource", true));

  const reservationUpdates: UpdateRun[] = [await update(stack, "reservations: no-op up", false)];
  await setTrigger(stack, "extendTrigger", "x1");
  reservationUpdates.push(await update(stack, "reservations: extend of every hold", false, options.countCheckpoints));
  await setTrigger(stack, "extendTrigger", "x2");
  reservationUpdates.push(await update(stack, "reservations: extend of every hold", true));

  let limitedExtend: UpdateRun | undefined;
  if (options.extendRate) {
    await trials.emulator.control.setRateLimit(options.extendRate);
    await setTrigger(stack, "extendTrigger", "x3");
    limitedExtend = await update(stack, `reservations: extend of every hold at ${options.extendRate} requests/s`, false);
    await trials.emulator.control.setRateLimit(0);
  }
  await floor.dispose();
  await stack.dispose();
  return { floorUpdates, reservationUpdates, limitedExtend };
}

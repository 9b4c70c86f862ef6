/**
 * What `--scale` measures for teams (issue 21): the reservations' `up` at the first N with state in
 * the file backend and in PostgreSQL, back to back in each round; then a scheduled keep-alive
 * across M stacks sharing one PostgreSQL backend, P at a time (a CI matrix's max-parallel), timed
 * from the first `up` started to the last one ended. Nothing here formats.
 */
import type { TestProject } from "../testing/harness";
import { inBatches } from "../testing/in-batches";
import { clockEnv, emulatorOffset } from "../testing/world-clock";
import { countCalls } from "./emulator";
import type { Options } from "./options";
import { CommandRun, runPulumi } from "./processes";
import { Setup, Trial, Trials, UP, cellKey, configFor, progress } from "./trials";
import { sec } from "./stats";

/** Holds per stack in the keep-alive run (users' shape: keep-alive window 10 minutes of a 30-minute hold). */
export const HOLDS_PER_STACK = 5;

export interface KeepAliveRun {
  stacks: number;
  parallel: number;
  holdsPerStack: number;
  /** From the first `up` started to the last one ended. */
  wallMs: number;
  /** Each stack's `up`. */
  runs: CommandRun[];
  calls: Record<string, number>;
  /** Reservations the emulator holds live after the run (expected: stacks × holdsPerStack numbers, once each). */
  liveNumbers: number;
  distinctLiveNumbers: number;
}

export interface TeamsMeasured {
  /** Fresh-stack ups by cellKey: file and postgres at the first N. */
  backendUps: Record<string, Trial[]>;
  keepAlive?: KeepAliveRun;
}

export async function measureTeams(options: Options, trials: Trials): Promise<TeamsMeasured> {
  const n = options.sizes[0];
  const backendUps: Record<string, Trial[]> = {};
  for (let rep = 0; rep < options.backendReps; rep++) {
    progress(`state backends at N=${n}, round ${rep + 1} of ${options.backendReps}`);
    for (const postgres of [false, true]) {
      const setup: Setup = { kind: "reservations", n, settleMs: 0, postgres };
      (backendUps[cellKey(setup)] ??= []).push(await trials.run(setup));
    }
  }
  const keepAlive = options.stacks ? await keepAliveAcrossStacks(options, trials) : undefined;
  return { backendUps, keepAlive };
}

/** M stacks of users' shape on one PostgreSQL backend, created, then 25 minutes later kept alive P at a time. */
async function keepAliveAcrossStacks(options: Options, trials: Trials): Promise<KeepAliveRun> {
  const { stacks: m, stackParallel: p } = options;
  const emulator = trials.emulator;
  await emulator.reset(0);
  progress(`keep-alive across ${m} stacks of ${HOLDS_PER_STACK} holds on PostgreSQL, ${p} at a time: creating the stacks`);
  const projects: TestProject[] = [];
  for (let i = 0; i < m; i++) projects.push(await trials.project("users", configFor("users", HOLDS_PER_STACK, emulator, 1000 + i * HOLDS_PER_STACK), true));
  await inBatches(projects, p, (project) => runPulumi(project, UP));
  // 25 of the 30 minutes pass: every hold is inside its 10-minute window at the scheduled run.
  await emulator.control.advanceClock(25 * 60);
  const offset = clockEnv(await emulatorOffset(new URL(emulator.url).origin));
  for (const project of projects) Object.assign(project.env, offset);
  await emulator.control.clearRequests();
  progress(`  the scheduled run: ${m} stacks, ${p} at a time`);
  const t0 = performance.now();
  const runs = await inBatches(projects, p, (project) => runPulumi(project, UP));
  const wallMs = performance.now() - t0;
  const calls = countCalls(await emulator.requests());
  const now = Date.parse(await emulator.control.now());
  const live = (await emulator.control.reservations()).flatMap((r) =>
    r.phone_numbers.filter((pn) => pn.expired_at && Date.parse(pn.expired_at) > now).map((pn) => pn.phone_number),
  );
  progress(`  ${sec(wallMs)} s, calls ${JSON.stringify(calls)}, ${live.length} numbers held live`);
  return { stacks: m, parallel: p, holdsPerStack: HOLDS_PER_STACK, wallMs, runs, calls, liveNumbers: live.length, distinctLiveNumbers: new Set(live).size };
}

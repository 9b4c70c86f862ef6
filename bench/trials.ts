/**
 * One measured `pulumi up` of a fresh stack (a trial), and what both modes
 * share around it: the setups, their labels, the progress line, the checks that
 * the stack holds what the program declares.
 */
import * as os from "os";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { TestProject } from "../testing/harness";
import { PostgresServer, startPostgres } from "../testing/postgres";
import { testNumbers } from "../testing/numbers";
import { BenchEmulator, countCalls } from "./emulator";
import { ProgramKind, RESOURCE_TYPE, benchProgram } from "./programs";
import { CheckpointWrites, CommandRun, RETAIN_CHECKPOINTS, runPulumi, takeCheckpointWrites } from "./processes";
import { sec, totalCpu } from "./stats";

export const UP = ["up", "--yes", "--skip-preview"];

const started = Date.now();
/** A progress line on stderr (the report goes to stdout). */
export function progress(message: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);
}

/** How a trial runs: the program, its size, the emulator's settle delay and rate limit, pulumi's --parallel. */
export interface Setup {
  kind: ProgramKind;
  n: number;
  settleMs: number;
  rate?: number;
  parallel?: number;
  /** Count every checkpoint write (RETAIN_CHECKPOINTS): doubles the backend's writes, so not for timing. */
  countCheckpoints?: boolean;
  /** State in a PostgreSQL server (`postgres://`, started once per bench) instead of the default file backend. */
  postgres?: boolean;
  /** Extra environment for `pulumi` (a setting under test, e.g. PULUMI_SKIP_CHECKPOINTS), and its short name. */
  env?: Record<string, string>;
  envName?: string;
  /** Write the engine's Go CPU profile to `<profile>.<pid>.cpu` (pulumi's global `--profiling` flag). */
  profile?: string;
}

/** One `pulumi up` of a fresh stack, with what the emulator saw. */
export interface Trial extends Setup {
  run: CommandRun;
  calls: Record<string, number>;
  /** Admitted /v2 calls (not answered 429). */
  admitted: number;
  /** ms from the start of `pulumi up` to the first API call; from the last call to the end. */
  firstCallMs?: number;
  afterLastCallMs?: number;
  emulatorCpuMs: number;
  load1: number;
  /** Bytes of the stack's state (`pulumi stack export`) after the run. */
  stateBytes: number;
  /** Property values (inputs + outputs, nested ones included) of the program's N resources in that state. */
  stateValues: number;
  /** With `countCheckpoints`: every checkpoint the backend wrote. */
  checkpoints?: CheckpointWrites;
  project: TestProject;
}

/** Runs trials against one emulator; every project made is disposed of by `disposeAll`. */
export class Trials {
  private readonly made: TestProject[] = [];
  private postgres?: Promise<PostgresServer>;
  private stacks = 0;

  constructor(readonly emulator: BenchEmulator) {}

  /** Where a project's stack lives: the default file backend, or the bench's PostgreSQL server (a fresh stack name each time). */
  async backend(postgres: boolean | undefined): Promise<{ env?: Record<string, string>; stack?: string }> {
    if (!postgres) return {};
    this.postgres ??= startPostgres("bench");
    return { env: { PULUMI_BACKEND_URL: (await this.postgres).url }, stack: `s${++this.stacks}` };
  }

  /** A fresh stack of `setup`, one `pulumi up`; the project is kept (not disposed) when `keep`. */
  async run(setup: Setup, keep = false): Promise<Trial> {
    const { kind, n, settleMs, rate, parallel } = setup;
    const emulator = this.emulator;
    await emulator.reset(settleMs, rate ?? 0);
    const project = await TestProject.create({ files: benchProgram(kind), config: configFor(kind, n, emulator), ...(await this.backend(setup.postgres)) });
    this.made.push(project);
    await emulator.control.clearRequests();
    const emulatorCpu = emulator.cpuMs();
    const load1 = os.loadavg()[0];
    const args = [...UP, ...(parallel ? ["--parallel", String(parallel)] : []), ...(setup.profile ? ["--profiling", setup.profile] : [])];
    const run = await runPulumi(project, args, { ...setup.env, ...(setup.countCheckpoints ? RETAIN_CHECKPOINTS : {}) });
    const emulatorCpuMs = emulator.cpuMs() - emulatorCpu;
    const log = await emulator.requests();
    const { stateBytes, stateValues } = await expectResources(project, kind, n);
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
      stateBytes,
      stateValues,
      checkpoints: setup.countCheckpoints ? takeCheckpointWrites(project) : undefined,
      project,
    };
    if (!keep) await project.dispose();
    progress(`  ${label(setup)}: ${sec(run.ms)} s, CPU ${sec(totalCpu(t))} s, calls ${JSON.stringify(t.calls)}, load ${load1.toFixed(2)}`);
    return t;
  }

  /** A project of `kind` that this object disposes of (for scenarios that make their own). */
  async project(kind: ProgramKind, config: ConfigMap, postgres?: boolean): Promise<TestProject> {
    const project = await TestProject.create({ files: benchProgram(kind), config, ...(await this.backend(postgres)) });
    this.made.push(project);
    return project;
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.made.splice(0).map((p) => p.dispose().catch(() => undefined)));
    const postgres = this.postgres;
    this.postgres = undefined;
    if (postgres) (await postgres).stop();
  }
}

export function configFor(kind: ProgramKind, n: number, emulator: BenchEmulator, offset = 0): ConfigMap {
  if (kind === "reservations" || kind === "users") return { ...telnyx(emulator), numbers: { value: JSON.stringify(testNumbers(n, offset)) } };
  if (kind === "fake" || kind === "users-floor") return { numbers: { value: JSON.stringify(testNumbers(n, offset)) } };
  return { count: { value: String(n) } };
}

export function telnyx(emulator: BenchEmulator): ConfigMap {
  return {
    "telnyx:apiKey": { value: emulator.apiKey, secret: true },
    "telnyx:baseUrl": { value: emulator.url },
  };
}

export function cellKey(s: Setup): string {
  return `${s.kind}${HOLDS.has(s.kind) ? `/settle${s.settleMs}` : ""}${s.rate ? `/rate${s.rate}` : ""}${s.parallel ? `/p${s.parallel}` : ""}${s.envName ? `/${s.envName}` : ""}${s.postgres ? "/postgres" : ""}@${s.n}`;
}

export function label(s: Setup): string {
  return `${s.kind} N=${s.n}${HOLDS.has(s.kind) ? ` settle=${s.settleMs}ms` : ""}${s.rate ? ` rate=${s.rate}/s` : ""}${s.parallel ? ` --parallel ${s.parallel}` : ""}${s.envName ? ` ${s.envName}` : ""}${s.postgres ? " on PostgreSQL" : ""}${s.countCheckpoints ? " (checkpoints counted)" : ""}`;
}

/** Kinds whose resources are reservations that hold numbers. */
const HOLDS: ReadonlySet<ProgramKind> = new Set<ProgramKind>(["reservations", "users"]);

/** The stack holds exactly `n` resources of the kind, and every reservation holds its number; returns the state's bytes. */
export async function expectResources(project: TestProject, kind: ProgramKind, n: number): Promise<{ stateBytes: number; stateValues: number }> {
  const text = await project.exportedState();
  const state = JSON.parse(text);
  const resources = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type === RESOURCE_TYPE[kind]);
  if (resources.length !== n) throw new Error(`${kind}: ${resources.length} resources in state, expected ${n}`);
  const bad = resources.filter((r: { outputs: { status?: string } }) => HOLDS.has(kind) && r.outputs.status !== "success");
  if (bad.length) throw new Error(`${kind}: ${bad.length} reservations not successful: ${JSON.stringify(bad[0].outputs)}`);
  const stateValues = resources.reduce((sum: number, r: { inputs?: unknown; outputs?: unknown }) => sum + propertyValues(r.inputs) + propertyValues(r.outputs), 0);
  return { stateBytes: Buffer.byteLength(text), stateValues };
}

/**
 * The values the engine walks in a property map: each property's value, and inside an array or
 * object each element again (the engine serializes every one of them at every checkpoint).
 */
export function propertyValues(map: unknown): number {
  const values = Array.isArray(map) ? map : map && typeof map === "object" ? Object.values(map) : [];
  return values.reduce((sum: number, v) => sum + 1 + (v && typeof v === "object" ? propertyValues(v) : 0), 0);
}

/** A trial as plain JSON (no project, no output text). */
export function slimTrial(t: Trial) {
  return {
    ...Object.fromEntries(Object.entries(t).filter(([k]) => k !== "project" && k !== "run")),
    ms: Math.round(t.run.ms),
    cpuMs: t.run.cpuMs,
    peakKb: t.run.peakKb,
    diskWriteBytes: t.run.diskWriteBytes,
  };
}

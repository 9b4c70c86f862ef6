/** Shared pieces of the engine suites: stack config for the emulator, and emulator queries. */
import { ChildProcess, execFile, execFileSync, spawn } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { ConfigMap } from "@pulumi/pulumi/automation";
import { EmulatorFixture } from "../helpers/emulator";
import { Holder, holders } from "../../testing/holds";
import { ProjectOptions, TestProject } from "../../testing/harness";

const ROOT = path.resolve(__dirname, "../..");
export const EXAMPLES = path.join(ROOT, "examples");

/** Engine commands are slow; every engine test gets this long. */
jest.setTimeout(240_000);

/** Stack config pointing the provider at the emulator, the key as a secret. */
export function telnyxConfig(emulator: EmulatorFixture, extra: ConfigMap = {}): ConfigMap {
  return {
    "telnyx:apiKey": { value: emulator.apiKey, secret: true },
    "telnyx:baseUrl": { value: emulator.url },
    ...extra,
  };
}

/** Create a project and dispose of it after the current test. */
export function projects(): (options: ProjectOptions) => Promise<TestProject> {
  const made: TestProject[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((p) => p.dispose()));
  });
  return async (options) => {
    const project = await TestProject.create(options);
    made.push(project);
    return project;
  };
}

/** The reservations holding at least one number at the emulator's now (the provider's rule: testing/holds.ts). */
export function liveReservations(emulator: EmulatorFixture): Promise<Holder[]> {
  return holders(emulator.control);
}

/** "METHOD path" of every /v2 call the emulator served. */
export async function apiCalls(emulator: EmulatorFixture): Promise<string[]> {
  return (await emulator.control.requests()).map((r) => `${r.method} ${r.path}`);
}

export const json = (value: unknown) => ({ value: JSON.stringify(value) });

/** A reservation made outside Pulumi (the portal, a script), settled; returns its id. */
export async function madeElsewhere(fx: EmulatorFixture, numbers: string[], customerReference?: string): Promise<string> {
  const response = await fx.request("POST", "/number_reservations", {
    json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })), ...(customerReference ? { customer_reference: customerReference } : {}) },
  });
  const { data } = (await response.json()) as { data: { id: string } };
  await fx.control.advanceClock(1);
  return data.id;
}

/** A `pulumi up` of a project's stack started as CI starts it: the CLI, in its own process group. */
export interface CliRun {
  readonly child: ChildProcess;
  /** Resolves when it exits, with its exit code and everything it printed. */
  readonly exited: Promise<{ code: number | null; output: string }>;
}

export function spawnUp(p: TestProject): CliRun {
  const child = spawn(p.pulumiBinary, ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", p.stack.name], {
    cwd: p.dir,
    env: { ...process.env, ...p.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.on("close", (code) => resolve({ code, output })));
  return { child, exited };
}

/** Waits (up to a minute) until the emulator has served a create, i.e. a run is mid-create. */
export async function untilCreatePosted(fx: EmulatorFixture): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await fx.control.requests()).some((r) => r.method === "POST" && r.path === "/v2/number_reservations")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no create reached the emulator within a minute");
}

/**
 * What a dying CI runner does to a run: SIGKILL to the CLI's whole process group, then to the
 * language host and provider, which the engine starts in process groups of their own.
 */
export async function killRun(p: TestProject, run: CliRun): Promise<void> {
  process.kill(-run.child.pid!, "SIGKILL");
  await run.exited;
  p.killStrays();
}

/** `pulumi cancel`: what a user runs after a killed run, to release the stack's lock. */
export function cancelRun(p: TestProject): void {
  execFileSync(p.pulumiBinary, ["cancel", "--yes", "--stack", p.stack.name], { cwd: p.dir, env: { ...process.env, ...p.env } });
}

/** `npm start` (demo/main-job.js) with `args`, its state in `demoDir`, against the embedded emulator; its stdout. */
export async function mainJob(demoDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, DEMO_DIR: demoDir, PULUMI_CONFIG_PASSPHRASE: "", ...env };
  delete fullEnv.TELNYX_API_KEY;
  delete fullEnv.TELNYX_BASE_URL;
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, "demo/main-job.js"), ...args], {
    cwd: ROOT,
    env: fullEnv,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** How many searches (`GET /v2/available_phone_numbers`) and reservation creates (`POST /v2/number_reservations`) the emulator served. */
export async function searchesAndCreates(emulator: EmulatorFixture): Promise<[number, number]> {
  const calls = await apiCalls(emulator);
  return [calls.filter((c) => c === "GET /v2/available_phone_numbers").length, calls.filter((c) => c === "POST /v2/number_reservations").length];
}

/** The Python program `pulumi import` writes (tools/python-host's GenerateProgram) for a reservation of `numbers` with reference "support", named `support-line`. */
export function importedPythonDeclaration(numbers: string[]): string {
  return `import pulumi
import pulumi_telnyx_reservations as telnyx

support_line = telnyx.NumberReservation("support-line",
    customer_reference="support",
    phone_numbers=[
${numbers.map((n) => `        "${n}",\n`).join("")}    ])
`;
}

/**
 * Running the built CLI (`dist/cli/main.js`): as a child process, as users do, or
 * its `main` in the test's process (no Node.js start-up, about 0.4 s a run on 2
 * cores); and seeding the emulator with reservations through the real client.
 * A test about the process itself (exit status, which stream gets what, signals)
 * spawns; one about what a command prints and answers calls `main`.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Writable } from "stream";
import type { CommandIO } from "../../cli/output";
import { TelnyxClient, type NumberReservation } from "../../provider/telnyx";
import type { EmulatorFixture } from "../helpers/emulator";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const CLI = path.join(REPO_ROOT, "dist/cli/main.js");

/** For `beforeAll`: the tests exercise the build, so a missing build must say so plainly. */
export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) {
    throw new Error(`${path.relative(REPO_ROOT, CLI)} is missing: run \`npm run build\` first (\`npm test\` does).`);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run: this process's, minus any Telnyx settings of the
 * developer's shell (a test must never reach a real account) and any colour
 * settings (jest may set FORCE_COLOR when run on a terminal), plus `env`.
 */
export function cliEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["TELNYX_API_KEY", "TELNYX_BASE_URL", "NO_COLOR", "FORCE_COLOR"]) delete base[name];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/** Env pointing the CLI at the test file's emulator. */
export function emulatorEnv(emulator: EmulatorFixture): Record<string, string> {
  return { TELNYX_API_KEY: emulator.apiKey, TELNYX_BASE_URL: emulator.url };
}

/** Start the CLI; the caller owns the child. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env: cliEnv(env), stdio: ["ignore", "pipe", "pipe"] });
}

/** The collected output and exit of a child. */
export function completion(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Run the CLI to completion in a child process. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return completion(spawnCli(args, env));
}

/**
 * Run the built CLI's `main` in this process, as its process would run it: the same
 * environment as `spawnCli` (in `process.env` for the run, for what reads it there),
 * stdout and stderr collected apart and not terminals, and its exit code. Jest runs a
 * file's tests one at a time, so nothing else sees the borrowed environment.
 */
export async function runCliInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const { main } = require(CLI) as { main: (argv: readonly string[], io: CommandIO) => Promise<number> };
  const outer = process.env;
  const stdout = capture();
  const stderr = capture();
  process.env = cliEnv(env);
  try {
    const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: process.env });
    return { code, signal: null, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.env = outer;
  }
}

/** A stream that keeps each write (`chunks`, or all of it: `text()`), claiming to be a terminal or not. */
export function capture(isTTY = false): { stream: Writable & { isTTY: boolean }; chunks: string[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream: Object.assign(stream, { isTTY }), chunks, text: () => chunks.join("") };
}

/** A client of the test file's emulator; close it after use. */
export function emulatorClient(emulator: EmulatorFixture): TelnyxClient {
  return new TelnyxClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
}

/** A reservation to seed. */
export interface Seed {
  phoneNumbers: string[];
  customerReference?: string;
}

/**
 * Create reservations in order (so creation order is the given order) and move the
 * emulator clock past their settle delay, so they read `success`/`failure`.
 */
export async function seedReservations(emulator: EmulatorFixture, seeds: Seed[]): Promise<NumberReservation[]> {
  const client = emulatorClient(emulator);
  try {
    const created: NumberReservation[] = [];
    for (const [i, seed] of seeds.entries()) {
      // One second apart on the emulator's clock: two creates in one millisecond share a
      // created_at, and then only their (random) ids order them, not the order of the seeds.
      if (i > 0) await emulator.control.advanceClock(1);
      created.push(
        await client.create({
          phone_numbers: seed.phoneNumbers.map((phone_number) => ({ phone_number })),
          ...(seed.customerReference !== undefined ? { customer_reference: seed.customerReference } : {}),
        }),
      );
    }
    const { settleDelayMs } = await emulator.control.settings();
    await emulator.control.advanceClock(Math.ceil(settleDelayMs / 1000));
    return Promise.all(created.map((r) => client.retrieve(r.id)));
  } finally {
    client.close();
  }
}

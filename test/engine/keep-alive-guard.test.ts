/**
 * The keep-alive workflow's guard step, as shipped in
 * examples/keep-alive/.github/workflows/keep-alive.yml, run by bash after real
 * `pulumi up`s of the keep-alive example against the emulator: it passes while
 * every hold outlasts the schedule's interval, and fails the run when an `up`
 * left a hold that lapses before the next scheduled run (here: a keep-alive
 * window shorter than the interval).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { TestProject } from "../../testing/harness";
import { clockEnv, emulatorOffset } from "../../testing/world-clock";
import { EXAMPLES, json, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A] = testNumbers(1, 40);
const KEEP_ALIVE = path.join(EXAMPLES, "keep-alive");

/** The workflow's guard step: the one that runs check-holds.js. */
function guardStep(): string {
  const workflow = yaml.load(fs.readFileSync(path.join(KEEP_ALIVE, ".github/workflows/keep-alive.yml"), "utf8")) as any;
  const steps: Array<{ run?: string }> = workflow.jobs.up.steps;
  const guard = steps.find((s) => s.run?.includes("check-holds.js"));
  if (!guard?.run) throw new Error("the keep-alive workflow has no step running check-holds.js");
  return guard.run;
}

/** Runs the guard step in the project's folder, on the emulator's clock, against the test stack. */
async function runGuard(p: TestProject): Promise<{ status: number | null; output: string }> {
  const command = guardStep().replace("--stack prod", `--stack ${p.stack.name}`);
  const offset = await emulatorOffset(emulator.origin);
  const run = spawnSync("bash", ["-c", command], { cwd: p.dir, env: { ...process.env, ...p.env, ...clockEnv(offset) }, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

it("passes while every hold outlasts the interval, and fails the run when one would lapse before the next", async () => {
  expect(guardStep()).toContain("--stack prod");
  const p = await project({
    from: KEEP_ALIVE,
    files: { "check-holds.js": fs.readFileSync(path.join(KEEP_ALIVE, "check-holds.js"), "utf8") },
    // A window (5m) shorter than the schedule's interval (10m): the misconfiguration the guard is for.
    config: telnyxConfig(emulator, { phoneNumbers: json([A]), keepAliveWindow: { value: "5m" } }),
  });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 }); // the stack and the reservation
  const fresh = await runGuard(p);
  expect(fresh.output).toMatch(/every hold in "expiresAt" lasts more than 10 minutes/);
  expect(fresh.status).toBe(0);

  await emulator.control.advanceClock(22 * 60); // 8 minutes left: outside the 5m window, so up does not extend
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  const nearLapse = await runGuard(p);
  expect(nearLapse.output).toContain("check-holds: a hold lapses within 10 minutes");
  expect(nearLapse.output).toContain((await p.outputs()).expiresAt as string);
  expect(nearLapse.status).toBe(1);

  await p.stack.setConfig("keepAliveWindow", { value: "15m" }); // now inside the window: up extends
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  const extended = await runGuard(p);
  expect(extended.status).toBe(0);
});

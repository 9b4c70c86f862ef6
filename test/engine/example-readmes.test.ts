/**
 * Each example's README, run as written: every ```sh block of examples/<name>/README.md, in
 * order, as one bash script, in that example's folder of a copy of this checkout (the files git
 * has: nothing installed, nothing built), as a person would after exporting their key. Only the
 * surroundings are the test's: the Pulumi CLI on PATH, a temporary file backend and passphrase,
 * confirmations answered yes (PULUMI_SKIP_CONFIRMATIONS), TELNYX_API_KEY and TELNYX_BASE_URL
 * pointing at this file's emulator, and the values a README asks the reader to supply
 * (RESERVATION_ID). A README whose commands stop working fails here.
 */
import { execFile, execFileSync } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { offlineEngineEnv } from "../../testing/harness";
import { engineWorkspace } from "../../testing/workspace";
import { EXAMPLES, apiCalls, liveReservations, madeElsewhere } from "./support";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);
const emulator = withEmulator();

let checkout: string;
const scratches: string[] = [];

beforeAll(() => {
  checkout = fs.mkdtempSync(path.join(os.tmpdir(), "readme-checkout-"));
  copyCheckout(checkout);
});

afterAll(() => {
  for (const dir of [checkout, ...scratches]) fs.rmSync(dir, { recursive: true, force: true });
});

/** Copy the files git has (committed, staged or new, not ignored) into `dest`: a clone, with this checkout's edits. */
function copyCheckout(dest: string): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  for (const file of new Set(listed.split("\0").filter(Boolean))) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, file)); // keeps the mode (plugin/ is executable)
  }
}

/** The ```sh blocks of a Markdown file, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** This process's environment as a person's shell has it: without what npm and jest add, or outer Pulumi/Telnyx settings. */
function userEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !/^(npm_|PULUMI_|TELNYX_|JEST_)/i.test(entry[0]),
    ),
  );
}

interface ReadmeRun {
  dir: string;
  env: Record<string, string>;
}

/** Run the README of `examples/<name>` from the copy; its output is in the error when a command fails. */
async function runReadme(name: string, supplied: Record<string, string> = {}): Promise<ReadmeRun> {
  const dir = path.join(checkout, "examples", name);
  const blocks = shellBlocks(fs.readFileSync(path.join(EXAMPLES, name, "README.md"), "utf8"));
  expect(blocks.length).toBeGreaterThan(0);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `readme-${name}-`));
  scratches.push(scratch);
  const env = {
    ...userEnv(),
    ...offlineEngineEnv(engineWorkspace().cliRoot, scratch),
    PULUMI_SKIP_CONFIRMATIONS: "true",
    npm_config_prefer_offline: "true",
    TELNYX_API_KEY: emulator.apiKey,
    TELNYX_BASE_URL: emulator.url,
    ...supplied,
  };
  try {
    // Asynchronously: the emulator answers from this process.
    await run("bash", ["-euo", "pipefail", "-c", blocks.join("\n")], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    e.message = `${e.message}\n--- stdout ---\n${e.stdout}\n--- stderr ---\n${e.stderr}`;
    throw e;
  }
  return { dir, env };
}

async function stackOutputs({ dir, env }: ReadmeRun): Promise<Record<string, any>> {
  const { stdout } = await run("pulumi", ["stack", "output", "--json"], { cwd: dir, env });
  return JSON.parse(stdout);
}

const posts = async () => (await apiCalls(emulator)).filter((c) => c === "POST /v2/number_reservations");

it("basic: installs, builds and reserves the configured number", async () => {
  const readme = await runReadme("basic");
  const outputs = await stackOutputs(readme);
  expect(outputs).toMatchObject({ phoneNumbers: ["+19705555098"], status: "success", expiresAt: expect.any(String) });
  expect(await liveReservations(emulator)).toEqual([{ id: outputs.reservationId, numbers: ["+19705555098"], reference: "support-line" }]);
  // One @pulumi/pulumi for the program and the package it links: two copies split Pulumi's runtime state.
  const sdkFrom = (dir: string) => execFileSync("node", ["-p", 'require.resolve("@pulumi/pulumi")'], { cwd: dir, encoding: "utf8" }).trim();
  const linked = fs.realpathSync(path.join(checkout, "node_modules/pulumi-telnyx-reservations"));
  expect(linked).toBe(fs.realpathSync(checkout));
  expect(sdkFrom(readme.dir)).toBe(sdkFrom(path.join(linked, "dist/sdk")));
});

it("keep-alive: reserves, then a new extendTrigger extends once", async () => {
  const readme = await runReadme("keep-alive");
  const outputs = await stackOutputs(readme);
  expect(await liveReservations(emulator)).toEqual([{ id: outputs.reservationId, numbers: ["+19705555098"], reference: "launch" }]);
  expect(await posts()).toHaveLength(1);
  expect((await apiCalls(emulator)).filter((c) => c === `POST /v2/number_reservations/${outputs.reservationId}/actions/extend`)).toHaveLength(1);
});

it("adopt-existing: adopts by id and by number, creating nothing", async () => {
  const byId = await madeElsewhere(emulator, ["+19705555098"], "support");
  const byNumber = await madeElsewhere(emulator, ["+19705555100"]);
  await emulator.control.clearRequests();
  const readme = await runReadme("adopt-existing", { RESERVATION_ID: byId });
  expect((await stackOutputs(readme)).adopted).toEqual([byId, byNumber]);
  expect(await posts()).toEqual([]);
  expect((await liveReservations(emulator)).map((r) => r.id).sort()).toEqual([byId, byNumber].sort());
});

it("many: one reservation per team from config", async () => {
  const readme = await runReadme("many");
  const outputs = await stackOutputs(readme);
  expect(outputs.reservationIds).toHaveLength(2);
  expect((await liveReservations(emulator)).map((r) => [r.reference, r.numbers]).sort()).toEqual([
    ["team-sales", ["+19705555099"]],
    ["team-support", ["+19705555098"]],
  ]);
});

it("search: holds the numbers a search finds, then a second up neither searches nor posts", async () => {
  const readme = await runReadme("search");
  const outputs = await stackOutputs(readme);
  expect(outputs.phoneNumbers).toHaveLength(2);
  expect(outputs.phoneNumbers.every((n: string) => n.startsWith("+1970"))).toBe(true);
  expect(await liveReservations(emulator)).toEqual([{ id: outputs.reservationId, numbers: outputs.phoneNumbers, reference: "support" }]);
  const calls = await apiCalls(emulator);
  expect(calls.filter((c) => c === "GET /v2/available_phone_numbers")).toHaveLength(1);
  expect(await posts()).toHaveLength(1);
});

it("yaml: the native plugin from ./node_modules reserves, and `pulumi import` adopts without creating", async () => {
  const existing = await madeElsewhere(emulator, ["+19705555100"], "legacy");
  await emulator.control.clearRequests();
  const readme = await runReadme("yaml", { RESERVATION_ID: existing });
  const outputs = await stackOutputs(readme);
  expect(await posts()).toHaveLength(1); // support-line's; the import only reads
  expect((await liveReservations(emulator)).map((r) => [r.id, r.numbers]).sort()).toEqual(
    [
      [outputs.reservationId, ["+19705555098"]],
      [existing, ["+19705555100"]],
    ].sort(),
  );
  expect(fs.readFileSync(path.join(readme.dir, "legacy.yaml"), "utf8")).toMatch(/legacy:\n\s+type: telnyx:NumberReservation/);
});

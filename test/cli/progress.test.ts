/**
 * The progress line of long listings: shown on a terminal after a moment, never
 * on piped stderr (CI logs, these tests' other runs), erased when done.
 */
import { spawn, spawnSync } from "child_process";
import { startProgress } from "../../cli/output";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { CLI, capture, cliEnv, emulatorEnv, requireBuiltCli, runCliInProcess, seedReservations } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startProgress", () => {
  it("stays silent when the work finishes before the delay", async () => {
    const { chunks, stream } = capture(true);
    const progress = startProgress(stream, (n) => `fetched ${n}`, { delayMs: 200, intervalMs: 10 });
    progress.update(3);
    progress.done();
    await sleep(250);
    expect(chunks).toEqual([]);
  });

  it("on a TTY, rewrites one line with the latest count after the delay and erases it when done", async () => {
    const { chunks, stream } = capture(true);
    const progress = startProgress(stream, (n) => `fetched ${n}`, { delayMs: 20, intervalMs: 10 });
    progress.update(250);
    await sleep(60);
    progress.update(260);
    await sleep(40);
    progress.done();
    expect(chunks[0]).toBe("\r\x1b[Kfetched 250");
    expect(chunks).toContain("\r\x1b[Kfetched 260");
    expect(chunks[chunks.length - 1]).toBe("\r\x1b[K");
    expect(chunks.join("")).not.toContain("\n");
  });

  it("never writes to a stream that is not a TTY", async () => {
    const { chunks, stream } = capture(false);
    const progress = startProgress(stream, (n) => `fetched ${n}`, { delayMs: 5, intervalMs: 5 });
    progress.update(1);
    await sleep(40);
    progress.done();
    expect(chunks).toEqual([]);
  });
});

describe("list progress, end to end", () => {
  /** 260 reservations behind a slow API: two pages of 900 ms each, so listing takes well over a second. */
  async function slowAccount(): Promise<void> {
    await seedReservations(emulator, testNumbers(260).map((n) => ({ phoneNumbers: [n] })));
    await emulator.control.addFault({ method: "GET", path: "/v2/number_reservations", count: 2, delayMs: 900 });
  }

  it("keeps piped stderr quiet even when listing is slow", async () => {
    await slowAccount();
    const result = await runCliInProcess(["list", "--json"], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toHaveLength(260);
  });

  // `script` (util-linux, installed on Debian by default) runs the CLI on a pseudo-terminal, as a user's shell would.
  it("shows \"fetched N reservations…\" on a terminal when listing is slow", async () => {
    if (spawnSync("script", ["--version"], { encoding: "utf8" }).status !== 0) {
      throw new Error("this test needs util-linux `script` (apt-get install bsdutils)");
    }
    await slowAccount();
    const child = spawn("script", ["-qec", `"${process.execPath}" "${CLI}" list --status success`, "/dev/null"], {
      env: cliEnv(emulatorEnv(emulator)),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(output).toMatch(/fetched \d+ reservations…/);
    expect(output).toContain("\r\x1b[K"); // the line is erased before the table
    expect(output).toMatch(/ID\s+NUMBERS\s+HOLD\s+TELNYX STATUS\s+REFERENCE/);
  });
});

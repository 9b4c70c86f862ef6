/**
 * `list` tells what is held now, not what Telnyx's status once said: the HOLD
 * column (and `hold` in `--json`) judged per number on Telnyx's clock, with
 * Telnyx's own status beside it, the customer reference, relative times and
 * colour on a terminal only, and no clock warning.
 */
import { spawn } from "child_process";
import { main } from "../../cli/main";
import { summarize } from "../../provider/reservation-state";
import { testNumbers } from "../../testing/numbers";
import { withEmulator } from "../helpers/emulator";
import { CLI, capture, cliEnv, completion, emulatorClient, emulatorEnv, requireBuiltCli, runCliInProcess, seedReservations } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

const ESC = "\x1b";

/** The table's rows as cells (split on the two-space gutters), header first. */
function cells(stdout: string): string[][] {
  return stdout.trimEnd().split("\n").map((line) => line.split(/\s{2,}/));
}

/** Minutes from emulator-now to `time`, rounded down, as the table states them. */
async function minutesUntil(time: string): Promise<number> {
  return Math.floor((Date.parse(time) - Date.parse(await emulator.control.now())) / 60_000);
}

/**
 * One reservation per hold state: held, partial (status `failure`), lapsed
 * (status still `success`), failed, and pending.
 */
async function everyState() {
  const [a, b, c, d, e, f] = testNumbers(6);
  await emulator.control.markUnavailable([c, e]);
  const [lapsed] = await seedReservations(emulator, [{ phoneNumbers: [a], customerReference: "old" }]);
  await emulator.control.advanceClock(31 * 60);
  const [held, partial, failed] = await seedReservations(emulator, [
    { phoneNumbers: [b], customerReference: "support" },
    { phoneNumbers: [d, c], customerReference: "sales" },
    { phoneNumbers: [e] },
  ]);
  await emulator.control.settings({ settleDelayMs: 600_000 });
  const client = emulatorClient(emulator);
  const pending = await client.create({ phone_numbers: [{ phone_number: f }] });
  client.close();
  return { lapsed, held, partial, failed, pending };
}

describe("piped (not a terminal)", () => {
  it("shows the hold now beside Telnyx's status, with absolute times and the reference, no escapes", async () => {
    const { lapsed, held, partial, failed, pending } = await everyState();
    const result = await runCliInProcess(["list"], emulatorEnv(emulator));
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).not.toContain(ESC);
    expect(cells(result.stdout)).toEqual([
      ["ID", "NUMBERS", "HOLD", "TELNYX STATUS", "REFERENCE"],
      [lapsed.id, testNumbers(1)[0], `lapsed at ${summarize(lapsed).expiresAt}`, "success", "old"],
      [held.id, testNumbers(1, 1)[0], `held until ${summarize(held).expiresAt}`, "success", "support"],
      [partial.id, `${testNumbers(1, 3)[0]}, ${testNumbers(1, 2)[0]}`, `partial: 1 of 2 held until ${summarize(partial).expiresAt}`, "failure", "sales"],
      [failed.id, testNumbers(1, 4)[0], "failed", "failure", "-"],
      [pending.id, testNumbers(1, 5)[0], "pending", "pending", "-"],
    ]);
  });

  it("--json adds a `hold` to each SDK summary", async () => {
    const { lapsed, held, partial, failed, pending } = await everyState();
    const result = await runCliInProcess(["list", "--json"], emulatorEnv(emulator));
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const listed = JSON.parse(result.stdout) as Record<string, unknown>[];
    const client = emulatorClient(emulator);
    const records = await client.listAll();
    client.close();
    expect(listed.map(({ hold: _hold, ...summary }) => summary)).toEqual(records.map(summarize));
    expect(listed.map((r) => r.hold)).toEqual([
      { state: "lapsed", heldNumbers: [], pendingNumbers: [], lapsedAt: summarize(lapsed).expiresAt },
      { state: "held", heldNumbers: testNumbers(1, 1), pendingNumbers: [], heldUntil: summarize(held).expiresAt },
      { state: "partial", heldNumbers: testNumbers(1, 3), pendingNumbers: [], heldUntil: summarize(partial).expiresAt },
      { state: "failed", heldNumbers: [], pendingNumbers: [] },
      { state: "pending", heldNumbers: [], pendingNumbers: testNumbers(1, 5) },
    ]);
    expect([failed.status, pending.status]).toEqual(["failure", "pending"]);
  });

  it("--status is Telnyx's status: `success` still lists a lapsed reservation, and HOLD says it lapsed", async () => {
    const [old] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    await emulator.control.advanceClock(31 * 60);
    const result = await runCliInProcess(["list", "--status", "success"], emulatorEnv(emulator));
    expect(cells(result.stdout)[1]).toEqual([old.id, testNumbers(1)[0], `lapsed at ${summarize(old).expiresAt}`, "success", "-"]);
  });

  it("--phone-number also matches a reservation whose hold on the number failed", async () => {
    const [number] = testNumbers(1);
    const [first] = await seedReservations(emulator, [{ phoneNumbers: [number] }]);
    const [second] = await seedReservations(emulator, [{ phoneNumbers: [number, testNumbers(1, 1)[0]] }]);
    const result = await runCliInProcess(["list", "--json", "--phone-number", number], emulatorEnv(emulator));
    const listed = JSON.parse(result.stdout) as { id: string; hold: { state: string; heldNumbers: string[] } }[];
    expect(listed.map((r) => [r.id, r.hold.state, r.hold.heldNumbers])).toEqual([
      [first.id, "held", [number]],
      [second.id, "partial", testNumbers(1, 1)],
    ]);
  });

  it("gives no clock warning, even when Telnyx's clock is far from this machine's", async () => {
    await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    await emulator.control.advanceClock(13 * 3600);
    const result = await runCliInProcess(["list"], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });
});

/** `main` in this process with a fake terminal (or pipe) for stdout. */
async function listOn(isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  const stdout = capture(isTTY);
  const stderr = capture(false);
  const code = await main(["list", "--api-key", emulator.apiKey, "--base-url", emulator.url], { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("on a terminal", () => {
  it("shows relative times and colours the hold: green held, red lapsed", async () => {
    const [old] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    await emulator.control.advanceClock(31 * 60);
    const [held] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1, 1), customerReference: "support" }]);
    const left = await minutesUntil(summarize(held).expiresAt!);
    const ago = -1 - (await minutesUntil(summarize(old).expiresAt!));
    const result = await listOn(true);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const [, lapsedRow, heldRow] = result.stdout.trimEnd().split("\n");
    expect(lapsedRow).toContain(`${ESC}[31mlapsed ${ago}m ago${ESC}[39m`);
    expect(heldRow).toContain(`${ESC}[32mheld, ${left}m left${ESC}[39m`);
    // Colour wraps the text only: without escapes the columns line up as when piped.
    const plain = cells(result.stdout.replace(/\x1b\[\d+m/g, ""));
    expect(plain[2]).toEqual([held.id, testNumbers(1, 1)[0], `held, ${left}m left`, "success", "support"]);
    expect(result.stdout.replace(/\x1b\[\d+m/g, "").split("\n")[2].indexOf("held,")).toBe(result.stdout.split("\n")[0].indexOf("HOLD"));
  });

  it.each([["NO_COLOR", { NO_COLOR: "1" }], ["FORCE_COLOR=0", { FORCE_COLOR: "0" }]])("%s turns colour off, times stay relative", async (_name, env) => {
    await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    const result = await listOn(true, env);
    expect(result.stdout).not.toContain(ESC);
    expect(result.stdout).toMatch(/held, \d+m left/);
  });

  it("FORCE_COLOR colours a pipe, whose times stay absolute", async () => {
    const [held] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    const result = await listOn(false, { FORCE_COLOR: "1" });
    expect(result.stdout).toContain(`${ESC}[32mheld until ${summarize(held).expiresAt}${ESC}[39m`);
  });

  it("end to end through a real pseudo-terminal (script)", async () => {
    await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    const env = cliEnv(emulatorEnv(emulator));
    const child = spawn("script", ["-qec", `'${process.execPath}' '${CLI}' list`, "/dev/null"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const result = await completion(child);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${ESC}\\[32mheld, \\d+m left${ESC}\\[39m`));
    const noColour = await completion(
      spawn("script", ["-qec", `'${process.execPath}' '${CLI}' list`, "/dev/null"], { env: { ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] }),
    );
    expect(noColour.stdout).toMatch(/held, \d+m left/);
    expect(noColour.stdout).not.toContain(`${ESC}[3`);
  });
});

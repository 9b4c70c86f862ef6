/** The optional state file: a later emulator continues where an earlier one stopped. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";

const auth = { authorization: "Bearer k", "content-type": "application/json" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();

it("keeps reservations, unavailable numbers and the clock across restarts", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
  const stateFile = path.join(dir, "state.json");
  try {
    const first = await startEmulator({ stateFile, settleDelayMs: 0 });
    const created = await fetch(`${first.url}/number_reservations`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ phone_numbers: [{ phone_number: "+19705550000" }] }),
    }).then(json);
    await fetch(`${first.origin}/__emulator/numbers/unavailable`, { method: "POST", headers: auth, body: JSON.stringify({ phone_numbers: ["+19705550009"] }) });
    await fetch(`${first.origin}/__emulator/clock/advance`, { method: "POST", headers: auth, body: JSON.stringify({ seconds: 600 }) });
    const before = (await fetch(`${first.origin}/__emulator/clock`).then(json)).now;
    await first.close();

    const second = await startEmulator({ stateFile });
    try {
      const again = await fetch(`${second.url}/number_reservations/${created.data.id}`, { headers: auth }).then(json);
      expect(again.data).toEqual({ ...created.data, status: "success", phone_numbers: [expect.objectContaining({ status: "success" })] });
      const now = Date.parse((await fetch(`${second.origin}/__emulator/clock`).then(json)).now);
      expect(now).toBeGreaterThanOrEqual(Date.parse(before));
      expect(now - Date.now()).toBeGreaterThan(590_000);
      const unavailable = await fetch(`${second.origin}/__emulator/numbers/unavailable`).then(json);
      expect(JSON.stringify(unavailable)).toContain("+19705550009");
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("refuses a state file it did not write", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
  const stateFile = path.join(dir, "state.json");
  fs.writeFileSync(stateFile, JSON.stringify({ hello: "world" }));
  try {
    await expect(startEmulator({ stateFile })).rejects.toThrow(`emulator state file ${stateFile} was not written by this emulator`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("writing the state file", () => {
  let dir: string;
  let stateFile: string;
  let running: RunningEmulator | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
    stateFile = path.join(dir, "state.json");
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<RunningEmulator> => (running = await startEmulator({ stateFile, settleDelayMs: 0, apiKey: "k" }));
  const create = (emulator: RunningEmulator, phoneNumber: string) =>
    fetch(`${emulator.url}/number_reservations`, { method: "POST", headers: auth, body: JSON.stringify({ phone_numbers: [{ phone_number: phoneNumber }] }) });
  const control = (emulator: RunningEmulator, method: string, route: string, body?: unknown) =>
    fetch(`${emulator.origin}/__emulator${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const saved = () => JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const leftovers = () => fs.readdirSync(dir).filter((name) => name !== "state.json");

  it("answers a Telnyx-shaped 500 when the write fails, rolls the change back, and stays up", async () => {
    const emulator = await start();
    const first = (await create(emulator, "+19705550001").then(json)).data;
    // A directory where the file goes: the write's final rename fails (root or not).
    fs.rmSync(stateFile);
    fs.mkdirSync(stateFile);

    const failed = await create(emulator, "+19705550002");
    expect(failed.status).toBe(500);
    const [error] = (await json(failed)).errors;
    expect(error).toEqual(expect.objectContaining({ code: "10007", title: "Unexpected error" }));
    expect(error.detail).toContain(`could not save the state file ${stateFile}`);
    expect(error.detail).toContain("were undone");
    const before = Date.parse((await control(emulator, "GET", "/clock").then(json)).now);
    const advance = await control(emulator, "POST", "/clock/advance", { seconds: 3600 });
    expect(advance.status).toBe(500);

    // Rolled back: memory still matches the last saved state, and no temp file is left behind.
    const held = (await control(emulator, "GET", "/reservations").then(json)).data;
    expect(held.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expect(Date.parse((await control(emulator, "GET", "/clock").then(json)).now) - before).toBeLessThan(60_000);
    expect(leftovers()).toEqual([]);

    // Once the path is writable again the same number can be held: the failed create held nothing.
    fs.rmdirSync(stateFile);
    const retried = await create(emulator, "+19705550002").then(json);
    const settled = await fetch(`${emulator.url}/number_reservations/${retried.data.id}`, { headers: auth }).then(json);
    expect(settled.data.status).toBe("success");
    expect(saved().reservations.map((r: { id: string }) => r.id)).toEqual([first.id, retried.data.id]);
  });

  it("writes only when the saved state changed", async () => {
    const emulator = await start();
    const created = (await create(emulator, "+19705550001").then(json)).data;
    const inode = () => fs.statSync(stateFile).ino;
    const written = inode();

    const unchanged: Array<[string, () => Promise<Response>]> = [
      ["a rejected create", () => fetch(`${emulator.url}/number_reservations`, { method: "POST", headers: auth, body: "{}" })],
      ["an unauthenticated create", () => fetch(`${emulator.url}/number_reservations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })],
      ["an extend of an unknown id", () => fetch(`${emulator.url}/number_reservations/nope/actions/extend`, { method: "POST", headers: auth })],
      ["a list", () => fetch(`${emulator.url}/number_reservations`, { headers: auth })],
      ["a fault rule", () => control(emulator, "POST", "/faults", { count: 1, delayMs: 1 })],
      ["clearing faults", () => control(emulator, "DELETE", "/faults")],
      ["settings", () => control(emulator, "POST", "/settings", { holdSeconds: 60 })],
      ["a rejected advance", () => control(emulator, "POST", "/clock/advance", { seconds: -1 })],
      ["an advance of 0", () => control(emulator, "POST", "/clock/advance", { seconds: 0 })],
      ["an unknown control route", () => control(emulator, "POST", "/nowhere", {})],
    ];
    for (const [what, send] of unchanged) {
      await send();
      expect([what, inode()]).toEqual([what, written]);
    }

    await control(emulator, "POST", "/numbers/unavailable", { phone_numbers: ["+19705550009"] });
    const marked = inode();
    expect(marked).not.toBe(written);
    await control(emulator, "POST", "/numbers/unavailable", { phone_numbers: ["+19705550009"] });
    expect(inode()).toBe(marked);

    await fetch(`${emulator.url}/number_reservations/${created.id}/actions/extend`, { method: "POST", headers: auth });
    expect(inode()).not.toBe(marked);
    expect(leftovers()).toEqual([]);
  });

  it("removes temp files that crashed emulators left, and only theirs", async () => {
    const orphan = `${stateFile}.999999999.tmp`; // above any pid Linux hands out
    const live = `${stateFile}.${process.ppid}.tmp`; // a running process may be writing it
    const unrelated = path.join(dir, "notes.tmp");
    for (const file of [orphan, live, unrelated]) fs.writeFileSync(file, "{}");
    const emulator = await start();
    expect((await create(emulator, "+19705550001")).status).toBe(200);
    expect(leftovers().sort()).toEqual([path.basename(live), "notes.tmp"].sort());
  });
});

describe("reading a corrupt state file", () => {
  const reservation = {
    id: "r-1",
    createdAtMs: 0,
    settlesAtMs: 0,
    updatedAtMs: 0,
    numbers: [{ id: "n-1", phoneNumber: "+19705550001", outcome: "success", expiresAtMs: 1, updatedAtMs: 0 }],
  };

  /** A reservation whose one number is held until 2099. */
  const live = (id: string, phoneNumber: string) => ({
    ...reservation,
    id,
    numbers: [{ ...reservation.numbers[0], id: `${id}-n`, phoneNumber, expiresAtMs: Date.parse("2099-01-01T00:00:00Z") }],
  });

  it.each([
    ["a null reservation", { reservations: [null] }, "reservations[0]: must be an object, got null"],
    ["a reservation without numbers", { reservations: [{ ...reservation, numbers: null }] }, 'reservations[0] (id "r-1"): numbers must be an array, got null'],
    [
      "a number that is not E.164",
      { reservations: [{ ...reservation, numbers: [{ ...reservation.numbers[0], phoneNumber: 5 }] }] },
      'reservations[0] (id "r-1"): numbers[0].phoneNumber must be a +E.164 phone number, got 5',
    ],
    [
      "an unknown outcome",
      { reservations: [reservation, { ...reservation, id: "r-2", numbers: [{ ...reservation.numbers[0], outcome: "maybe" }] }] },
      'reservations[1] (id "r-2"): numbers[0].outcome must be "success" or "failure", got "maybe"',
    ],
    ["a reservation without an id", { reservations: [{ ...reservation, id: 7 }] }, "reservations[0]: id must be a non-empty string, got 7"],
    ["a missing time", { reservations: [{ ...reservation, createdAtMs: "x" }] }, 'reservations[0] (id "r-1"): createdAtMs must be epoch milliseconds (a number within ±8.64e15), got "x"'],
    ["a duplicate id", { reservations: [reservation, reservation] }, 'reservations[1] (id "r-1"): id is used by reservations[0] too'],
    ["a bad unavailable number", { reservations: [], unavailable: ["+1", null] }, "unavailable[0] must be a +E.164 phone number"],
    ["an absurd clock offset", { reservations: [], clockOffsetMs: 1e20 }, "clockOffsetMs must be a number from 0 to 3155760000000"],
    [
      "two live reservations holding one number",
      { reservations: [live("r-1", "+19705550001"), live("r-2", "+19705550002"), live("r-3", "+19705550001")] },
      'reservations[2] (id "r-3"): numbers[0] holds +19705550001 until 2099-01-01T00:00:00.000Z, which reservations[0] (id "r-1") holds until 2099-01-01T00:00:00.000Z too; a number has one live hold at most',
    ],
    [
      "one reservation holding a number twice",
      { reservations: [{ ...live("r-1", "+19705550001"), numbers: [...live("r-1", "+19705550001").numbers, { ...live("r-1", "+19705550001").numbers[0], id: "n-2" }] }] },
      'reservations[0] (id "r-1"): numbers[1] holds +19705550001 until 2099-01-01T00:00:00.000Z, which reservations[0] (id "r-1") holds until 2099-01-01T00:00:00.000Z too; a number has one live hold at most',
    ],
  ])("names the file and the entry for %s", async (_what, contents, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
    const stateFile = path.join(dir, "state.json");
    fs.writeFileSync(stateFile, JSON.stringify({ version: 1, clockOffsetMs: 0, unavailable: [], ...contents }));
    try {
      await expect(startEmulator({ stateFile })).rejects.toThrow(`emulator state file ${stateFile} is corrupt: ${message}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("loads a number held again after its earlier hold lapsed, or after a failed hold", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
  const stateFile = path.join(dir, "state.json");
  const number = (id: string, outcome: string, expiresAtMs: number) => ({ id, phoneNumber: "+19705550001", outcome, expiresAtMs, updatedAtMs: 0 });
  const entry = (id: string, n: ReturnType<typeof number>) => ({ id, createdAtMs: 0, settlesAtMs: 0, updatedAtMs: 0, numbers: [n] });
  const later = Date.parse("2099-01-01T00:00:00Z");
  const reservations = [
    entry("lapsed", number("n-1", "success", 1)),
    entry("failed", number("n-2", "failure", later)),
    entry("held", number("n-3", "success", later)),
  ];
  fs.writeFileSync(stateFile, JSON.stringify({ version: 1, clockOffsetMs: 0, unavailable: [], reservations }));
  const running = await startEmulator({ stateFile });
  try {
    const listed = await fetch(`${running.url}/number_reservations`, { headers: auth }).then(json);
    expect(listed.data.map((r: { id: string }) => r.id)).toEqual(["lapsed", "failed", "held"]);
    // Restored reservations are indexed like created ones.
    const byNumber = await fetch(`${running.url}/number_reservations?filter[phone_numbers.phone_number]=%2B19705550001&page[size]=2&page[number]=2`, { headers: auth }).then(json);
    expect(byNumber.data.map((r: { id: string }) => r.id)).toEqual(["held"]);
    expect(byNumber.meta.total_results).toBe(3);
  } finally {
    await running.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

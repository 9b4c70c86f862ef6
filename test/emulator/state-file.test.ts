/** The optional state file: a later emulator continues where an earlier one stopped. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";

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
    await fetch(`${first.origin}/__emulator/numbers/unavailable`, { method: "POST", body: JSON.stringify({ phone_numbers: ["+19705550009"] }) });
    await fetch(`${first.origin}/__emulator/clock/advance`, { method: "POST", body: JSON.stringify({ seconds: 600 }) });
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

/**
 * A Python program through the real engine: examples/python/automation.py runs
 * examples/python/reservations.py as an Automation API inline program (no
 * Python language host), with the Python SDK installed from a wheel built from
 * sdk-python/, the native plugin loaded from ./node_modules by the example's
 * Pulumi.yaml, and the offline CLI (PULUMI_CLI_ROOT), against the emulator.
 */
import * as fs from "fs";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { AutomationResult, automationProject, runAutomation } from "../../testing/python";
import { engineWorkspace } from "../../testing/workspace";
import { clockEnv, emulatorOffset } from "../../testing/world-clock";
import { apiCalls, liveReservations } from "./support";

const emulator = withEmulator();
const [A, B] = testNumbers(2);

let scratch: string;
let project: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  const ws = engineWorkspace();
  scratch = fs.mkdtempSync(path.join(ws.dir, ".python-"));
  ({ project, env } = automationProject(scratch, ws.cliRoot, emulator));
  // As a user's `npm install pulumi-telnyx-reservations` in the folder would: Pulumi.yaml loads ./node_modules/…/plugin.
  fs.symlinkSync(path.join(ws.dir, "node_modules"), path.join(project, "node_modules"));
}, 240_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** `python automation.py ACTION ...`; returns its JSON result. Moved emulator time reaches the plugin too. */
async function automation(...args: string[]): Promise<AutomationResult> {
  return runAutomation(project, { ...env, ...clockEnv(await emulatorOffset(emulator.origin)) }, ...args);
}

it("creates, plans no change with no API call, extends inside the keep-alive window, and refreshes clean", async () => {
  const created = await automation("up", A, B);
  expect(created.changes).toEqual({ create: 2 }); // the stack and the reservation
  const [live] = await liveReservations(emulator);
  expect(live).toMatchObject({ numbers: [A, B].sort(), reference: "support" });
  expect(created.outputs).toMatchObject({ reservationId: live.id, phoneNumbers: [A, B], status: "success" });

  await emulator.control.clearRequests();
  expect((await automation("up")).changes).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);

  // A 30-minute hold with 8 minutes left: inside the default 10m window.
  await emulator.control.advanceClock(22 * 60);
  const before = created.outputs.expiresAt as string;
  const extended = await automation("up");
  expect(extended.changes).toEqual({ same: 1, update: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.endsWith("/actions/extend"))).toEqual([
    `POST /v2/number_reservations/${live.id}/actions/extend`,
  ]);
  expect(Date.parse(extended.outputs.expiresAt)).toBeGreaterThan(Date.parse(before));

  await emulator.control.clearRequests();
  const refreshed = await automation("refresh");
  expect(refreshed.changes).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([`GET /v2/number_reservations/${live.id}`]);
  expect(refreshed.outputs.expiresAt).toBe(extended.outputs.expiresAt);
  expect((await liveReservations(emulator)).map((r) => r.id)).toEqual([live.id]);
});

it("finds numbers with search_available_phone_numbers and its output form, holding none; a wrong criterion is named", async () => {
  await emulator.control.clearRequests();
  const found = await automation("search", "Denver", "fax");
  expect(found.changes).toEqual({ create: 1 }); // the stack alone: a search holds nothing
  expect(found.outputs).toEqual({
    numbers: ["+13032920100", "+13032920103", "+13032920109"],
    first: { phoneNumber: "+13032920100", administrativeArea: "CO", features: ["voice", "emergency", "sms", "mms", "fax"], monthlyCost: "1.00" },
  });
  const calls = await emulator.control.requests();
  expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /v2/available_phone_numbers", "GET /v2/available_phone_numbers"]);
  expect(calls.map((c) => [c.query["filter[locality]"], c.query["filter[limit]"], c.query["filter[exclude_held_numbers]"]])).toEqual([
    ["Denver", "20", "true"],
    ["Denver", "1", "true"],
  ]);
  expect(await liveReservations(emulator)).toEqual([]);

  await emulator.control.clearRequests();
  await expect(automation("search", "Denver", "telepathy")).rejects.toThrow(/features\[0\] "telepathy" must be one of sms, /);
  expect(await apiCalls(emulator)).toEqual([]);
});

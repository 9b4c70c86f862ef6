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
import { areaCodes, findableInArea } from "../helpers/findable";
import { testNumbers } from "../../testing/numbers";
import { AutomationResult, automationProject, pythonProjectPath, runAutomation } from "../../testing/python";
import { engineWorkspace } from "../../testing/workspace";
import { clockEnv, emulatorOffset } from "../../testing/world-clock";
import { apiCalls, importedPythonDeclaration, liveReservations, madeElsewhere, searchesAndCreates } from "./support";

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

/** `python automation.py ACTION ...` on the stack `dev` (or `stack`); returns its JSON result. Moved emulator time reaches the plugin too. */
async function automation(...args: string[]): Promise<AutomationResult> {
  return automationOn("dev", ...args);
}

async function automationOn(stack: string, ...args: string[]): Promise<AutomationResult> {
  // `pulumi import` loads the language host even for an inline program, and writes the Python
  // declaration with it (an official install has one; the offline CLI needs ours). Nothing else gets it.
  const host = args[0] === "import" ? { PATH: pythonProjectPath(env.PULUMI_CLI_ROOT!) } : {};
  return runAutomation(project, { ...env, ...clockEnv(await emulatorOffset(emulator.origin)), PULUMI_STACK: stack, ...host }, ...args);
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

// Chicago: 8 numbers of the emulator's inventory, none of them in the other tests' searches.
const AREA = "312";

it("`search=` holds the numbers a search finds (1 search + 1 POST); no-op with no call, keep-alive extend, refresh", async () => {
  const expected = await findableInArea(emulator, AREA, 2);
  expect(await areaCodes(emulator, expected)).toEqual([AREA, AREA]);
  await emulator.control.clearRequests();

  const created = await automationOn("by-search", "hold", AREA, "2");
  expect(created.changes).toEqual({ create: 2 });
  expect(created.outputs).toMatchObject({ phoneNumbers: expected, status: "success" });
  expect(await liveReservations(emulator)).toEqual([{ id: created.outputs.reservationId, numbers: [...expected].sort(), reference: "support" }]);
  expect(await searchesAndCreates(emulator)).toEqual([1, 1]);
  const [search] = (await emulator.control.requests()).filter((c) => c.path === "/v2/available_phone_numbers");
  expect([search.query["filter[country_code]"], search.query["filter[national_destination_code]"]]).toEqual(["US", AREA]);

  await emulator.control.clearRequests();
  expect((await automationOn("by-search", "up")).changes).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);

  await emulator.control.advanceClock(22 * 60); // 8 minutes left: inside the default 10m window
  const extended = await automationOn("by-search", "up");
  expect(extended.changes).toEqual({ same: 1, update: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.endsWith("/actions/extend"))).toEqual([
    `POST /v2/number_reservations/${created.outputs.reservationId}/actions/extend`,
  ]);
  expect(await searchesAndCreates(emulator)).toEqual([0, 0]);
  expect(extended.outputs.phoneNumbers).toEqual(expected);
  expect(Date.parse(extended.outputs.expiresAt)).toBeGreaterThan(Date.parse(created.outputs.expiresAt));

  await emulator.control.clearRequests();
  const refreshed = await automationOn("by-search", "refresh");
  expect(refreshed.changes).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([`GET /v2/number_reservations/${created.outputs.reservationId}`]);
  expect(refreshed.outputs).toMatchObject({ reservationId: created.outputs.reservationId, phoneNumbers: expected, expiresAt: extended.outputs.expiresAt });
});

it("`pulumi import` (import_resources) adopts a reservation made elsewhere and writes its declaration; declared so, then by a matching `search=`: kept, no search, no POST", async () => {
  const numbers = await findableInArea(emulator, AREA, 2);
  const id = await madeElsewhere(emulator, numbers, "support");
  await emulator.control.clearRequests();

  const imported = await automationOn("imported", "import", id);
  expect(imported.changes).toMatchObject({ import: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.startsWith("POST"))).toEqual([]);
  expect(imported.generatedCode).toBe(importedPythonDeclaration(numbers));

  // The program declaring what was generated (its numbers and reference) adds only keepAliveWindow "10m".
  expect((await automationOn("imported", "preview", ...numbers)).changes).toEqual({ same: 1, update: 1 });

  await emulator.control.clearRequests();
  const held = await automationOn("imported", "hold", AREA, "2");
  expect(held.changes).toEqual({ same: 1, update: 1 }); // the search recorded in state: no replace, no call to find or hold
  expect(held.outputs).toMatchObject({ reservationId: id, phoneNumbers: numbers, status: "success" });
  expect(await searchesAndCreates(emulator)).toEqual([0, 0]);
  expect((await liveReservations(emulator)).map((r) => r.id)).toEqual([id]);
  expect((await automationOn("imported", "up")).changes).toEqual({ same: 2 });
});

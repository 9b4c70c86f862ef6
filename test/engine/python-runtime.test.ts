/**
 * A `runtime: python` project under `pulumi up`: examples/python (Pulumi.yaml,
 * __main__.py, reservations.py) through the offline CLI, run by this project's
 * own Python language host (tools/python-host), with the Python SDK installed
 * from a wheel built from sdk-python/ and the native plugin from ./node_modules,
 * against the emulator.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { areaCodes, findableInArea } from "../helpers/findable";
import { testNumbers } from "../../testing/numbers";
import { installPythonSdk, pythonProjectPath } from "../../testing/python";
import { engineWorkspace } from "../../testing/workspace";
import { EXAMPLES, apiCalls, importedPythonDeclaration, liveReservations, madeElsewhere, projects, searchesAndCreates, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A, B, C] = testNumbers(3);

let sdk: string;
let env: Record<string, string>;
beforeAll(() => {
  sdk = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-python-runtime-"));
  const { site } = installPythonSdk(sdk);
  env = { PATH: pythonProjectPath(engineWorkspace().cliRoot), PYTHONPATH: site };
}, 240_000);
afterAll(() => fs.rmSync(sdk, { recursive: true, force: true }));

const example = (numbers: string[]) =>
  project({ from: path.join(EXAMPLES, "python"), config: telnyxConfig(emulator), objectConfig: { phoneNumbers: numbers }, env });

// Chicago: 8 numbers of the emulator's inventory. The program holds `count` numbers a search finds there.
const AREA = "312";
const bySearch = { areaCode: { value: AREA }, count: { value: "2" } };

it("creates, plans no change with no API call, extends inside the keep-alive window, and refreshes with no change", async () => {
  const p = await example([A, B]);
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const [live] = await liveReservations(emulator);
  expect(live).toMatchObject({ numbers: [A, B].sort(), reference: "support" });
  expect(await p.outputs()).toMatchObject({ reservationId: live.id, phoneNumbers: [A, B], status: "success" });

  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);

  await emulator.control.advanceClock(22 * 60); // 8 minutes left: inside the default 10m window
  const before = (await p.outputs()).expiresAt as string;
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.endsWith("/actions/extend"))).toEqual([`POST /v2/number_reservations/${live.id}/actions/extend`]);
  expect(Date.parse((await p.outputs()).expiresAt as string)).toBeGreaterThan(Date.parse(before));

  await emulator.control.clearRequests();
  await p.refresh({ expectNoChanges: true });
  expect(await apiCalls(emulator)).toEqual([`GET /v2/number_reservations/${live.id}`]);
});

it("`pulumi import` adopts a reservation made elsewhere into the Python project's stack, creating nothing", async () => {
  const id = await madeElsewhere(emulator, [C], "portal");
  const p = await example([A]);
  await p.up();
  await emulator.control.clearRequests();
  // No code generation here (the declaration is written by hand, beside the program); the test below checks the generated one.
  const imported = await p.stack.import({ resources: [{ type: "telnyx:index:NumberReservation", name: "legacy", id }], generateCode: false, protect: false });
  expect(imported.summary.resourceChanges).toMatchObject({ import: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.startsWith("POST"))).toEqual([]);
  const adopted = (await p.reservations()).find((r) => r.id === id);
  expect(adopted?.outputs).toMatchObject({ phoneNumbers: [C], customerReference: "portal", status: "success" });

  // The declaration, added to the program, matches what was adopted.
  fs.appendFileSync(
    path.join(p.dir, "__main__.py"),
    `\nimport pulumi_telnyx_reservations as telnyx\n\ntelnyx.NumberReservation("legacy", phone_numbers=["${C}"], customer_reference="portal")\n`,
  );
  expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 3 });
});

it("`search=`: holds the numbers a search finds (1 search + 1 POST), no-op with no call, keep-alive extend, refresh", async () => {
  const expected = await findableInArea(emulator, AREA, 2);
  expect(await areaCodes(emulator, expected)).toEqual([AREA, AREA]);
  await emulator.control.clearRequests();

  const p = await project({ from: path.join(EXAMPLES, "python"), config: telnyxConfig(emulator, bySearch), env });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const created = await p.outputs();
  expect(created).toMatchObject({ phoneNumbers: expected, status: "success" });
  expect(await liveReservations(emulator)).toEqual([{ id: created.reservationId, numbers: [...expected].sort(), reference: "support" }]);
  expect(await searchesAndCreates(emulator)).toEqual([1, 1]);
  const [search] = (await emulator.control.requests()).filter((c) => c.path === "/v2/available_phone_numbers");
  expect([search.query["filter[country_code]"], search.query["filter[national_destination_code]"]]).toEqual(["US", AREA]);

  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);

  await emulator.control.advanceClock(22 * 60); // 8 minutes left: inside the default 10m window
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.endsWith("/actions/extend"))).toEqual([`POST /v2/number_reservations/${created.reservationId}/actions/extend`]);
  expect(await searchesAndCreates(emulator)).toEqual([0, 0]);
  const extended = await p.outputs();
  expect(extended.phoneNumbers).toEqual(expected);
  expect(Date.parse(extended.expiresAt as string)).toBeGreaterThan(Date.parse(created.expiresAt as string));

  await emulator.control.clearRequests();
  await p.refresh({ expectNoChanges: true });
  expect(await apiCalls(emulator)).toEqual([`GET /v2/number_reservations/${created.reservationId}`]);
  expect(await p.outputs()).toMatchObject({ reservationId: created.reservationId, phoneNumbers: expected, expiresAt: extended.expiresAt });
});

it("`pulumi import` writes the Python declaration; as the program it plans no change, and switched to a matching `search=` keeps the reservation (no search, no POST)", async () => {
  const numbers = await findableInArea(emulator, AREA, 2);
  const id = await madeElsewhere(emulator, numbers, "support");
  const p = await example(numbers);
  await emulator.control.clearRequests();
  const imported = await p.stack.import({ resources: [{ type: "telnyx:index:NumberReservation", name: "support-line", id }], protect: false });
  expect(imported.summary.resourceChanges).toMatchObject({ import: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.startsWith("POST"))).toEqual([]);
  const declaration = imported.generatedCode;
  expect(declaration).toBe(importedPythonDeclaration(numbers));

  // The generated declaration is the whole program.
  fs.writeFileSync(path.join(p.dir, "__main__.py"), declaration);
  expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });

  // Its numbers replaced by a search that matches them.
  const search = `search=telnyx.SearchRequestArgs(country_code="US", national_destination_code="${AREA}", count=2)`;
  fs.writeFileSync(path.join(p.dir, "__main__.py"), declaration.replace(/phone_numbers=\[[^\]]*\]/, search));
  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 }); // the search recorded in state: no replace
  expect((await p.reservations()).map((r) => [r.id, r.outputs.phoneNumbers])).toEqual([[id, numbers]]);
  expect(await searchesAndCreates(emulator)).toEqual([0, 0]);
  expect((await liveReservations(emulator)).map((r) => r.id)).toEqual([id]);
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
});

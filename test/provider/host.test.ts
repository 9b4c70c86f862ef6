/**
 * One call per verb through Pulumi's own dynamic-provider host (a gRPC process, as the engine
 * starts it), which loads the provider from the `__provider` text a program run from this
 * checkout stores: what the in-process provider tests cannot see (that text loading, the gRPC
 * translation, init failures in the error's details, notices as the engine's `Log` calls).
 */
import { ProviderCallError, ProviderHost } from "../helpers/provider-host";
import { TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";

const emulator = withEmulator();
const [A, B, C] = testNumbers(3);
const declared = { phoneNumbers: [A, B], customerReference: "support" };
let host: ProviderHost;

beforeAll(async () => {
  host = await ProviderHost.start({ "telnyx:apiKey": TEST_API_KEY, "telnyx:baseUrl": emulator.url });
});
afterAll(() => host?.close());
beforeEach(() => host.logs.splice(0));

const calls = async () => (await emulator.control.requests()).map((r) => `${r.method} ${r.path}`);

it("check: normalizes, and names the property of bad input, before any call", async () => {
  expect(await host.check({ phoneNumbers: ["+1 970-555-0001"], keepAliveWindow: "10" })).toEqual({
    inputs: { phoneNumbers: [B] }, // the bad value is left out
    failures: [{ property: "keepAliveWindow", reason: expect.stringMatching(/with a unit/) }],
  });
  expect(await calls()).toEqual([]);
});

it("create: an init failure keeps the partial reservation, its id and state in the error's details", async () => {
  await emulator.control.markUnavailable([B]);
  const error: ProviderCallError = await host.checkAndCreate(declared).catch((e) => e);
  expect(error.message).toContain(`${B} (Number is not available)`);
  expect(error.initFailed).toMatchObject({ id: expect.any(String), properties: { status: "failure", phoneNumbers: [A, B] } });
  expect(error.initFailed!.properties).not.toHaveProperty("reservationId"); // it is the id: not stored (provider/stored-outputs.ts)
});

it("diff: a replace names the properties; a refusal fails with the way out", async () => {
  const { id, outs } = await host.checkAndCreate(declared);
  expect(await host.diff(id, outs, (await host.check({ ...declared, phoneNumbers: [C] }, outs)).inputs)).toEqual({
    changes: "some",
    replaces: ["phoneNumbers"],
  });
  const refused = (await host.check({ ...declared, phoneNumbers: [A, B, C] }, outs)).inputs;
  await expect(host.diff(id, outs, refused)).rejects.toThrow(/cannot be added.*Either declare/);
});

it("read: a reservation Telnyx no longer has is dropped, with a warning through the engine's Log", async () => {
  const { id, outs } = await host.checkAndCreate(declared);
  await emulator.control.reset();
  expect(await host.read(id, outs)).toMatchObject({ id: "" });
  expect(host.logs).toEqual([{ severity: "warning", message: expect.stringContaining(`Reservation ${id} (${A}, ${B}) no longer exists`) }]);
});

it("update: a changed trigger extends, once", async () => {
  const { id, outs } = await host.checkAndCreate({ ...declared, extendTrigger: "a" });
  await emulator.control.clearRequests();
  const updated = await host.update(id, outs, { ...declared, extendTrigger: "b" });
  expect(updated).toMatchObject({ extendTrigger: "b" });
  expect(updated).not.toHaveProperty("reservationId"); // it is the id: not stored
  expect(await calls()).toEqual([`POST /v2/number_reservations/${id}/actions/extend`]);
});

it("delete: no call, and a warning through the engine's Log saying until when the numbers stay held", async () => {
  const { id, outs } = await host.checkAndCreate(declared);
  await emulator.control.clearRequests();
  await host.delete(id, outs);
  expect(await calls()).toEqual([]);
  expect(host.logs).toEqual([{ severity: "warning", message: expect.stringContaining(`Reservation ${id} is removed from state`) }]);
});

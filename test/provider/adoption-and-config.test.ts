/**
 * Adoption (the `import` option turned into the `adopt` input) and where the
 * provider's settings come from, on the built provider against the emulator.
 */
import { InProcessProvider } from "../helpers/in-process-provider";
import { testNumbers } from "../../testing/numbers";
import { TEST_API_KEY } from "../helpers/emulator";
import { apiCalls, withProvider } from "./support";

const fx = withProvider();
const [A, B, C] = testNumbers(3);
const declared = { phoneNumbers: [A, B], customerReference: "support" };

async function existing(numbers = [A, B], customerReference = "support") {
  const response = await fx.emulator.request("POST", "/number_reservations", {
    json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })), customer_reference: customerReference },
  });
  const { data } = (await response.json()) as { data: { id: string } };
  await fx.advanceClock(1);
  await fx.emulator.control.clearRequests();
  return data.id;
}

describe("adoption", () => {
  it("adopts by reservation id with one GET and no POST", async () => {
    const id = await existing();
    const created = await fx.provider().checkAndCreate({ ...declared, adopt: id });
    expect(created.id).toBe(id);
    expect(created.outs).toMatchObject({ status: "success", adopt: id });
    expect(created.outs).not.toHaveProperty("reservationId"); // it is the id: not stored
    expect(await apiCalls(fx.emulator)).toEqual([`GET /v2/number_reservations/${id}`]);
  });

  it("adopts by a held phone number with one list and no POST", async () => {
    const id = await existing();
    const created = await fx.provider().checkAndCreate({ ...declared, adopt: "+1 970 555 0001" });
    expect(created.id).toBe(id);
    expect(await apiCalls(fx.emulator)).toEqual(["GET /v2/number_reservations"]);
  });

  it("refuses a reservation that does not hold exactly the declared numbers, listing what it holds", async () => {
    const id = await existing([A, C]);
    await expect(fx.provider().checkAndCreate({ ...declared, adopt: id })).rejects.toThrow(
      `Cannot adopt reservation ${id}: it holds ${A}, ${C}, but phoneNumbers declares ${A}, ${B}.`,
    );
    expect((await apiCalls(fx.emulator)).some((c) => c.startsWith("POST"))).toBe(false);
  });

  it("reserves the numbers anew, with a warning, when Telnyx has no such reservation (gone, or nobody holds the number)", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    const { outs } = await fx.provider().checkAndCreate({ ...declared, adopt: gone });
    expect(outs).toMatchObject({ status: "success", phoneNumbers: [A, B] });
    expect(fx.provider().logs).toContainEqual({ severity: "warning", message: expect.stringContaining(`no live reservation for the adopted ${gone}`) });
    expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
  });

  it("reserves anew when the adopted reservation's holds have lapsed", async () => {
    const id = await existing([A, B]);
    await fx.advanceClock(31 * 60);
    const provider = await fx.freshProvider();
    const { id: newId, outs } = await provider.checkAndCreate({ ...declared, adopt: id });
    expect(newId).not.toBe(id);
    expect(outs).toMatchObject({ status: "success" });
    expect(outs).not.toHaveProperty("reservationId"); // it is the id: not stored
    expect(provider.logs).toContainEqual({ severity: "warning", message: expect.stringContaining(`adopted reservation ${id} holds no live number`) });
  });

  it("refuses a customer reference that differs from the declared one", async () => {
    const id = await existing([A, B], "other");
    await expect(fx.provider().checkAndCreate({ ...declared, adopt: id })).rejects.toThrow(/customer reference is "other"/);
  });
});

describe("configuration", () => {
  it("reads the key and base URL from stack config", async () => {
    // The fixture's provider has only stack config (its TELNYX_* environment is blanked). What a
    // program stores as `__provider` is a one-line require, with no setting (test/sdk/provider-text.test.ts).
    await expect(fx.provider().checkAndCreate(declared)).resolves.toMatchObject({ outs: { status: "success" } });
  });

  it("falls back to TELNYX_API_KEY and TELNYX_BASE_URL", async () => {
    const provider = await InProcessProvider.start({}, { TELNYX_API_KEY: TEST_API_KEY, TELNYX_BASE_URL: fx.emulator.url });
    await expect(provider.checkAndCreate(declared)).resolves.toMatchObject({ outs: { status: "success" } });
  });

  it("reports a wrong key with Telnyx's code and without the key", async () => {
    const secret = "WRONG-KEY-4f3b2a1c9d8e";
    const provider = await InProcessProvider.start({ "telnyx:apiKey": secret, "telnyx:baseUrl": fx.emulator.url });
    const error = await provider.checkAndCreate(declared).catch((e) => e);
    expect(error.message).toMatch(/HTTP 401; code 10009/);
    expect(error.message).toMatch(/request id [0-9a-f-]{36}/);
    expect(error.message).not.toContain(secret);
  });

  it("names both ways to set a missing key", async () => {
    const provider = await InProcessProvider.start({ "telnyx:baseUrl": fx.emulator.url });
    await expect(provider.checkAndCreate(declared)).rejects.toThrow(/TELNYX_API_KEY.*telnyx:apiKey/);
  });
});

describe("adoption of a reservation with numbers that failed long ago", () => {
  it("judges only the declared numbers", async () => {
    await fx.emulator.control.markUnavailable([C]);
    const id = await existing([A, C]);
    const created = await fx.provider().checkAndCreate({ phoneNumbers: [A], customerReference: "support", adopt: id });
    expect(created.id).toBe(id);
    const { inputs } = await fx.provider().check({ phoneNumbers: [A], customerReference: "support", adopt: id }, created.outs);
    expect(await fx.provider().diff(id, created.outs, inputs)).toEqual({ changes: "none", replaces: [] });
  });
});

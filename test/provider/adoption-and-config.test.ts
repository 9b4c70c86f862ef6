/**
 * Adoption (the `import` option turned into the `adopt` input) and where the
 * provider's settings come from, through the real dynamic-provider host.
 */
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { ProviderHost } from "../helpers/provider-host";
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
  await fx.emulator.control.advanceClock(1);
  await fx.emulator.control.clearRequests();
  return data.id;
}

describe("adoption", () => {
  it("adopts by reservation id with one GET and no POST", async () => {
    const id = await existing();
    const created = await fx.host().checkAndCreate({ ...declared, adopt: id });
    expect(created.id).toBe(id);
    expect(created.outs).toMatchObject({ reservationId: id, status: "success", adopt: id });
    expect(await apiCalls(fx.emulator)).toEqual([`GET /v2/number_reservations/${id}`]);
  });

  it("adopts by a held phone number with one list and no POST", async () => {
    const id = await existing();
    const created = await fx.host().checkAndCreate({ ...declared, adopt: "+1 970 555 0001" });
    expect(created.id).toBe(id);
    expect(await apiCalls(fx.emulator)).toEqual(["GET /v2/number_reservations"]);
  });

  it("refuses a reservation that does not hold exactly the declared numbers, listing what it holds", async () => {
    const id = await existing([A, C]);
    await expect(fx.host().checkAndCreate({ ...declared, adopt: id })).rejects.toThrow(
      `Cannot adopt reservation ${id}: it holds ${A}, ${C}, but phoneNumbers declares ${A}, ${B}.`,
    );
    expect((await apiCalls(fx.emulator)).some((c) => c.startsWith("POST"))).toBe(false);
  });

  it("reserves the numbers anew, with a warning, when Telnyx has no such reservation (gone, or nobody holds the number)", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    const { outs } = await fx.host().checkAndCreate({ ...declared, adopt: gone });
    expect(outs).toMatchObject({ status: "success", phoneNumbers: [A, B] });
    expect(fx.host().logs).toContainEqual({ severity: "warning", message: expect.stringContaining(`no live reservation for the adopted ${gone}`) });
    expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
  });

  it("reserves anew when the adopted reservation's holds have lapsed", async () => {
    const id = await existing([A, B]);
    await fx.emulator.control.advanceClock(31 * 60);
    const host = await fx.freshHost();
    const { id: newId, outs } = await host.checkAndCreate({ ...declared, adopt: id });
    expect(newId).not.toBe(id);
    expect(outs).toMatchObject({ reservationId: newId, status: "success" });
    expect(host.logs).toContainEqual({ severity: "warning", message: expect.stringContaining(`adopted reservation ${id} holds no live number`) });
  });

  it("refuses a customer reference that differs from the declared one", async () => {
    const id = await existing([A, B], "other");
    await expect(fx.host().checkAndCreate({ ...declared, adopt: id })).rejects.toThrow(/customer reference is "other"/);
  });
});

/**
 * The `__provider` text as a Pulumi program process makes it: TELNYX_API_KEY and stack config
 * (`PULUMI_CONFIG`) carry the key, a lookup has just used it, then the provider is serialized.
 */
async function serializedByProgramWithKey(baseUrl: string): Promise<{ listed: number; text: string }> {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const sdk = require(process.argv[1]);
    const provider = require(process.argv[2]);
    sdk.listNumberReservations({})
      .then(async (listed) => {
        const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
        process.stdout.write(JSON.stringify({ listed: listed.length, text: serialized.text }));
      })
      .catch((err) => { console.error(err.stack || String(err)); process.exit(1); });`;
  const root = path.resolve(__dirname, "../..");
  // Asynchronous: the emulator answering the lookup runs in this (jest's) process.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["-e", script, path.join(root, "dist/sdk/index.js"), path.join(root, "dist/provider/instance.js")],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        TELNYX_API_KEY: TEST_API_KEY,
        TELNYX_BASE_URL: baseUrl,
        PULUMI_CONFIG: JSON.stringify({ "telnyx:apiKey": TEST_API_KEY, "telnyx:baseUrl": baseUrl }),
      },
    },
  );
  return JSON.parse(stdout);
}

describe("configuration", () => {
  it("reads the key and base URL from stack config, never from the serialized provider", async () => {
    // The fixture's host has only stack config (its TELNYX_* environment is blanked).
    await fx.host().checkAndCreate(declared);
    // Serialize as a program does, in a process that has the key in its environment and
    // stack config and has just used it (a lookup): nothing of it may be captured.
    const { listed, text } = await serializedByProgramWithKey(fx.emulator.url);
    expect(listed).toBe(1);
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(TEST_API_KEY);
    expect(text).not.toContain(fx.emulator.url);
  });

  it("falls back to TELNYX_API_KEY and TELNYX_BASE_URL", async () => {
    const host = await ProviderHost.start({}, { TELNYX_API_KEY: TEST_API_KEY, TELNYX_BASE_URL: fx.emulator.url });
    try {
      await expect(host.checkAndCreate(declared)).resolves.toMatchObject({ outs: { status: "success" } });
    } finally {
      await host.close();
    }
  });

  it("reports a wrong key with Telnyx's code and without the key", async () => {
    const secret = "WRONG-KEY-4f3b2a1c9d8e";
    const host = await ProviderHost.start({ "telnyx:apiKey": secret, "telnyx:baseUrl": fx.emulator.url });
    try {
      const error = await host.checkAndCreate(declared).catch((e) => e);
      expect(error.message).toMatch(/HTTP 401; code 10009/);
      expect(error.message).toMatch(/request id [0-9a-f-]{36}/);
      expect(error.message).not.toContain(secret);
    } finally {
      await host.close();
    }
  });

  it("names both ways to set a missing key", async () => {
    const host = await ProviderHost.start({ "telnyx:baseUrl": fx.emulator.url });
    try {
      await expect(host.checkAndCreate(declared)).rejects.toThrow(/TELNYX_API_KEY.*telnyx:apiKey/);
    } finally {
      await host.close();
    }
  });
});

describe("adoption of a reservation with numbers that failed long ago", () => {
  it("judges only the declared numbers", async () => {
    await fx.emulator.control.markUnavailable([C]);
    const id = await existing([A, C]);
    const created = await fx.host().checkAndCreate({ phoneNumbers: [A], customerReference: "support", adopt: id });
    expect(created.id).toBe(id);
    const { inputs } = await fx.host().check({ phoneNumbers: [A], customerReference: "support", adopt: id }, created.outs);
    expect(await fx.host().diff(id, created.outs, inputs)).toEqual({ changes: "none", replaces: [] });
  });
});

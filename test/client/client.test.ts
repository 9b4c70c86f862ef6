/**
 * TelnyxClient against the emulator over real HTTP: pagination, filters,
 * retries and their limits, the ambiguous-create report, and error contents.
 */
import { TelnyxApiError, TelnyxClient, TelnyxConfigurationError } from "../../provider/telnyx";
import { TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { sendJson, startHostileServer } from "./hostile-server";

const emulator = withEmulator();
const client = (options: ConstructorParameters<typeof TelnyxClient>[0] = {}) =>
  new TelnyxClient({ apiKey: TEST_API_KEY, baseUrl: emulator.url, retry: { baseDelayMs: 20 }, ...options });

async function reserveMany(count: number, customerReference = "bulk"): Promise<void> {
  const api = client();
  const numbers = testNumbers(count);
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      numbers.slice(i, i + 25).map((n) => api.create({ phone_numbers: [{ phone_number: n }], customer_reference: customerReference })),
    );
  }
  api.close();
}

async function calls(method?: string) {
  const log = await emulator.control.requests();
  return method ? log.filter((r) => r.method === method) : log;
}

describe("pagination", () => {
  it.each([0, 1, 250, 251])("lists every one of %i reservations", async (count) => {
    await reserveMany(count);
    await emulator.control.clearRequests();
    const all = await client().listAll();
    expect(all).toHaveLength(count);
    expect(new Set(all.map((r) => r.id)).size).toBe(count);
    const pages = (await calls("GET")).length;
    expect(pages).toBe(Math.max(1, Math.ceil(count / 250)));
  });

  it("honours a smaller page size and walks every page", async () => {
    await reserveMany(45);
    const seen: string[] = [];
    for await (const r of client().list({}, { pageSize: 20 })) seen.push(r.id);
    expect(seen).toHaveLength(45);
    expect((await calls("GET")).map((r) => (r.query as Record<string, string>)["page[number]"])).toEqual(["1", "2", "3"]);
  });
});

describe("filters", () => {
  it("filters by status, customer reference, phone number and creation time", async () => {
    const api = client();
    const [a, b, c] = testNumbers(3);
    await emulator.control.markUnavailable([c]);
    const first = await api.create({ phone_numbers: [{ phone_number: a }], customer_reference: "alpha" });
    await emulator.control.advanceClock(60);
    const middle = new Date(Date.parse(await emulator.control.now()) - 1000);
    await api.create({ phone_numbers: [{ phone_number: b }], customer_reference: "beta" });
    await api.create({ phone_numbers: [{ phone_number: c }], customer_reference: "beta" });
    await emulator.control.advanceClock(1); // settle all

    expect((await api.listAll({ customerReference: "alpha" })).map((r) => r.id)).toEqual([first.id]);
    expect(await api.listAll({ customerReference: "beta" })).toHaveLength(2);
    expect((await api.listAll({ phoneNumber: b })).map((r) => r.phone_numbers[0].phone_number)).toEqual([b]);
    expect((await api.listAll({ status: "failure" })).map((r) => r.phone_numbers[0].phone_number)).toEqual([c]);
    expect(await api.listAll({ status: "success" })).toHaveLength(2);
    expect((await api.listAll({ createdBefore: middle.toISOString() })).map((r) => r.id)).toEqual([first.id]);
    expect(await api.listAll({ createdAfter: middle.toISOString() })).toHaveLength(2);
  });
});

describe("retries", () => {
  it("waits as long as Retry-After says on a 429, then succeeds", async () => {
    const created = await client().create({ phone_numbers: [{ phone_number: testNumbers(1)[0] }] });
    await emulator.control.clearRequests();
    await emulator.control.addFault({ method: "GET", count: 1, status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const got = await client().retrieve(created.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(got.id).toBe(created.id);
    expect((await calls()).map((r) => r.status)).toEqual([429, 200]);
  });

  it("retries a 5xx on a GET and on extend", async () => {
    const created = await client().create({ phone_numbers: [{ phone_number: testNumbers(1)[0] }] });
    await emulator.control.advanceClock(1);
    await emulator.control.clearRequests();
    await emulator.control.addFault({ count: 2, status: 503 });
    await client().retrieve(created.id);
    await emulator.control.addFault({ count: 1, status: 500 });
    await client().extend(created.id);
    expect((await calls()).map((r) => `${r.method} ${r.status}`)).toEqual([
      "GET 503",
      "GET 503",
      "GET 200",
      "POST 500",
      "POST 200",
    ]);
  });

  it("does not retry a 4xx", async () => {
    const error = await client().retrieve("00000000-0000-4000-8000-000000000000").catch((e) => e);
    expect(error).toBeInstanceOf(TelnyxApiError);
    expect(error).toMatchObject({ status: 404, kind: "not_found", code: "10005", attempts: 1 });
    await emulator.control.addFault({ count: 1, status: 400 });
    await expect(client().listPage()).rejects.toMatchObject({ status: 400, kind: "invalid" });
    expect(await calls()).toHaveLength(2);
  });

  it("gives up after maxRetries", async () => {
    await emulator.control.addFault({ count: 10, status: 503 });
    const error = await client({ maxRetries: 2 }).listPage().catch((e) => e);
    expect(error).toMatchObject({ status: 503, kind: "server", attempts: 3 });
    expect(error.message).toContain("after 3 attempts");
    expect(await calls()).toHaveLength(3);
  });

  it("retries a request that timed out, when it is idempotent", async () => {
    await emulator.control.addFault({ method: "GET", count: 1, delayMs: 1500 });
    const page = await client({ timeoutMs: 300 }).listPage();
    expect(page.data).toEqual([]);
    // The first attempt was held back by the fault; only a timeout can have sent the second.
    expect(await calls("GET")).toHaveLength(2);
  });

  it("reports the timeout that fired when no retry is allowed", async () => {
    await emulator.control.addFault({ method: "GET", count: 1, delayMs: 1500 });
    const error = await client({ timeoutMs: 300, maxRetries: 0 }).listPage().catch((e) => e);
    expect(error).toMatchObject({ kind: "timeout", status: 0, attempts: 1 });
    expect(error.message).toContain("timed out; no answer within 300 ms");
    expect(await calls("GET")).toHaveLength(1);
  });

  it("makes concurrent calls wait together under a rate limit, and all succeed", async () => {
    await emulator.control.setRateLimit(5);
    const api = client();
    const results = await Promise.all(Array.from({ length: 15 }, () => api.listPage({}, { pageSize: 1 })));
    expect(results).toHaveLength(15);
    const statuses = (await calls()).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
  });

  it("holds every call of the client during the pause one call was told to take", async () => {
    await emulator.control.addFault({ method: "GET", count: 1, status: 429, retryAfterSeconds: 1 });
    const api = client();
    const first = api.listPage();
    // Once the 429 is in, start other calls: they must wait out the same pause, not go out now.
    while (!(await calls()).some((r) => r.status === 429)) await new Promise((resolve) => setTimeout(resolve, 5));
    const others = await Promise.all([api.listPage(), api.listPage(), api.listPage()]);
    await first;
    expect(others).toHaveLength(3);
    const log = await calls();
    const limitedAt = Date.parse(log.find((r) => r.status === 429)!.at);
    const after = log.filter((r) => r.status !== 429).map((r) => Date.parse(r.at) - limitedAt);
    expect(after).toHaveLength(4);
    for (const delay of after) expect(delay).toBeGreaterThanOrEqual(1000);
  });
});

describe("create is never retried blindly", () => {
  it("reports a create whose connection dropped after it committed as outcome unknown", async () => {
    await emulator.control.addFault({ method: "POST", count: 1, dropAfterCommit: true });
    const error = await client().create({ phone_numbers: [{ phone_number: testNumbers(1)[0] }] }).catch((e) => e);
    expect(error).toBeInstanceOf(TelnyxApiError);
    expect(error).toMatchObject({ kind: "network", status: 0, outcomeUnknown: true, attempts: 1 });
    expect(error.message).toContain("may have taken effect");
    expect(await emulator.control.reservations()).toHaveLength(1);
    expect(await calls("POST")).toHaveLength(1);
  });

  it("reports a 5xx on create as outcome unknown without retrying", async () => {
    await emulator.control.addFault({ method: "POST", count: 1, status: 503 });
    const error = await client().create({ phone_numbers: [{ phone_number: testNumbers(1)[0] }] }).catch((e) => e);
    expect(error).toMatchObject({ status: 503, outcomeUnknown: true, attempts: 1 });
    expect(await calls("POST")).toHaveLength(1);
  });

  it("retries a create rejected with 429, which Telnyx did not process", async () => {
    await emulator.control.addFault({ method: "POST", count: 1, status: 429, retryAfterSeconds: 0 });
    const created = await client().create({ phone_numbers: [{ phone_number: testNumbers(1)[0] }] });
    expect(created.id).toBeDefined();
    expect((await calls("POST")).map((r) => r.status)).toEqual([429, 200]);
    expect(await emulator.control.reservations()).toHaveLength(1);
  });

  it("retries a create whose connection was refused (it never reached Telnyx)", async () => {
    const closed = new TelnyxClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1/v2", maxRetries: 1, retry: { baseDelayMs: 10 } });
    const error = await closed.create({ phone_numbers: [{ phone_number: "+19705555098" }] }).catch((e) => e);
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: false, attempts: 2 });
  });
});

describe("errors", () => {
  const secret = "KEY0123456789abcdefSECRET";

  it("say status, code, title, detail and request id, and never the key", async () => {
    const error = await client({ apiKey: secret }).listPage().catch((e) => e);
    expect(error).toBeInstanceOf(TelnyxApiError);
    expect(error).toMatchObject({ status: 401, kind: "auth", code: "10009" });
    expect(error.title).toBeTruthy();
    expect(error.detail).toBeTruthy();
    expect(error.requestId).toMatch(/[0-9a-f-]{36}/);
    for (const text of [error.message, String(error), error.stack, JSON.stringify(error)]) {
      expect(text).not.toContain(secret);
    }
    expect(error.message).toContain("HTTP 401");
    expect(error.message).toContain("code 10009");
    expect(error.message).toContain(error.detail);
    expect(error.message).toContain(`request id ${error.requestId}`);
  });

  it("keep the key out even when the server echoes it back, in any form", async () => {
    const key = 'KEYecho"Quote\\Back-0f1e2d3c4b5a69788796';
    const forms = [key, key.toLowerCase(), key.toUpperCase(), JSON.stringify(key).slice(1, -1), encodeURIComponent(key)];
    const server = await startHostileServer((req, res) =>
      sendJson(
        res,
        400,
        {
          errors: [
            { code: "10015", title: "Bad Request", detail: `you sent ${req.headers.authorization}; also ${forms.join(" ")}` },
            // The key straddles character 200, where the message used to be cut before scrubbing.
            { code: forms[2], title: forms[1], detail: `${"y".repeat(190)}${key}${"z".repeat(100)}`, source: { pointer: forms[3] }, meta: { url: forms[4] } },
          ],
        },
        { "x-request-id": forms[4] },
      ),
    );
    try {
      const error = await new TelnyxClient({ apiKey: key, baseUrl: server.url, maxRetries: 0 }).listPage().catch((e) => e);
      expect(server.seen[0].authorization).toBe(`Bearer ${key}`);
      expect(error).toMatchObject({ status: 400, code: "10015" });
      expect(error.message).toContain("you sent Bearer [redacted]");
      for (const text of [error.message, String(error), error.stack, JSON.stringify(error)]) {
        for (const form of forms) {
          for (let i = 0; i + 8 <= form.length; i++) expect(text.toLowerCase()).not.toContain(form.slice(i, i + 8).toLowerCase());
        }
      }
    } finally {
      await server.close();
    }
  });

  it("say how to pass a missing key", () => {
    const saved = process.env.TELNYX_API_KEY;
    delete process.env.TELNYX_API_KEY;
    try {
      expect(() => new TelnyxClient({ baseUrl: emulator.url })).toThrow(TelnyxConfigurationError);
      expect(() => new TelnyxClient({ baseUrl: emulator.url })).toThrow(/pass apiKey or set the environment variable TELNYX_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.TELNYX_API_KEY = saved;
    }
  });

  it("reads TELNYX_API_KEY and TELNYX_BASE_URL when not given", async () => {
    const saved = { key: process.env.TELNYX_API_KEY, url: process.env.TELNYX_BASE_URL };
    process.env.TELNYX_API_KEY = TEST_API_KEY;
    process.env.TELNYX_BASE_URL = emulator.url;
    try {
      const api = new TelnyxClient();
      expect(api.baseUrl).toBe(emulator.url);
      await expect(api.listPage()).resolves.toMatchObject({ data: [] });
    } finally {
      process.env.TELNYX_API_KEY = saved.key ?? "";
      process.env.TELNYX_BASE_URL = saved.url ?? "";
      if (saved.key === undefined) delete process.env.TELNYX_API_KEY;
      if (saved.url === undefined) delete process.env.TELNYX_BASE_URL;
    }
  });
});

describe("server clock", () => {
  it("follows Telnyx's Date header rather than the local clock", async () => {
    await emulator.control.advanceClock(3600);
    const api = client();
    const now = await api.syncedServerNow();
    expect(Math.abs(now - Date.parse(await emulator.control.now()))).toBeLessThan(2000);
    expect(now - Date.now()).toBeGreaterThan(3590_000);
  });
});

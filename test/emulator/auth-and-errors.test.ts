/**
 * Authentication, routing errors and the headers common to every response of the emulator.
 */

import { startEmulator } from "../../emulator";
import { TEST_API_KEY, withEmulator } from "../helpers/emulator";
import { createReservation, expectCommonHeaders, expectTelnyxError, testNumber, UUID } from "./support";

const emulator = withEmulator();

describe("bearer authentication", () => {
  it.each([
    ["no Authorization header", undefined],
    ["an empty header", ""],
    ["a scheme other than Bearer", `Basic ${TEST_API_KEY}`],
    ["Bearer with no token", "Bearer "],
    ["a wrong key", "Bearer not-the-key"],
  ])("answers 401 code 10009 for %s", async (_label, header) => {
    const response = await emulator.request("GET", "/number_reservations", {
      apiKey: null,
      headers: header === undefined ? {} : { authorization: header },
    });
    const [error] = await expectTelnyxError(response, 401, "10009");
    expect(error.title).toBe("Authentication failed");
    expect(error.meta?.url).toContain("10009");
  });

  it("accepts the configured key, with a case-insensitive scheme", async () => {
    const response = await emulator.request("GET", "/number_reservations", {
      apiKey: null,
      headers: { authorization: `bearer ${TEST_API_KEY}` },
    });
    expect(response.status).toBe(200);
  });

  it("commits nothing when authentication fails", async () => {
    const response = await emulator.request("POST", "/number_reservations", {
      apiKey: "wrong",
      json: { phone_numbers: [{ phone_number: testNumber(1) }] },
    });
    expect(response.status).toBe(401);
    expect(await emulator.control.reservations()).toHaveLength(0);
  });

  it("accepts any non-empty bearer token when started without an apiKey", async () => {
    const open = await startEmulator({ settleDelayMs: 0 });
    try {
      const ok = await fetch(`${open.url}/number_reservations`, { headers: { authorization: "Bearer anything" } });
      expect(ok.status).toBe(200);
      const missing = await fetch(`${open.url}/number_reservations`);
      await expectTelnyxError(missing, 401, "10009");
    } finally {
      await open.close();
    }
  });
});

describe("routing errors", () => {
  it.each([
    ["GET", "/v2/phone_numbers"],
    ["GET", "/v2"],
    ["GET", "/v2/number_reservations/abc/actions/cancel"],
    ["GET", "/"],
    ["GET", "/favicon.ico"],
  ])("%s %s answers a Telnyx-shaped 404", async (method, path) => {
    const response = await fetch(emulator.origin + path, { method, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    await expectTelnyxError(response, 404, "10005");
  });

  it.each([
    ["DELETE", "/number_reservations"],
    ["PUT", "/number_reservations"],
    ["DELETE", "/number_reservations/11111111-1111-4111-8111-111111111111"],
    ["PATCH", "/number_reservations/11111111-1111-4111-8111-111111111111"],
    ["GET", "/number_reservations/11111111-1111-4111-8111-111111111111/actions/extend"],
  ])("the wrong method (%s %s) answers a Telnyx-shaped 404 naming the method", async (method, path) => {
    const response = await emulator.request(method, path);
    const [error] = await expectTelnyxError(response, 404, "10005");
    expect(error.detail).toContain(method);
  });

  it("an unknown reservation id answers 404 code 10005", async () => {
    for (const id of ["11111111-1111-4111-8111-111111111111", "not-a-uuid", "%E0%A4%A"]) {
      await expectTelnyxError(await emulator.request("GET", `/number_reservations/${id}`), 404, "10005");
    }
  });
});

describe("headers on every response", () => {
  it("sends content-type, a fresh uuid x-request-id and a Date on success, errors and control routes", async () => {
    const responses = [
      await emulator.request("GET", "/number_reservations"),
      await emulator.request("GET", "/number_reservations", { apiKey: null }),
      await emulator.request("GET", "/nowhere"),
      await fetch(`${emulator.origin}/__emulator/clock`),
      await fetch(`${emulator.origin}/__emulator/nowhere`),
    ];
    const ids = new Set<string>();
    for (const response of responses) {
      expectCommonHeaders(response);
      ids.add(response.headers.get("x-request-id") as string);
    }
    expect(ids.size).toBe(responses.length);
    expect([...ids].every((id) => UUID.test(id))).toBe(true);
  });

  it("takes the Date header from the emulator clock, so clients see it move", async () => {
    const before = Date.parse((await emulator.request("GET", "/number_reservations")).headers.get("date") as string);
    await emulator.control.advanceClock(86_400);
    const api = await emulator.request("GET", "/number_reservations");
    const control = await fetch(`${emulator.origin}/__emulator/clock`);
    for (const response of [api, control]) {
      const date = Date.parse(response.headers.get("date") as string);
      expect(date - before).toBeGreaterThanOrEqual(86_399_000);
      expect(date - before).toBeLessThan(86_460_000);
    }
  });

  it("stamps records with the emulator clock as well", async () => {
    await emulator.control.advanceClock(3600);
    const reservation = await createReservation(emulator, [testNumber(1)]);
    const now = Date.parse(await emulator.control.now());
    expect(Math.abs(Date.parse(reservation.created_at) - now)).toBeLessThan(5_000);
    expect(Date.parse(reservation.created_at) - Date.now()).toBeGreaterThan(3_500_000);
  });
});

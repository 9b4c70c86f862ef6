/**
 * POST /v2/number_reservations: the record returned and every validation rule.
 */

import type { NumberReservation } from "../../emulator";
import { withEmulator } from "../helpers/emulator";
import { createReservation, expectCommonHeaders, expectTelnyxError, testNumber, UUID } from "./support";

const emulator = withEmulator();

const post = (json: unknown) => emulator.request("POST", "/number_reservations", { json });
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe("a valid create", () => {
  it("answers 200 with a pending reservation shaped like the spec's NumberReservation", async () => {
    const response = await post({
      phone_numbers: [{ phone_number: testNumber(1) }, { phone_number: testNumber(2) }],
      customer_reference: "MY REF 001",
    });
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
    const { data } = (await response.json()) as { data: NumberReservation };
    expect(Object.keys(data).sort()).toEqual(
      ["created_at", "customer_reference", "id", "phone_numbers", "record_type", "status", "updated_at"].sort(),
    );
    expect(data).toMatchObject({ record_type: "number_reservation", status: "pending", customer_reference: "MY REF 001" });
    expect(data.id).toMatch(UUID);
    expect(data.created_at).toMatch(ISO_MICROS);
    expect(data.updated_at).toBe(data.created_at);
    expect(data.phone_numbers.map((n) => n.phone_number)).toEqual([testNumber(1), testNumber(2)]);
    for (const number of data.phone_numbers) {
      expect(Object.keys(number).sort()).toEqual(
        ["created_at", "expired_at", "id", "phone_number", "record_type", "status", "updated_at"].sort(),
      );
      expect(number).toMatchObject({ record_type: "reserved_phone_number", status: "pending", created_at: data.created_at });
      expect(number.id).toMatch(UUID);
      expect(Date.parse(number.expired_at) - Date.parse(data.created_at)).toBe(1800 * 1000);
    }
    expect(new Set([data.id, ...data.phone_numbers.map((n) => n.id)]).size).toBe(3);
  });

  it("omits customer_reference when none was given (the spec does not allow null)", async () => {
    const created = await createReservation(emulator, [testNumber(1)]);
    expect("customer_reference" in created).toBe(false);
    const nulled = await post({ phone_numbers: [{ phone_number: testNumber(2) }], customer_reference: null });
    expect(nulled.status).toBe(200);
    expect("customer_reference" in ((await nulled.json()) as { data: object }).data).toBe(false);
  });

  it("ignores fields Telnyx ignores (read-only fields sent back in phone_numbers entries)", async () => {
    const response = await post({ phone_numbers: [{ phone_number: testNumber(1), status: "success", id: "x" }], extra: 1 });
    expect(response.status).toBe(200);
  });
});

describe("create validation", () => {
  it("answers 400 code 10023 for a body that is not JSON", async () => {
    const response = await emulator.request("POST", "/number_reservations", { body: "{phone_numbers:" });
    await expectTelnyxError(response, 400, "10023");
  });

  it.each([["an array", [1]], ["a string", "x"], ["a number", 3], ["null", null]])(
    "answers 400 for a JSON body that is %s",
    async (_label, body) => {
      const response = await emulator.request("POST", "/number_reservations", { body: JSON.stringify(body) });
      await expectTelnyxError(response, 400, "10015", { pointer: "/" });
    },
  );

  it("treats an empty body as {} and names the missing phone_numbers", async () => {
    const response = await emulator.request("POST", "/number_reservations", { body: "" });
    await expectTelnyxError(response, 422, "10004", { pointer: "/phone_numbers" });
  });

  it.each([
    ["missing", {}, "10004", "/phone_numbers"],
    ["null", { phone_numbers: null }, "10004", "/phone_numbers"],
    ["empty", { phone_numbers: [] }, "10015", "/phone_numbers"],
    ["not an array", { phone_numbers: "+19705550001" }, "10020", "/phone_numbers"],
    ["an array of strings", { phone_numbers: ["+19705550001"] }, "10020", "/phone_numbers/0"],
    ["an entry without phone_number", { phone_numbers: [{}] }, "10004", "/phone_numbers/0/phone_number"],
    ["an entry with a numeric phone_number", { phone_numbers: [{ phone_number: 19705550001 }] }, "10020", "/phone_numbers/0/phone_number"],
  ])("answers 422 when phone_numbers is %s", async (_label, body, code, pointer) => {
    await expectTelnyxError(await post(body), 422, code, { pointer });
  });

  it.each(["19705555098", "+0123456789", "+1", "+1 970-555-5098", "+1970555509a", "+1234567890123456", " +19705555098", "+19705555098\n", ""])(
    "answers 422 code 10016 for the non-E.164 number %j",
    async (number) => {
      const errors = await expectTelnyxError(
        await post({ phone_numbers: [{ phone_number: testNumber(1) }, { phone_number: number }] }),
        422,
        "10016",
        { pointer: "/phone_numbers/1/phone_number" },
      );
      expect(errors).toHaveLength(1);
    },
  );

  it("accepts the shortest and longest E.164 forms", async () => {
    expect((await post({ phone_numbers: [{ phone_number: "+12" }, { phone_number: "+123456789012345" }] })).status).toBe(200);
  });

  it("answers 422 naming the second occurrence of a duplicated number", async () => {
    const response = await post({
      phone_numbers: [{ phone_number: testNumber(1) }, { phone_number: testNumber(2) }, { phone_number: testNumber(1) }],
    });
    const [error] = await expectTelnyxError(response, 422, "10015", { pointer: "/phone_numbers/2/phone_number" });
    expect(error.detail).toContain(testNumber(1));
  });

  it.each([[42], [true], [{ ref: "x" }], [["x"]]])("answers 422 code 10020 for customer_reference %j", async (ref) => {
    await expectTelnyxError(
      await post({ phone_numbers: [{ phone_number: testNumber(1) }], customer_reference: ref }),
      422,
      "10020",
      { pointer: "/customer_reference" },
    );
  });

  it("reports every problem of a request at once, and commits nothing", async () => {
    const errors = await expectTelnyxError(
      await post({ phone_numbers: [{ phone_number: "bad" }, { phone_number: testNumber(1) }, { phone_number: "+0" }], customer_reference: 1 }),
      422,
      "10016",
    );
    expect(errors.map((e) => e.source?.pointer)).toEqual([
      "/phone_numbers/0/phone_number",
      "/phone_numbers/2/phone_number",
      "/customer_reference",
    ]);
    expect(await emulator.control.reservations()).toHaveLength(0);
  });

  it("answers 413 for an oversized body and stays usable", async () => {
    const huge = JSON.stringify({ phone_numbers: [], padding: "x".repeat(2 * 1024 * 1024) });
    const response = await emulator.request("POST", "/number_reservations", { body: huge });
    await expectTelnyxError(response, 413, "10015");
    expect((await emulator.request("GET", "/number_reservations")).status).toBe(200);
  });
});

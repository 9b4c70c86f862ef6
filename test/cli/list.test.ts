/**
 * `telnyx-reservations list` end to end: the built CLI against the emulator.
 * Table and JSON output, every page, each filter, and a quiet stderr when piped.
 */
import type { Hold } from "../../cli/hold";
import { summarize, type ReservationSummary } from "../../provider/reservation-state";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { emulatorClient, emulatorEnv, requireBuiltCli, runCliInProcess, seedReservations } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

async function listJson(...args: string[]): Promise<(ReservationSummary & { hold: Hold })[]> {
  const result = await runCliInProcess(["list", "--json", ...args], emulatorEnv(emulator));
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(result.stdout) as (ReservationSummary & { hold: Hold })[];
}

const ids = (summaries: ReservationSummary[]) => summaries.map((s) => s.id);

describe("output", () => {
  it("prints a table with id, numbers, hold, Telnyx's status and reference", async () => {
    const [a, b] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "support" },
      { phoneNumbers: testNumbers(2, 10) },
    ]);
    const result = await runCliInProcess(["list"], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+NUMBERS\s+HOLD\s+TELNYX STATUS\s+REFERENCE$/);
    expect(lines).toHaveLength(3);
    expect(lines[1].split(/\s{2,}/)).toEqual([a.id, testNumbers(1)[0], `held until ${summarize(a).expiresAt}`, "success", "support"]);
    expect(lines[2].split(/\s{2,}/)).toEqual([b.id, testNumbers(2, 10).join(", "), `held until ${summarize(b).expiresAt}`, "success", "-"]);
    // Columns line up: every row starts its NUMBERS cell where the header does.
    const numbersColumn = lines[0].indexOf("NUMBERS");
    for (const line of lines.slice(1)) expect(line.indexOf("+1970")).toBe(numbersColumn);
  });

  it("says so when nothing matches", async () => {
    const result = await runCliInProcess(["list"], emulatorEnv(emulator));
    expect(result).toMatchObject({ code: 0, stdout: "No reservations found.\n", stderr: "" });
  });

  it("prints --json as an array of ReservationSummary, the SDK's camelCase shape, plus `hold`", async () => {
    await emulator.control.markUnavailable(testNumbers(1, 99));
    await seedReservations(emulator, [
      { phoneNumbers: testNumbers(2), customerReference: "sales" },
      { phoneNumbers: [testNumbers(1, 3)[0], testNumbers(1, 99)[0]] },
    ]);
    const client = emulatorClient(emulator);
    const expected = (await client.listAll()).map(summarize);
    client.close();
    const listed = await listJson();
    expect(listed.map(({ hold: _hold, ...summary }) => summary)).toEqual(expected);
    expect(listed.map((r) => r.hold.state)).toEqual(["held", "partial"]);
    expect(listed[1]).toMatchObject({ status: "failure", numbers: [{ status: "success" }, { status: "failure", errors: expect.any(String) }] });
  });

  it("prints an empty JSON array when nothing matches", async () => {
    expect(await listJson()).toEqual([]);
  });
});

describe("pagination", () => {
  it("fetches every page: 260 reservations in two pages of up to 250", async () => {
    const seeded = await seedReservations(
      emulator,
      testNumbers(260).map((n) => ({ phoneNumbers: [n] })),
    );
    await emulator.control.clearRequests();

    const listed = await listJson();
    expect(ids(listed)).toEqual(seeded.map((r) => r.id));
    const pages = (await emulator.control.requests()).map((r) => [r.query["page[number]"], r.query["page[size]"]]);
    expect(pages).toEqual([
      ["1", "250"],
      ["2", "250"],
    ]);

    const table = await runCliInProcess(["list"], emulatorEnv(emulator));
    expect(table.code).toBe(0);
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(261);
  });
});

describe("filters", () => {
  it("--status", async () => {
    await emulator.control.markUnavailable(testNumbers(1, 50));
    const [ok, failed] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }, { phoneNumbers: testNumbers(1, 50) }]);
    await emulator.control.settings({ settleDelayMs: 600_000 });
    const client = emulatorClient(emulator);
    const pending = await client.create({ phone_numbers: [{ phone_number: testNumbers(1, 2)[0] }] });
    client.close();
    expect(ids(await listJson("--status", "success"))).toEqual([ok.id]);
    expect(ids(await listJson("--status", "failure"))).toEqual([failed.id]);
    expect(ids(await listJson("--status=pending"))).toEqual([pending.id]);
  });

  it("--customer-reference matches exactly", async () => {
    const [a] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "team a" },
      { phoneNumbers: testNumbers(1, 1), customerReference: "team" },
      { phoneNumbers: testNumbers(1, 2) },
    ]);
    expect(ids(await listJson("--customer-reference", "team a"))).toEqual([a.id]);
  });

  it("--phone-number accepts any common format and matches the E.164 number", async () => {
    const [a, b] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(2) },
      { phoneNumbers: testNumbers(2, 2) },
    ]);
    expect(ids(await listJson("--phone-number", "+1 (970) 555-0001"))).toEqual([a.id]);
    expect(ids(await listJson("--phone-number", testNumbers(1, 3)[0]))).toEqual([b.id]);
  });

  it("--created-after and --created-before bound the creation time", async () => {
    const [early] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    await emulator.control.advanceClock(3600);
    const [late] = await seedReservations(emulator, [{ phoneNumbers: testNumbers(1, 1) }]);
    const between = new Date((Date.parse(early.created_at!) + Date.parse(late.created_at!)) / 2).toISOString();
    expect(ids(await listJson("--created-after", between))).toEqual([late.id]);
    expect(ids(await listJson("--created-before", between))).toEqual([early.id]);
    expect(ids(await listJson("--created-after", early.created_at!, "--created-before", "2999-01-01"))).toEqual([late.id]);
  });

  it("combines filters with AND and sends each as Telnyx's query parameter", async () => {
    const [match] = await seedReservations(emulator, [
      { phoneNumbers: testNumbers(1), customerReference: "x" },
      { phoneNumbers: testNumbers(1, 1), customerReference: "y" },
    ]);
    await emulator.control.clearRequests();
    const args = ["--status", "success", "--customer-reference", "x", "--phone-number", testNumbers(1)[0]];
    expect(ids(await listJson(...args, "--created-after", "2000-01-01", "--created-before", "2999-01-01T00:00:00Z"))).toEqual([
      match.id,
    ]);
    const [request] = await emulator.control.requests();
    expect(request.query).toMatchObject({
      "filter[status]": "success",
      "filter[customer_reference]": "x",
      "filter[phone_numbers.phone_number]": testNumbers(1)[0],
      "filter[created_at][gt]": "2000-01-01T00:00:00.000Z",
      "filter[created_at][lt]": "2999-01-01T00:00:00.000Z",
    });
  });
});

describe("flags over environment", () => {
  it("--api-key and --base-url override TELNYX_API_KEY and TELNYX_BASE_URL", async () => {
    await seedReservations(emulator, [{ phoneNumbers: testNumbers(1) }]);
    const result = await runCliInProcess(["list", "--json", "--api-key", emulator.apiKey, "--base-url", emulator.url], {
      TELNYX_API_KEY: "wrong-key",
      TELNYX_BASE_URL: "http://127.0.0.1:9/v2",
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });
});

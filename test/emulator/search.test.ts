/**
 * `GET /v2/available_phone_numbers` over the emulator's inventory: each filter the spec lists,
 * `filter[limit]`, best effort, held numbers left out, and the control API that adds, removes and
 * "takes" numbers between a search and a create. Reservations of numbers the inventory does not
 * list are the other emulator tests' business; here only that they still work.
 */

import type { AvailableNumbersMeta, AvailablePhoneNumber } from "../../emulator";
import { withEmulator } from "../helpers/emulator";
import { createReservation, createSettledReservation, expectTelnyxError, retrieveReservation, testNumber } from "./support";

const emulator = withEmulator();

interface SearchAnswer {
  data: AvailablePhoneNumber[];
  meta: AvailableNumbersMeta;
}

/** Searches with `filters` (`filter[...]` names without the `filter` prefix); asserts the 200. */
async function search(filters: Record<string, string> = {}): Promise<SearchAnswer> {
  const query = Object.entries(filters)
    .map(([key, value]) => `filter${key}=${encodeURIComponent(value)}`)
    .join("&");
  const response = await emulator.request("GET", `/available_phone_numbers${query ? `?${query}` : ""}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchAnswer;
}

const numbersOf = (answer: SearchAnswer) => answer.data.map((n) => n.phone_number);
const region = (n: AvailablePhoneNumber, type: string) => n.region_information.find((r) => r.region_type === type)?.region_name;
const features = (n: AvailablePhoneNumber) => n.features.map((f) => f.name);

describe("the default inventory", () => {
  it("answers records in the spec's shape, in number order, 50 unless limited", async () => {
    const answer = await search();
    expect(answer.data).toHaveLength(50);
    expect(answer.meta).toEqual({ total_results: 80, best_effort_results: 0 });
    expect(numbersOf(answer)).toEqual([...numbersOf(answer)].sort());
    const denver = answer.data.find((n) => n.phone_number === "+13032920100");
    expect(denver).toEqual({
      record_type: "available_phone_number",
      phone_number: "+13032920100",
      vanity_format: "",
      best_effort: false,
      quickship: false,
      reservable: true,
      region_information: [
        { region_type: "rate_center", region_name: "DENVER" },
        { region_type: "location", region_name: "Denver" },
        { region_type: "state", region_name: "CO" },
        { region_type: "country_code", region_name: "US" },
      ],
      cost_information: { currency: "USD", monthly_cost: "1.00", upfront_cost: "1.00" },
      features: [{ name: "voice" }, { name: "emergency" }, { name: "sms" }, { name: "mms" }, { name: "fax" }],
    });
  });

  it("is the same on every emulator: the inventory is fixed, not random", async () => {
    const first = await emulator.control.inventory();
    await emulator.control.reset();
    expect(await emulator.control.inventory()).toEqual(first);
    expect(first.filter((n) => !n.reservable).length).toBeGreaterThan(0);
    expect(first.filter((n) => n.quickship).every((n) => n.phoneNumberType === "toll_free")).toBe(true);
  });
});

describe("each filter", () => {
  it("country code (case-insensitive)", async () => {
    const canada = await search({ "[country_code]": "ca" });
    expect(canada.data.length).toBe(12);
    expect(canada.data.every((n) => region(n, "country_code") === "CA")).toBe(true);
    expect((await search({ "[country_code]": "GB" })).data).toEqual([]);
  });

  it("national destination code", async () => {
    const answer = await search({ "[national_destination_code]": "970" });
    expect(answer.meta.total_results).toBe(24);
    expect(numbersOf(answer).every((n) => n.startsWith("+1970"))).toBe(true);
  });

  it("locality, administrative area and rate center (case-insensitive)", async () => {
    const loveland = await search({ "[locality]": "loveland" });
    expect(loveland.data.map((n) => region(n, "location"))).toEqual(Array(6).fill("Loveland"));
    const colorado = await search({ "[administrative_area]": "CO", "[limit]": "100" });
    expect(colorado.meta.total_results).toBe(34);
    expect(new Set(colorado.data.map((n) => region(n, "state")))).toEqual(new Set(["CO"]));
    const grandJunction = await search({ "[rate_center]": "grand jct" });
    expect(numbersOf(grandJunction).every((n) => n.startsWith("+1970242"))).toBe(true);
    expect(grandJunction.data).toHaveLength(6);
  });

  it("phone number type", async () => {
    const tollFree = await search({ "[phone_number_type]": "toll_free" });
    expect(numbersOf(tollFree).every((n) => /^\+1(888|833)/.test(n))).toBe(true);
    expect(tollFree.data).toHaveLength(10);
    expect(tollFree.data.every((n) => region(n, "location") === undefined)).toBe(true);
    expect((await search({ "[phone_number_type]": "mobile" })).data).toEqual([]);
  });

  it("features: every one listed, repeated or comma-separated", async () => {
    const commas = await search({ "[locality]": "Fort Collins", "[features]": "sms,fax" });
    expect(commas.data.length).toBeGreaterThan(0);
    expect(commas.data.every((n) => features(n).includes("sms") && features(n).includes("fax"))).toBe(true);
    const response = await emulator.request("GET", "/available_phone_numbers?filter[locality]=Fort%20Collins&filter[features]=sms&filter[features]=fax");
    expect(numbersOf((await response.json()) as SearchAnswer)).toEqual(numbersOf(commas));
    const all = await search({ "[locality]": "Fort Collins" });
    expect(commas.data.length).toBeLessThan(all.data.length);
  });

  it("starts with / contains / ends with: on the national number, or after the NDC when one is given", async () => {
    expect(numbersOf(await search({ "[phone_number][starts_with]": "3032" }))).toHaveLength(10);
    expect(numbersOf(await search({ "[national_destination_code]": "303", "[phone_number][starts_with]": "292010" }))).toEqual(
      Array.from({ length: 10 }, (_, i) => `+1303292010${i}`),
    );
    // After the NDC "970", "221" starts Fort Collins numbers; the national number starts with 970.
    expect(numbersOf(await search({ "[national_destination_code]": "970", "[phone_number][starts_with]": "970" }))).toEqual([]);
    expect(numbersOf(await search({ "[phone_number][ends_with]": "0105", "[locality]": "Denver" }))).toEqual(["+13032920105"]);
    expect(numbersOf(await search({ "[phone_number][contains]": "2420", "[limit]": "100" }))).toEqual(
      Array.from({ length: 6 }, (_, i) => `+1970242010${i}`),
    );
  });

  it("reservable and quickship: `true` keeps only such numbers, `false` filters nothing", async () => {
    const all = await search({ "[locality]": "Fort Collins" });
    const reservable = await search({ "[locality]": "Fort Collins", "[reservable]": "true" });
    expect(all.data.some((n) => !n.reservable)).toBe(true);
    expect(reservable.data.every((n) => n.reservable)).toBe(true);
    expect(reservable.data.length).toBe(all.data.filter((n) => n.reservable).length);
    expect(numbersOf(await search({ "[locality]": "Fort Collins", "[reservable]": "false" }))).toEqual(numbersOf(all));
    const quickship = await search({ "[quickship]": "true" });
    expect(quickship.data.length).toBe(5);
    expect(quickship.data.every((n) => n.quickship)).toBe(true);
  });

  it("limit: at most that many, total_results counts them all", async () => {
    const answer = await search({ "[national_destination_code]": "970", "[limit]": "3" });
    expect(answer.data).toHaveLength(3);
    expect(answer.meta.total_results).toBe(24);
    expect((await search({ "[limit]": "100" })).data).toHaveLength(80);
  });

  it("best effort: near numbers (same kind, elsewhere, nearest state first) follow the exact ones, marked and counted", async () => {
    const criteria = { "[locality]": "Loveland", "[features]": "fax", "[reservable]": "true" };
    const exact = await search(criteria);
    expect(exact.data).toHaveLength(2);
    expect(exact.meta.best_effort_results).toBe(0);
    const near = await search({ ...criteria, "[best_effort]": "true", "[limit]": "5" });
    expect(numbersOf(near).slice(0, 2)).toEqual(numbersOf(exact));
    expect(near.data.map((n) => n.best_effort)).toEqual([false, false, true, true, true]);
    expect(near.data.slice(2).every((n) => features(n).includes("fax") && n.reservable && region(n, "location") !== "Loveland")).toBe(true);
    // Nearest first: Colorado (Denver) before the rest of the country, though +1212 sorts first.
    expect(numbersOf(near).slice(2)).toEqual(["+13032920100", "+13032920103", "+13032920109"]);
    expect(near.meta.total_results).toBe(near.meta.best_effort_results + 2);
    // Near stays in the state asked for.
    const inState = await search({ ...criteria, "[administrative_area]": "NY", "[best_effort]": "true" });
    expect(inState.data.every((n) => n.best_effort && region(n, "state") === "NY")).toBe(true);
  });
});

describe("held, unavailable and taken numbers", () => {
  it("exclude_held_numbers leaves out numbers held by a pending or live reservation, and shows them again once lapsed", async () => {
    const denver = { "[locality]": "Denver", "[exclude_held_numbers]": "true" };
    await createReservation(emulator, ["+13032920100"]); // pending
    await createSettledReservation(emulator, ["+13032920101"]); // live
    const answer = await search(denver);
    expect(numbersOf(answer)).not.toContain("+13032920100");
    expect(numbersOf(answer)).not.toContain("+13032920101");
    expect(answer.data).toHaveLength(8);
    expect(numbersOf(await search({ "[locality]": "Denver" }))).toContain("+13032920100");
    await emulator.control.advanceClock(1800);
    expect(numbersOf(await search(denver))).toContain("+13032920100");
  });

  it("numbers marked unavailable are never shown", async () => {
    await emulator.control.markUnavailable(["+13032920102"]);
    expect(numbersOf(await search({ "[locality]": "Denver" }))).not.toContain("+13032920102");
  });

  it("a number taken between search and create vanishes from searches and fails in the reservation", async () => {
    const [first, second] = numbersOf(await search({ "[locality]": "Denver", "[reservable]": "true", "[limit]": "2" }));
    expect(await emulator.control.takeNumbers([second])).toEqual([second]);
    expect(numbersOf(await search({ "[locality]": "Denver" }))).not.toContain(second);
    const created = await createSettledReservation(emulator, [first, second]);
    expect(created.status).toBe("failure");
    expect(created.phone_numbers.map((n) => [n.phone_number, n.status, n.errors])).toEqual([
      [first, "success", undefined],
      [second, "failure", "Number is already on hold"],
    ]);
  });

  it("a number the inventory lists as not reservable fails in a reservation", async () => {
    const notReservable = (await emulator.control.inventory()).find((n) => !n.reservable)?.phoneNumber as string;
    const created = await createSettledReservation(emulator, [notReservable]);
    expect(created.phone_numbers[0]).toMatchObject({ status: "failure", errors: "Number is not reservable" });
  });

  it("numbers the inventory does not list are held as before", async () => {
    const created = await createSettledReservation(emulator, [testNumber(1), testNumber(2)]);
    expect(created.phone_numbers.map((n) => n.status)).toEqual(["success", "success"]);
    expect((await retrieveReservation(emulator, created.id)).status).toBe("success");
  });
});

describe("the inventory control API", () => {
  it("adds numbers with defaults, replaces by number, removes, and reset restores the default", async () => {
    const before = await emulator.control.inventory();
    const added = await emulator.control.addInventory([
      { phoneNumber: "+15055550100", locality: "Santa Fe", administrativeArea: "NM", rateCenter: "SANTA FE" },
      { phoneNumber: "+442071838750", countryCode: "gb", nationalDestinationCode: "20", features: ["voice"], monthlyCost: "3.50" },
    ]);
    expect(added).toHaveLength(before.length + 2);
    expect(added).toContainEqual({
      phoneNumber: "+15055550100",
      countryCode: "US",
      nationalDestinationCode: "505",
      phoneNumberType: "local",
      locality: "Santa Fe",
      administrativeArea: "NM",
      rateCenter: "SANTA FE",
      features: ["sms", "voice"],
      monthlyCost: "1.00",
      upfrontCost: "1.00",
      currency: "USD",
      reservable: true,
      quickship: false,
    });
    const london = await search({ "[country_code]": "GB", "[national_destination_code]": "20" });
    expect(london.data).toEqual([expect.objectContaining({ phone_number: "+442071838750", cost_information: expect.objectContaining({ monthly_cost: "3.50" }) })]);
    await emulator.control.addInventory([{ phoneNumber: "+15055550100", reservable: false }]);
    expect((await search({ "[national_destination_code]": "505" })).data[0].reservable).toBe(false);

    await emulator.control.removeInventory(["+15055550100", "+13032920100"]);
    expect(numbersOf(await search({ "[locality]": "Denver" }))).not.toContain("+13032920100");
    expect((await search({ "[national_destination_code]": "505" })).data).toEqual([]);

    await emulator.control.takeNumbers(["+13032920101"]);
    await emulator.control.reset();
    expect(await emulator.control.inventory()).toEqual(before);
    expect(numbersOf(await search({ "[locality]": "Denver" }))).toContain("+13032920101");
  });

  it("refuses bad entries, naming each field", async () => {
    const response = await fetch(`${emulator.origin}/__emulator/inventory`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ numbers: [{ phoneNumber: "970 555" }, { phoneNumber: "+15055550100", features: ["telepathy"], colour: "red" }] }),
    });
    const errors = await expectTelnyxError(response as unknown as Response, 422, "10015");
    expect(errors.map((e) => e.source)).toEqual([
      { pointer: "/numbers/0/phoneNumber" },
      { pointer: "/numbers/1/colour" },
      { pointer: "/numbers/1/features/0" },
    ]);
  });
});

describe("bad searches: a 400 naming the parameter", () => {
  it.each([
    ["filter[limit]=0", "filter[limit]"],
    ["filter[limit]=101", "filter[limit]"],
    ["filter[features]=telepathy", "filter[features]"],
    ["filter[phone_number_type]=landline", "filter[phone_number_type]"],
    ["filter[best_effort]=yes", "filter[best_effort]"],
    ["filter[country_code]=USA", "filter[country_code]"],
    ["filter[phone_number][starts_with]=97x", "filter[phone_number][starts_with]"],
    ["filter[area_code]=970", "filter[area_code]"],
  ])("%s", async (query, parameter) => {
    const response = await emulator.request("GET", `/available_phone_numbers?${query}`);
    await expectTelnyxError(response, 400, "10015", { parameter });
  });
});

/**
 * A `search` resource through the built provider against the emulator's inventory: check's
 * rules (exactly one of phoneNumbers or search, each criterion named), create by search (one
 * search, one POST), the race between search and reserve (the emulator's "taken" control during
 * a slowed POST), too few numbers, a no-op with no call, count lowered, and a lapse: the same
 * numbers again, or new ones with a warning when others took them.
 */
import { ProviderCallError } from "../helpers/provider-calls";
import { holdersOf } from "../../testing/holds";
import { findable } from "../helpers/findable";
import { apiCalls, withProvider } from "./support";

const fx = withProvider();
const SEARCH = { countryCode: "US", nationalDestinationCode: "970", locality: "Fort Collins", features: ["sms"], count: 2 };
const declared = { search: SEARCH, customerReference: "support" };

/** The reservable Fort Collins SMS numbers of the inventory, in the order a search answers them (the request log cleared). */
async function candidates(): Promise<string[]> {
  const found = await findable(fx.emulator);
  await fx.emulator.control.clearRequests();
  return found;
}

/**
 * Once the provider's POST has reached the emulator, which holds it there (a delay fault): the
 * moment to take numbers from under it. Stops looking if the create ends first.
 */
async function whenPosted(creating: Promise<unknown>): Promise<void> {
  let ended = false;
  creating.then(
    () => (ended = true),
    () => (ended = true),
  );
  while (!ended && !(await apiCalls(fx.emulator)).includes("POST /v2/number_reservations")) await new Promise((r) => setTimeout(r, 10));
}

const searches = (calls: string[]) => calls.filter((c) => c === "GET /v2/available_phone_numbers").length;
const posts = (calls: string[]) => calls.filter((c) => c === "POST /v2/number_reservations").length;

describe("check", () => {
  it.each([
    [{ phoneNumbers: ["+19705555098"], search: { countryCode: "US" } }, "search", /not both/],
    [{}, "phoneNumbers", /or search/],
    [{ search: { nationalDestinationCode: "970" } }, "search.countryCode", /is required/],
    [{ search: { countryCode: "US", locality: "" } }, "search.locality", /non-empty string/],
    [{ search: { countryCode: "US", colour: "red" } }, "search.colour", /is not a search criterion/],
    [{ search: { countryCode: "US", count: 0 } }, "search.count", /whole number from 1 to 20/],
    [{ search: { countryCode: "US", count: 2.5 } }, "search.count", /whole number from 1 to 20/],
    [{ search: { countryCode: "US", count: 21 } }, "search.count", /whole number from 1 to 20/],
    [{ search: "US" }, "search", /must be an object/],
  ])("%j fails on %s, before any call", async (news, property, reason) => {
    const { failures } = await fx.provider().check(news);
    expect(failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    expect(await apiCalls(fx.emulator)).toEqual([]);
  });

  it("normalizes the criteria and defaults count to 1", async () => {
    const { inputs, failures } = await fx.provider().check({ search: { countryCode: "us", locality: " Fort Collins " } });
    expect(failures).toEqual([]);
    expect(inputs.search).toEqual({ countryCode: "US", locality: "Fort Collins", count: 1 });
    expect(inputs).not.toHaveProperty("phoneNumbers");
  });
});

describe("create by search", () => {
  it("searches once and holds count numbers in one reservation (1 search + 1 POST); a no-op diff makes no call", async () => {
    const [first, second] = await candidates();
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    expect(outs).toMatchObject({ status: "success", phoneNumbers: [first, second], search: SEARCH });
    expect(outs).not.toHaveProperty("reservationId"); // it is the id: not stored
    expect(await holdersOf(fx.emulator.control, first)).toEqual([id]);
    const calls = await apiCalls(fx.emulator);
    expect([searches(calls), posts(calls)]).toEqual([1, 1]);

    await fx.emulator.control.clearRequests();
    const provider = await fx.freshProvider();
    const { inputs } = await provider.check(declared, outs);
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: "none" });
    expect(await apiCalls(fx.emulator)).toEqual([]);
  });

  it("too few numbers: fails before reserving anything, saying how many were found and what to loosen", async () => {
    const narrow = { search: { ...SEARCH, endsWith: "0100", count: 2 } };
    const error: ProviderCallError = await fx.provider().checkAndCreate(narrow).catch((e) => e);
    expect(error.message).toMatch(/search found 1 reservable number of the 2 wanted/);
    expect(error.message).toMatch(/loosen search\.endsWith or search\.features or search\.locality/);
    expect(error.message).toMatch(/search\.bestEffort/);
    expect(error.initFailed).toBeUndefined();
    expect(posts(await apiCalls(fx.emulator))).toBe(0);
  });

  it("race: others take every found number before the POST: searches again and holds others", async () => {
    const [first, second, third, fourth] = await candidates();
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, delayMs: 400 });
    const creating = fx.provider().checkAndCreate(declared);
    await whenPosted(creating);
    await fx.emulator.control.takeNumbers([first, second]);
    const { id, outs } = await creating;
    expect(outs).toMatchObject({ status: "success", phoneNumbers: [third, fourth] });
    expect(await holdersOf(fx.emulator.control, third)).toEqual([id]);
    const calls = await apiCalls(fx.emulator);
    expect([searches(calls), posts(calls)]).toEqual([2, 2]);
  });

  it("race lost on some numbers: keeps the reservation in state and names what is held and what is not", async () => {
    const [first, second] = await candidates();
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, delayMs: 400 });
    const creating = fx.provider().checkAndCreate(declared).catch((e) => e);
    await whenPosted(creating);
    await fx.emulator.control.takeNumbers([second]);
    const error: ProviderCallError = await creating;
    expect(error.message).toContain(`${second} (Number is already on hold`);
    expect(error.message).toContain(`Still held: ${first}`);
    expect(error.initFailed?.properties).toMatchObject({ phoneNumbers: [first, second], search: SEARCH });
  });
});

describe("later runs", () => {
  it("count lowered: keeps the reservation and narrows, without a call", async () => {
    const [first, second] = await candidates();
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    await fx.emulator.control.clearRequests();
    const lower = { ...declared, search: { ...SEARCH, count: 1 } };
    const { inputs } = await fx.provider().check(lower, outs);
    expect(await fx.provider().diff(id, outs, inputs)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await fx.provider().update(id, outs, inputs);
    expect(updated).toMatchObject({ phoneNumbers: [first], search: { count: 1 } });
    expect(updated).not.toHaveProperty("reservationId"); // it is the id: not stored
    expect(fx.provider().logs.map((l) => l.message).join("\n")).toContain(`keeps holding ${second}`);
  });

  it("a changed criterion replaces, naming it", async () => {
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    const { inputs } = await fx.provider().check({ ...declared, search: { ...SEARCH, features: ["sms", "mms"] } }, outs);
    expect(await fx.provider().diff(id, outs, inputs)).toMatchObject({ changes: "some", replaces: ["search.features"] });
  });

  it("lapsed: the replacement holds the same numbers again (one search per number to see it is free, one POST)", async () => {
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    fx.advanceClock(31 * 60);
    await fx.emulator.control.advanceClock(31 * 60);
    await fx.emulator.control.clearRequests();
    const provider = await fx.freshProvider();
    const { inputs } = await provider.check(declared, outs);
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: "some", replaces: ["expiresAt"] });
    const again = await provider.create((await provider.check(declared)).inputs);
    expect(again.outs).toMatchObject({ status: "success", phoneNumbers: outs.phoneNumbers });
    const calls = await apiCalls(fx.emulator);
    expect([searches(calls), posts(calls)]).toEqual([2, 1]);
  });

  it("lapsed and one number taken: never posts the old numbers into a partial reservation; searches anew, warning", async () => {
    const [first, second, third] = await candidates();
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    fx.advanceClock(31 * 60);
    await fx.emulator.control.advanceClock(31 * 60);
    await fx.emulator.control.takeNumbers([second]);
    const provider = await fx.freshProvider();
    await provider.diff(id, outs, (await provider.check(declared, outs)).inputs);
    await fx.emulator.control.clearRequests();
    const again = await provider.create((await provider.check(declared)).inputs);
    // first is free again and matches: a fresh search finds it first.
    expect(again.outs).toMatchObject({ status: "success", phoneNumbers: [first, third] });
    expect(posts(await apiCalls(fx.emulator))).toBe(1);
    expect(provider.logs.map((l) => l.message).join("\n")).toContain("phoneNumbers change");
  });

  it("lapsed and taken by others: searches anew and warns that the numbers changed", async () => {
    const [first, second, third, fourth] = await candidates();
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    fx.advanceClock(31 * 60);
    await fx.emulator.control.advanceClock(31 * 60);
    await fx.emulator.control.takeNumbers([first, second]);
    const provider = await fx.freshProvider();
    const { inputs } = await provider.check(declared, outs);
    await provider.diff(id, outs, inputs);
    const again = await provider.create((await provider.check(declared)).inputs);
    expect(again.outs).toMatchObject({ status: "success", phoneNumbers: [third, fourth] });
    const warning = provider.logs.find((l) => l.severity === "warning")?.message ?? "";
    expect(warning).toContain(`The numbers this resource held (${first}, ${second}) lapsed and were taken by others since`);
    expect(warning).toContain("phoneNumbers change");
  });
});

describe("import (adoption) of a search resource", () => {
  /** A reservation made elsewhere (the portal) of `numbers`, settled. */
  async function madeElsewhere(numbers: string[]): Promise<string> {
    const response = await fx.emulator.request("POST", "/number_reservations", { json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })) } });
    const { data } = (await response.json()) as { data: { id: string } };
    await new Promise((r) => setTimeout(r, 100));
    return data.id;
  }

  it("adopts a reservation holding count numbers: no search, no POST, its numbers in phoneNumbers", async () => {
    const [first, second] = await candidates();
    const existing = await madeElsewhere([first, second]);
    await fx.emulator.control.clearRequests();
    const { id, outs } = await fx.provider().checkAndCreate({ search: SEARCH, adopt: existing });
    expect(id).toBe(existing);
    expect(outs).toMatchObject({ phoneNumbers: [first, second], search: SEARCH });
    const calls = await apiCalls(fx.emulator);
    expect([searches(calls), posts(calls)]).toEqual([0, 0]);
    // Adopted, it plans no change.
    const { inputs } = await fx.provider().check({ search: SEARCH, adopt: existing }, outs);
    expect(await fx.provider().diff(id, outs, inputs)).toMatchObject({ changes: "none" });
  });

  it("refuses a target holding another count of numbers, saying what to set", async () => {
    const [first] = await candidates();
    const existing = await madeElsewhere([first]);
    await fx.emulator.control.clearRequests();
    const error: ProviderCallError = await fx.provider().checkAndCreate({ search: SEARCH, adopt: existing }).catch((e) => e);
    expect(error.message).toContain(`Cannot adopt reservation ${existing}: it holds 1 number (${first}), but search.count is 2. Set search.count to 1`);
    expect(posts(await apiCalls(fx.emulator))).toBe(0);
  });
});

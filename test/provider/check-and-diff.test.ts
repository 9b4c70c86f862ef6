/**
 * check and diff of the built provider against the emulator: validation before
 * any API call, normalization that keeps diffs clean, and every diff rule.
 */
import { apiCalls, withProvider } from "./support";
import { testNumbers } from "../../testing/numbers";

const fx = withProvider();
const [A, B, C] = testNumbers(3);

describe("check", () => {
  it("normalizes numbers to E.164 in declared order", async () => {
    const { inputs, failures } = await fx.provider().check({ phoneNumbers: ["+1 970-555-0001", "+1 (970) 555 0000"] });
    expect(failures).toEqual([]);
    expect(inputs.phoneNumbers).toEqual([B, A]);
  });

  it("passes values that preview does not know yet (other resources' outputs) through unchecked", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const { inputs, failures } = await fx.provider().check({
      phoneNumbers: [A, unknown],
      customerReference: unknown,
      keepAliveWindow: unknown,
    });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ phoneNumbers: [A, unknown], customerReference: unknown, keepAliveWindow: unknown });
    expect((await fx.provider().check({ phoneNumbers: unknown })).failures).toEqual([]);
  });

  it.each([
    [{}, "phoneNumbers", /required/],
    [{ phoneNumbers: [] }, "phoneNumbers", /at least one/],
    [{ phoneNumbers: ["19705550000"] }, "phoneNumbers[0]", /must start with \+/],
    [{ phoneNumbers: [A, "+ call me"] }, "phoneNumbers[1]", /not a phone number/],
    [{ phoneNumbers: ["+1 970"] }, "phoneNumbers[0]", /too short/],
    [{ phoneNumbers: ["+1 555 555 5555"] }, "phoneNumbers[0]", /not a valid number/],
    [{ phoneNumbers: [A, "+1 970 555 0000"] }, "phoneNumbers[1]", /duplicates phoneNumbers\[0\]/],
    [{ phoneNumbers: [A], customerReference: "" }, "customerReference", /non-empty/],
    [{ phoneNumbers: [A], keepAliveWindow: "10" }, "keepAliveWindow", /with a unit/],
    [{ phoneNumbers: [A], keepAliveWindow: "-5m" }, "keepAliveWindow", /with a unit/],
    [{ phoneNumbers: [A], keepAliveWindow: "3d" }, "keepAliveWindow", /between/],
    [{ phoneNumbers: [A], pendingTimeout: "soon" }, "pendingTimeout", /duration/],
    [{ phoneNumbers: [A], extendTrigger: { a: 1 } }, "extendTrigger", /string or a number/],
    [{ phoneNumbers: [A], adopt: "res-1" }, "import", /neither a reservation id/],
  ])("rejects %j naming %s, before any API call", async (news, property, reason) => {
    const { failures } = await fx.provider().check(news);
    expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]);
    expect(await apiCalls(fx.emulator)).toEqual([]);
  });
});

describe("diff", () => {
  async function created(extra: Record<string, unknown> = {}) {
    const news = { phoneNumbers: [A, B], customerReference: "support", ...extra };
    const { id, outs } = await fx.provider().checkAndCreate(news);
    return { id, outs };
  }
  async function diffWith(id: string, outs: Record<string, unknown>, news: Record<string, unknown>, provider = fx.provider()) {
    const { inputs } = await provider.check(news, outs);
    return provider.diff(id, outs, inputs);
  }

  it("sees no change when numbers are reordered or reformatted", async () => {
    const { id, outs } = await created();
    expect(await diffWith(id, outs, { phoneNumbers: ["+1 970 555 0001", "+1-970-555-0000"], customerReference: "support" })).toEqual({
      changes: "none",
      replaces: [],
    });
  });

  it("replaces when the numbers change to ones the reservation does not hold", async () => {
    const { id, outs } = await created();
    expect(await diffWith(id, outs, { phoneNumbers: [C], customerReference: "support" })).toEqual({
      changes: "some",
      replaces: ["phoneNumbers"],
    });
    expect(await diffWith(id, outs, { phoneNumbers: [C], customerReference: "sales" })).toEqual({
      changes: "some",
      replaces: ["phoneNumbers", "customerReference"],
    });
  });

  it("refuses in preview a replacement that needs numbers the live reservation holds, saying what to do", async () => {
    const { id, outs } = await created();
    await fx.emulator.control.clearRequests();
    await expect(diffWith(id, outs, { phoneNumbers: [A, B, C], customerReference: "support" })).rejects.toThrow(
      new RegExp(`${C.replace("+", "\\+")} cannot be added.*holds them \\(until .*declare .* in a NumberReservation of its own`),
    );
    await expect(diffWith(id, outs, { phoneNumbers: [A, B], customerReference: "sales" })).rejects.toThrow(
      /customerReference cannot change from "support" to "sales".*keep customerReference "support"/,
    );
    // Decided from state alone: no call beyond Telnyx's clock.
    expect((await apiCalls(fx.emulator)).filter((c) => !c.includes("page"))).toEqual([]);
  });

  it("keeps the reservation when the numbers narrow to ones it holds", async () => {
    const { id, outs } = await created();
    expect(await diffWith(id, outs, { phoneNumbers: [B], customerReference: "support" })).toEqual({ changes: "some", replaces: [] });
  });

  it("replaces when every hold has lapsed on Telnyx's clock", async () => {
    const { id, outs } = await created();
    await fx.advanceClock(31 * 60);
    expect(await diffWith(id, outs, { phoneNumbers: [A, B], customerReference: "support" }, await fx.freshProvider())).toEqual({
      changes: "some",
      replaces: ["expiresAt"],
    });
  });

  it("plans an update inside the keep-alive window, and nothing outside it", async () => {
    const { id, outs } = await created({ keepAliveWindow: "10m" });
    const news = { phoneNumbers: [A, B], customerReference: "support", keepAliveWindow: "10m" };
    expect((await diffWith(id, outs, news)).changes).toBe("none");
    await fx.advanceClock(21 * 60);
    expect(await diffWith(id, outs, news, await fx.freshProvider())).toEqual({ changes: "some", replaces: [] });
  });

  it("plans an update when the extend trigger changes", async () => {
    const { id, outs } = await created({ extendTrigger: "1" });
    const news = { phoneNumbers: [A, B], customerReference: "support", extendTrigger: 2 };
    expect(await diffWith(id, outs, news)).toEqual({ changes: "some", replaces: [] });
  });

  it("ignores the adoption input", async () => {
    const { id, outs } = await created();
    const news = { phoneNumbers: [A, B], customerReference: "support", adopt: id };
    expect(await diffWith(id, outs, news)).toEqual({ changes: "none", replaces: [] });
  });

  it("a no-op diff in a new process makes no call while no deadline is near, and asks Telnyx's clock once when one is", async () => {
    const { id, outs } = await created({ keepAliveWindow: "10m" });
    const news = { phoneNumbers: [A, B], customerReference: "support", keepAliveWindow: "10m" };
    await fx.emulator.control.clearRequests();
    // Holds lapse in 30 minutes; the window opens in 20: both far from now.
    expect(await diffWith(id, outs, news, await fx.freshProvider())).toEqual({ changes: "none", replaces: [] });
    expect(await apiCalls(fx.emulator)).toEqual([]);
    // 17 minutes later the window opens within 5 minutes: Telnyx's clock decides, once.
    await fx.advanceClock(17 * 60);
    const provider = await fx.freshProvider();
    expect(await diffWith(id, outs, news, provider)).toEqual({ changes: "none", replaces: [] });
    expect(await diffWith(id, outs, news, provider)).toEqual({ changes: "none", replaces: [] });
    expect(await apiCalls(fx.emulator)).toEqual(["GET /v2/number_reservations"]);
  });

  it("asks Telnyx at most once per process, for its clock", async () => {
    const { id, outs } = await created();
    await fx.emulator.control.clearRequests();
    const news = { phoneNumbers: [A, B], customerReference: "support" };
    for (let i = 0; i < 5; i++) await diffWith(id, outs, news);
    expect(await apiCalls(fx.emulator)).toEqual([]);
  });
});

describe("diff during pulumi refresh", () => {
  it("never fails: refresh calls diff without check, with the old inputs, only to show drift", async () => {
    await fx.emulator.control.markUnavailable([B]);
    const error = await fx.provider().checkAndCreate({ phoneNumbers: [A, B], customerReference: "support" }).catch((e) => e);
    const { id, properties } = error.initFailed;
    const provider = await fx.freshProvider();
    // As `pulumi refresh` calls it: no check in this process.
    expect(await provider.diff(id, properties, { phoneNumbers: [A, B], customerReference: "support" })).toMatchObject({ changes: "some" });
    // As `pulumi up` calls it: check first, and the partial reservation is refused with the way out.
    const { inputs } = await provider.check({ phoneNumbers: [A, B], customerReference: "support" }, properties);
    await expect(provider.diff(id, properties, inputs)).rejects.toThrow(/remove .* from phoneNumbers/);
  });
});

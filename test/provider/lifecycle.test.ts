/**
 * create, read, update and delete through the real dynamic-provider host and
 * the emulator: pending waits, failures that name numbers and holders,
 * creates that never duplicate, refresh, keep-alive, and delete's notice.
 */
import { ProviderCallError } from "../helpers/provider-host";
import { testNumbers } from "../../testing/numbers";
import { apiCalls, withProvider } from "./support";

const fx = withProvider();
const [A, B, C] = testNumbers(3);
const declared = { phoneNumbers: [A, B], customerReference: "support" };

async function heldBy(number: string): Promise<string[]> {
  const now = Date.parse(await fx.emulator.control.now());
  return (await fx.emulator.control.reservations())
    .filter((r) =>
      r.phone_numbers.some(
        (n) => n.phone_number === number && n.status !== "failure" && Date.parse(n.expired_at ?? "") > now,
      ),
    )
    .map((r) => r.id);
}

describe("create", () => {
  it("reserves, waits while pending, and returns every output", async () => {
    await fx.emulator.control.settings({ settleDelayMs: 700 });
    const { id, outs } = await fx.host().checkAndCreate(declared);
    expect(outs).toMatchObject({
      reservationId: id,
      status: "success",
      phoneNumbers: [A, B],
      customerReference: "support",
      numbers: [
        { phoneNumber: A, status: "success", expiresAt: expect.any(String) },
        { phoneNumber: B, status: "success", expiresAt: expect.any(String) },
      ],
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(await heldBy(A)).toEqual([id]);
    const calls = await apiCalls(fx.emulator);
    expect(calls[0]).toBe("POST /v2/number_reservations");
    expect(calls.slice(1).every((c) => c === `GET /v2/number_reservations/${id}`)).toBe(true);
    expect(calls.length).toBeGreaterThan(1);
  });

  it("learns how long Telnyx takes to settle, and polls about once from then on", async () => {
    // The emulator settles on its clock, which runs with real time: a poll after a sleep of at least
    // the settle time always finds the reservation settled, and polls before it always find it pending.
    await fx.emulator.control.settings({ settleDelayMs: 1500 });
    const gets = async () => (await apiCalls(fx.emulator)).filter((c) => c.startsWith("GET")).length;
    await fx.host().checkAndCreate({ phoneNumbers: [A] });
    // Not learned yet: first looks at 200 ms, then 400 and 800 more (1.4 s in all), all before settling.
    expect(await gets()).toBeGreaterThanOrEqual(4);
    await fx.emulator.control.clearRequests();
    await fx.host().checkAndCreate({ phoneNumbers: [B] });
    expect(await gets()).toBe(1); // first look after the learned 1.5 s (+25 ms): settled
  });

  it("names each failed number with Telnyx's reason, keeps the partial reservation in state, and says what is held", async () => {
    await fx.emulator.control.markUnavailable([B]);
    const error: ProviderCallError = await fx.host().checkAndCreate(declared).catch((e) => e);
    expect(error.initFailed).toBeDefined();
    const id = error.initFailed!.id;
    expect(error.message).toContain(`Reservation ${id}`);
    expect(error.message).toContain(`${B} (Number is not available)`);
    expect(error.message).toMatch(new RegExp(`Still held: \\${A} until \\d{4}-`));
    expect(error.initFailed!.properties).toMatchObject({ reservationId: id, status: "failure" });
  });

  it("names the reservation that already holds a number", async () => {
    const other = await fx.host().checkAndCreate({ phoneNumbers: [B], customerReference: "elsewhere" });
    const error: ProviderCallError = await fx.host().checkAndCreate({ phoneNumbers: [B, C], customerReference: "mine" }).catch((e) => e);
    expect(error.message).toContain(`${B} (Number is already on hold by reservation ${other.id} (customer reference "elsewhere") until`);
    expect(error.initFailed?.properties).toMatchObject({ numbers: expect.arrayContaining([expect.objectContaining({ phoneNumber: C, status: "success" })]) });
  });

  it("fails without keeping state when nothing could be held", async () => {
    await fx.emulator.control.markUnavailable([A, B]);
    const error: ProviderCallError = await fx.host().checkAndCreate(declared).catch((e) => e);
    expect(error.initFailed).toBeUndefined();
    expect(error.message).toMatch(/2 of 2 numbers could not be held.*Nothing is held; run `pulumi up` again once the numbers are free\./);
  });

  it("keeps a reservation still pending at the deadline in state, and settles it on the next update", async () => {
    await fx.emulator.control.settings({ settleDelayMs: 120_000 });
    const error: ProviderCallError = await fx.host().checkAndCreate({ ...declared, pendingTimeout: "1s" }).catch((e) => e);
    expect(error.message).toMatch(/still pending after 1s/);
    const { id, properties } = error.initFailed!;
    expect(properties.status).toBe("pending");
    await fx.emulator.control.advanceClock(121);
    const outs = await fx.host().update(id, properties, { ...declared, pendingTimeout: "1s" });
    expect(outs).toMatchObject({ reservationId: id, status: "success" });
  });

  it("never makes a second reservation when the create's connection drops after it committed", async () => {
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, dropAfterCommit: true });
    const { id } = await fx.host().checkAndCreate(declared);
    expect((await fx.emulator.control.reservations()).map((r) => r.id)).toEqual([id]);
    expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
  });

  it("posts again when a 5xx create left nothing behind, and still makes only one", async () => {
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, status: 503 });
    const { id } = await fx.host().checkAndCreate(declared);
    expect((await fx.emulator.control.reservations()).map((r) => r.id)).toEqual([id]);
    expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(2);
  });

  it("converges on the reservation an interrupted run left holding exactly these numbers", async () => {
    const earlier = await fx.host().checkAndCreate(declared);
    await fx.emulator.control.advanceClock(5);
    // The next run: a provider process started (5 s on Telnyx's clock) after the interrupted one's reservation was made.
    const again = await (await fx.freshHost()).checkAndCreate({ phoneNumbers: [B, A], customerReference: "support" });
    expect(again.id).toBe(earlier.id);
    expect(await heldBy(A)).toEqual([earlier.id]);
    expect(await heldBy(B)).toEqual([earlier.id]);
  });

  it("never takes a holder made during this run: another stack's or run's, named with how to import it", async () => {
    const other = await fx.host().checkAndCreate(declared);
    const error: Error = await fx.host().checkAndCreate({ phoneNumbers: [B, A], customerReference: "support" }).catch((e) => e);
    expect(error.message).toContain(`held by reservation ${other.id} (customer reference "support"`);
    expect(error.message).toMatch(/created after this `pulumi` run started/);
    expect(error.message).toContain(`{ import: "${other.id}" }`);
    expect(await heldBy(A)).toEqual([other.id]);
  });

  it("does not converge on a holder with another customer reference", async () => {
    await fx.host().checkAndCreate(declared);
    await expect(fx.host().checkAndCreate({ ...declared, customerReference: "sales" })).rejects.toThrow(/already on hold by reservation/);
  });
});

describe("read", () => {
  it("returns the state and the declared inputs, so a refresh leaves diffs clean", async () => {
    const { id, outs } = await fx.host().checkAndCreate({ ...declared, keepAliveWindow: "10m" });
    const read = await fx.host().read(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
    expect(read.inputs).toEqual({ ...declared, keepAliveWindow: "10m" });
    const { inputs } = await fx.host().check({ ...declared, keepAliveWindow: "10m" }, read.inputs);
    expect(await fx.host().diff(id, read.props, inputs)).toEqual({ changes: "none", replaces: [] });
  });

  it("drops a reservation Telnyx no longer has, and says so", async () => {
    const { id, outs } = await fx.host().checkAndCreate(declared);
    await fx.emulator.control.reset();
    const read = await fx.host().read(id, outs);
    expect(read.id).toBe("");
    expect(fx.host().logs).toEqual([
      expect.objectContaining({ severity: "warning", message: expect.stringContaining(`Reservation ${id} (${A}, ${B}) no longer exists`) }),
    ]);
  });

  it("reads a reservation it does not manage (NumberReservation.get)", async () => {
    const { id } = await fx.host().checkAndCreate(declared);
    const read = await fx.host().read(id, {});
    expect(read.props).toMatchObject({ reservationId: id, phoneNumbers: [A, B], customerReference: "support", status: "success" });
  });
});

describe("update", () => {
  it("extends inside the keep-alive window: one extend call, a later expiry", async () => {
    const news = { ...declared, keepAliveWindow: "10m" };
    const { id, outs } = await fx.host().checkAndCreate(news);
    await fx.emulator.control.advanceClock(25 * 60);
    await fx.emulator.control.clearRequests();
    const host = await fx.freshHost();
    const updated = await host.update(id, outs, (await host.check(news, outs)).inputs);
    expect(Date.parse(updated.expiresAt as string)).toBeGreaterThan(Date.parse(outs.expiresAt as string) + 20 * 60_000);
    expect((await apiCalls(fx.emulator)).filter((c) => c.includes("extend"))).toEqual([
      `POST /v2/number_reservations/${id}/actions/extend`,
    ]);
  });

  it("extends once when the trigger changes", async () => {
    const { id, outs } = await fx.host().checkAndCreate({ ...declared, extendTrigger: "a" });
    await fx.emulator.control.clearRequests();
    const updated = await fx.host().update(id, outs, { ...declared, extendTrigger: "b" });
    expect(updated.extendTrigger).toBe("b");
    expect((await apiCalls(fx.emulator)).filter((c) => c.includes("extend"))).toHaveLength(1);
  });

  it("changes only state when an input that does not extend changes", async () => {
    const { id, outs } = await fx.host().checkAndCreate({ ...declared, pendingTimeout: "1m" });
    await fx.emulator.control.clearRequests();
    const updated = await fx.host().update(id, outs, { ...declared, keepAliveWindow: "5m" });
    expect(updated).toMatchObject({ keepAliveWindow: "5m", reservationId: id });
    expect(updated.pendingTimeout).toBeUndefined();
    expect((await apiCalls(fx.emulator)).filter((c) => c.includes("extend"))).toEqual([]);
  });
});

describe("delete", () => {
  it("calls nothing and says until when the numbers stay held", async () => {
    const { id, outs } = await fx.host().checkAndCreate(declared);
    await fx.emulator.control.clearRequests();
    await fx.host().delete(id, outs);
    expect(await apiCalls(fx.emulator)).toEqual([]);
    expect(fx.host().logs).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(new RegExp(`Reservation ${id} is removed from state, but Telnyx has no call to release it: its numbers stay held until the holds lapse \\(\\${A} until `)),
      }),
    ]);
  });
});

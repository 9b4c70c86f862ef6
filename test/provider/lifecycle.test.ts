/**
 * create, read, update and delete of the built provider against the emulator: pending waits, failures that name numbers and holders,
 * creates that never duplicate, refresh, keep-alive, and delete's notice.
 */
import { ProviderCallError } from "../helpers/provider-calls";
import { holdersOf } from "../../testing/holds";
import { testNumbers } from "../../testing/numbers";
import { apiCalls, withProvider } from "./support";

const fx = withProvider();
const [A, B, C] = testNumbers(3);
const declared = { phoneNumbers: [A, B], customerReference: "support" };

const heldBy = (number: string) => holdersOf(fx.emulator.control, number);

describe("create", () => {
  it("reserves, waits while pending, and returns every output", async () => {
    await fx.emulator.control.settings({ settleDelayMs: 700 });
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    expect(outs).not.toHaveProperty("reservationId"); // it is the id: not stored (provider/stored-outputs.ts)
    expect(outs).toMatchObject({
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

  it("learns how long Telnyx takes to settle, and polls once from then on", async () => {
    // The emulator settles on its clock, which runs with real time: a poll after a sleep of at least
    // the settle time always finds the reservation settled. How often an unlearned wait polls before
    // that depends on how fast this machine answers; that the learned wait needs one look does not.
    await fx.emulator.control.settings({ settleDelayMs: 600 });
    const gets = async () => (await apiCalls(fx.emulator)).filter((c) => c.startsWith("GET")).length;
    await fx.provider().checkAndCreate({ phoneNumbers: [A] });
    const unlearned = await gets();
    expect(unlearned).toBeGreaterThan(1); // its first look (200 ms) comes before the 600 ms
    await fx.emulator.control.clearRequests();
    await fx.provider().checkAndCreate({ phoneNumbers: [B] });
    expect(await gets()).toBe(1); // first look after the learned 600 ms (+25 ms): settled
    // A new provider (the next `pulumi` command) learns anew.
    await fx.emulator.control.clearRequests();
    await (await fx.freshProvider()).checkAndCreate({ phoneNumbers: [C] });
    expect(await gets()).toBeGreaterThan(1);
  });

  it("names each failed number with Telnyx's reason, keeps the partial reservation in state, and says what is held", async () => {
    await fx.emulator.control.markUnavailable([B]);
    const error: ProviderCallError = await fx.provider().checkAndCreate(declared).catch((e) => e);
    expect(error.initFailed).toBeDefined();
    const id = error.initFailed!.id;
    expect(error.message).toContain(`Reservation ${id}`);
    expect(error.message).toContain(`${B} (Number is not available)`);
    expect(error.message).toMatch(new RegExp(`Still held: \\${A} until \\d{4}-`));
    expect(error.initFailed!.properties).toMatchObject({ status: "failure" });
    expect(error.initFailed!.properties).not.toHaveProperty("reservationId"); // it is the id: not stored
  });

  it("names the reservation that already holds a number", async () => {
    const other = await fx.provider().checkAndCreate({ phoneNumbers: [B], customerReference: "elsewhere" });
    const error: ProviderCallError = await fx.provider().checkAndCreate({ phoneNumbers: [B, C], customerReference: "mine" }).catch((e) => e);
    expect(error.message).toContain(`${B} (Number is already on hold by reservation ${other.id} (customer reference "elsewhere") until`);
    expect(error.initFailed?.properties).toMatchObject({ numbers: expect.arrayContaining([expect.objectContaining({ phoneNumber: C, status: "success" })]) });
  });

  it("fails without keeping state when nothing could be held", async () => {
    await fx.emulator.control.markUnavailable([A, B]);
    const error: ProviderCallError = await fx.provider().checkAndCreate(declared).catch((e) => e);
    expect(error.initFailed).toBeUndefined();
    expect(error.message).toMatch(/2 of 2 numbers could not be held.*Nothing is held; run `pulumi up` again once the numbers are free\./);
  });

  it("keeps a reservation still pending at the deadline in state, and settles it on the next update", async () => {
    await fx.emulator.control.settings({ settleDelayMs: 120_000 });
    const error: ProviderCallError = await fx.provider().checkAndCreate({ ...declared, pendingTimeout: "1s" }).catch((e) => e);
    expect(error.message).toMatch(/still pending after 1s/);
    const { id, properties } = error.initFailed!;
    expect(properties.status).toBe("pending");
    await fx.advanceClock(121);
    const outs = await fx.provider().update(id, properties, { ...declared, pendingTimeout: "1s" });
    expect(outs).toMatchObject({ status: "success" });
    expect(outs).not.toHaveProperty("reservationId"); // it is the id: not stored
  });

  it("never makes a second reservation when the create's connection drops after it committed", async () => {
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, dropAfterCommit: true });
    const { id } = await fx.provider().checkAndCreate(declared);
    expect((await fx.emulator.control.reservations()).map((r) => r.id)).toEqual([id]);
    expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
  });

  it("posts again when a 5xx create left nothing behind, and still makes only one", async () => {
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, status: 503 });
    const { id } = await fx.provider().checkAndCreate(declared);
    expect((await fx.emulator.control.reservations()).map((r) => r.id)).toEqual([id]);
    expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(2);
  });

  it("converges on the reservation an interrupted run left holding exactly these numbers", async () => {
    const earlier = await fx.provider().checkAndCreate(declared);
    fx.advanceClock(5);
    // The next run: a provider started (5 s later, on everyone's clock) after the interrupted one's reservation was made.
    const again = await (await fx.freshProvider()).checkAndCreate({ phoneNumbers: [B, A], customerReference: "support" });
    expect(again.id).toBe(earlier.id);
    expect(await heldBy(A)).toEqual([earlier.id]);
    expect(await heldBy(B)).toEqual([earlier.id]);
  });

  it("never takes a holder made during this run: another stack's or run's, named with how to import it", async () => {
    const other = await fx.provider().checkAndCreate(declared);
    const error: Error = await fx.provider().checkAndCreate({ phoneNumbers: [B, A], customerReference: "support" }).catch((e) => e);
    expect(error.message).toContain(`held by reservation ${other.id} (customer reference "support"`);
    expect(error.message).toMatch(/created after this `pulumi` run started/);
    expect(error.message).toContain(`{ import: "${other.id}" }`);
    expect(await heldBy(A)).toEqual([other.id]);
  });

  it("never takes a holder made during this run, however long Telnyx takes to answer the POST", async () => {
    // This run starts, then another stack takes the numbers, then this run's POST is slow to be made:
    // judged from when the POST was sent, the run would seem to start a second later, after the holder.
    const thisRun = await fx.freshProvider();
    const other = await fx.provider().checkAndCreate(declared);
    await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, delayMs: 1000 });
    const error: Error = await thisRun.checkAndCreate({ phoneNumbers: [B, A], customerReference: "support" }).catch((e) => e);
    expect(error.message).toMatch(/created after this `pulumi` run started/);
    expect(await heldBy(A)).toEqual([other.id]);
  });

  it("does not converge on a holder with another customer reference", async () => {
    await fx.provider().checkAndCreate(declared);
    await expect(fx.provider().checkAndCreate({ ...declared, customerReference: "sales" })).rejects.toThrow(/already on hold by reservation/);
  });
});

describe("read", () => {
  it("returns the state and the declared inputs, so a refresh leaves diffs clean", async () => {
    const { id, outs } = await fx.provider().checkAndCreate({ ...declared, keepAliveWindow: "10m" });
    const read = await fx.provider().read(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
    expect(read.inputs).toEqual({ ...declared, keepAliveWindow: "10m" });
    const { inputs } = await fx.provider().check({ ...declared, keepAliveWindow: "10m" }, read.inputs);
    expect(await fx.provider().diff(id, read.props, inputs)).toEqual({ changes: "none", replaces: [] });
  });

  it("drops a reservation Telnyx no longer has, and says so", async () => {
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    await fx.emulator.control.reset();
    const read = await fx.provider().read(id, outs);
    expect(read.id).toBe("");
    expect(fx.provider().logs).toEqual([
      expect.objectContaining({ severity: "warning", message: expect.stringContaining(`Reservation ${id} (${A}, ${B}) no longer exists`) }),
    ]);
  });

  it("reads a reservation it does not manage (NumberReservation.get)", async () => {
    const { id } = await fx.provider().checkAndCreate(declared);
    const read = await fx.provider().read(id, {});
    expect(read.props).toMatchObject({ phoneNumbers: [A, B], customerReference: "support", status: "success" });
    expect(read.props).not.toHaveProperty("reservationId"); // it is the id: not stored
  });
});

describe("update", () => {
  it("extends inside the keep-alive window: one extend call, a later expiry", async () => {
    const news = { ...declared, keepAliveWindow: "10m" };
    const { id, outs } = await fx.provider().checkAndCreate(news);
    await fx.advanceClock(25 * 60);
    await fx.emulator.control.clearRequests();
    const provider = await fx.freshProvider();
    const updated = await provider.update(id, outs, (await provider.check(news, outs)).inputs);
    expect(Date.parse(updated.expiresAt as string)).toBeGreaterThan(Date.parse(outs.expiresAt as string) + 20 * 60_000);
    expect((await apiCalls(fx.emulator)).filter((c) => c.includes("extend"))).toEqual([
      `POST /v2/number_reservations/${id}/actions/extend`,
    ]);
  });

  it("extends once when the trigger changes", async () => {
    const { id, outs } = await fx.provider().checkAndCreate({ ...declared, extendTrigger: "a" });
    await fx.emulator.control.clearRequests();
    const updated = await fx.provider().update(id, outs, { ...declared, extendTrigger: "b" });
    expect(updated.extendTrigger).toBe("b");
    expect((await apiCalls(fx.emulator)).filter((c) => c.includes("extend"))).toHaveLength(1);
  });

  it("changes only state when an input that does not extend changes", async () => {
    const { id, outs } = await fx.provider().checkAndCreate({ ...declared, pendingTimeout: "1m" });
    await fx.emulator.control.clearRequests();
    const updated = await fx.provider().update(id, outs, { ...declared, keepAliveWindow: "5m" });
    expect(updated).toMatchObject({ keepAliveWindow: "5m" });
    expect(updated).not.toHaveProperty("reservationId"); // it is the id: not stored
    expect(updated.pendingTimeout).toBeUndefined();
    expect((await apiCalls(fx.emulator)).filter((c) => c.includes("extend"))).toEqual([]);
  });
});

describe("delete", () => {
  it("calls nothing and says until when the numbers stay held", async () => {
    const { id, outs } = await fx.provider().checkAndCreate(declared);
    await fx.emulator.control.clearRequests();
    await fx.provider().delete(id, outs);
    expect(await apiCalls(fx.emulator)).toEqual([]);
    expect(fx.provider().logs).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(new RegExp(`Reservation ${id} is removed from state, but Telnyx has no call to release it: its numbers stay held until the holds lapse \\(\\${A} until `)),
      }),
    ]);
  });
});

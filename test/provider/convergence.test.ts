/**
 * States from which `pulumi up` used to never converge, driven verb by verb
 * on the built provider against the emulator, as the engine
 * would call them (check → diff → create/update). The engine-level twins of
 * these cases are in test/engine/convergence.test.ts.
 */
import { ProviderCallError, Props } from "../helpers/provider-calls";
import { InProcessProvider } from "../helpers/in-process-provider";
import { holders } from "../../testing/holds";
import { testNumbers } from "../../testing/numbers";
import { apiCalls, withProvider } from "./support";

const fx = withProvider();
const [A, B, C] = testNumbers(3);
const declared = { phoneNumbers: [A, B], customerReference: "support" };

/** check with the old inputs, as the engine does for a resource already in state. */
async function checked(provider: InProcessProvider, news: Props, olds: Props): Promise<Props> {
  const { inputs, failures } = await provider.check(news, olds);
  expect(failures).toEqual([]);
  return inputs;
}

/** A create that ends in an init failure: the state the engine keeps. */
async function keptState(work: Promise<unknown>): Promise<{ id: string; properties: Props }> {
  const error: ProviderCallError = await work.then(
    () => {
      throw new Error("expected an init failure");
    },
    (e) => e,
  );
  expect(error.initFailed).toBeDefined();
  return error.initFailed!;
}

it("1. an adopted reservation whose holds lapsed is replaced by a fresh reservation, not adopted again", async () => {
  const adopted = await fx.provider().checkAndCreate(declared);
  const state = await fx.provider().checkAndCreate({ ...declared, adopt: adopted.id });
  expect(state.id).toBe(adopted.id);
  await fx.advanceClock(31 * 60);
  const provider = await fx.freshProvider();
  const news = await checked(provider, { ...declared, adopt: adopted.id }, state.outs);
  expect(news.adopt).toBeUndefined(); // adoption happens once, when the resource is first created
  expect(await provider.diff(state.id, state.outs, news)).toEqual({ changes: "some", replaces: ["expiresAt"] });
  const replacement = await provider.create(news);
  expect(replacement.id).not.toBe(adopted.id);
  expect(await holders(fx.emulator.control)).toEqual([{ id: replacement.id, numbers: [A, B], reference: "support" }]);
});

it("2. a reservation still pending at the deadline whose numbers then all failed is replaced by a fresh attempt", async () => {
  await fx.emulator.control.settings({ settleDelayMs: 60_000 });
  await fx.emulator.control.markUnavailable([A, B]);
  const pending = await keptState(fx.provider().checkAndCreate({ ...declared, pendingTimeout: "1s" }));
  expect(pending.properties.status).toBe("pending");
  await fx.advanceClock(61);
  const provider = await fx.freshProvider();
  const news = await checked(provider, declared, pending.properties);
  await fx.emulator.control.clearRequests();
  expect(await provider.diff(pending.id, pending.properties, news)).toEqual({ changes: "some", replaces: ["status"] });
  expect(await apiCalls(fx.emulator)).toContain(`GET /v2/number_reservations/${pending.id}`);
  // Once the numbers are free, the replacement holds them.
  await fx.emulator.control.reset();
  await fx.emulator.control.settings({ settleDelayMs: 0 });
  const fresh = await provider.create(news);
  expect(fresh.outs).toMatchObject({ status: "success", phoneNumbers: [A, B] });
});

it("3. an update never switches to another reservation; the change of identity is a replace", async () => {
  // R1 holds A and B (left by an interrupted run); R2, the resource, was posted for the same numbers and failed.
  await fx.emulator.control.settings({ settleDelayMs: 60_000 });
  const r1 = await fx.provider().checkAndCreate({ ...declared, pendingTimeout: "1s" }).catch((e: ProviderCallError) => e.initFailed!);
  const r2 = await keptState(fx.provider().checkAndCreate({ ...declared, pendingTimeout: "1s" }));
  expect(r2.id).not.toBe(r1.id);
  await fx.advanceClock(61);
  const provider = await fx.freshProvider();
  // Called as if preview had planned an update: it records what it found and names the way forward.
  const error: ProviderCallError = await provider.update(r2.id, r2.properties, declared).catch((e) => e);
  expect(error.initFailed).toMatchObject({ id: r2.id, properties: { status: "failure" } });
  expect(error.initFailed!.properties).not.toHaveProperty("reservationId"); // it is the id: not stored
  expect(error.message).toMatch(/next `pulumi up`/);
  // The next run plans a replace, and the replacement converges on R1, which holds exactly these numbers.
  const state = error.initFailed!.properties;
  expect(await provider.diff(r2.id, state, declared)).toEqual({ changes: "some", replaces: ["status"] });
  await fx.emulator.control.settings({ settleDelayMs: 0 });
  const replacement = await provider.create(declared);
  expect(replacement.id).toBe(r1.id);
  expect(replacement.outs).not.toHaveProperty("reservationId"); // it is the id: not stored
});

it("4. a create whose answer was lost and whose reservation partly succeeded is recognised and kept, never posted again", async () => {
  await fx.emulator.control.markUnavailable([B]);
  await fx.emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, dropAfterCommit: true });
  const kept = await keptState(fx.provider().checkAndCreate(declared));
  expect(kept.properties).toMatchObject({ status: "failure" });
  expect(kept.properties).not.toHaveProperty("reservationId"); // it is the id: not stored
  expect((await apiCalls(fx.emulator)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
  expect((await fx.emulator.control.reservations()).map((r) => r.id)).toEqual([kept.id]);
});

it("6. a changed extendTrigger on a reservation that was pending extends once it settles", async () => {
  await fx.emulator.control.settings({ settleDelayMs: 60_000 });
  const pending = await keptState(fx.provider().checkAndCreate({ ...declared, pendingTimeout: "1s" }));
  await fx.advanceClock(61);
  const provider = await fx.freshProvider();
  const news = { ...declared, extendTrigger: "1" };
  expect(await provider.diff(pending.id, pending.properties, news)).toEqual({ changes: "some", replaces: [] });
  await fx.emulator.control.clearRequests();
  const outs = await provider.update(pending.id, pending.properties, news);
  expect(outs).toMatchObject({ status: "success", extendTrigger: "1" });
  expect((await apiCalls(fx.emulator)).filter((c) => c.endsWith("/actions/extend"))).toHaveLength(1);
});

it("a reservation that vanished is recorded as such by a failed extend, and the next plan replaces it without a refresh", async () => {
  const { id, outs } = await fx.provider().checkAndCreate(declared);
  await fx.emulator.control.reset(); // Telnyx forgets it
  const news = { ...declared, extendTrigger: "1" };
  const error: ProviderCallError = await fx.provider().update(id, outs, news).catch((e) => e);
  expect(error.message).toMatch(/no longer exists at Telnyx.*next `pulumi up` reserves the numbers anew/);
  expect(error.initFailed?.properties).toMatchObject({ status: "vanished" });
  // The trigger's extend never happened: the old trigger stays in state.
  expect(error.initFailed?.properties.extendTrigger).toBeUndefined();
  expect(await fx.provider().diff(id, error.initFailed!.properties, news)).toEqual({ changes: "some", replaces: ["status"] });
});

it("a partial reservation keeps its held numbers extended by keep-alive, and narrowing keeps it", async () => {
  await fx.emulator.control.markUnavailable([B]);
  const partial = await keptState(fx.provider().checkAndCreate(declared));
  // Left as declared: refused, naming the way out.
  await expect(fx.provider().diff(partial.id, partial.properties, declared)).rejects.toThrow(new RegExp(`remove \\${B} from phoneNumbers`));
  // A trigger extends what it holds.
  await fx.emulator.control.clearRequests();
  const extended = await fx.provider().update(partial.id, partial.properties, { ...declared, extendTrigger: "1" });
  expect((await apiCalls(fx.emulator)).filter((c) => c.endsWith("/actions/extend"))).toHaveLength(1);
  // Narrowed to the held number: kept, no call.
  const narrowed = { ...declared, phoneNumbers: [A], extendTrigger: "1" };
  expect(await fx.provider().diff(partial.id, extended, narrowed)).toEqual({ changes: "some", replaces: [] });
  const outs = await fx.provider().update(partial.id, extended, narrowed);
  expect(outs).toMatchObject({ phoneNumbers: [A] });
  expect(outs).not.toHaveProperty("reservationId"); // it is the id: not stored
  expect(await fx.provider().diff(partial.id, outs, narrowed)).toEqual({ changes: "none", replaces: [] });
  void C;
});

it("7. a server clock far from the local one is not trusted: a live hold is not replaced, and the user is warned", async () => {
  // A keep-alive window that opens within minutes, so the plan asks Telnyx's clock.
  const inputs = { ...declared, keepAliveWindow: "28m" };
  const { id, outs } = await fx.provider().checkAndCreate(inputs);
  await fx.emulator.control.advanceClock(13 * 3600); // Telnyx's Date header now says 13 h later
  // Only Telnyx's clock moved: a new provider keeps the runner's.
  const provider = await fx.freshProvider();
  expect(await provider.diff(id, outs, inputs)).toEqual({ changes: "none", replaces: [] });
  expect(provider.logs).toContainEqual({ severity: "warning", message: expect.stringMatching(/ignoring the server's Date header/) });
});

/**
 * The lifecycle through the real engine (`pulumi up`, `refresh`, `preview`,
 * `destroy`) against the emulator: what users expect from a provider. Run
 * twice, with the same expectations: the TypeScript dynamic resource
 * (examples/basic, examples/keep-alive) and the native plugin from Pulumi YAML
 * (examples/yaml and its keep-alive twin).
 */
import * as path from "path";
import { ConfigMap } from "@pulumi/pulumi/automation";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { ProjectOptions, TestProject } from "../../testing/harness";
import { KEEP_ALIVE_YAML } from "../../testing/programs";
import { EXAMPLES, apiCalls, json, liveReservations, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A, B, C] = testNumbers(3);

/** How each provider's programs are made and fed. */
interface Mode {
  basic: ProjectOptions;
  keepAlive: ProjectOptions;
  /** Project options declaring `phoneNumbers`: a JSON string for the TypeScript examples, a list for YAML. */
  numbers(numbers: string[]): ProjectOptions;
  setNumbers(p: TestProject, numbers: string[]): Promise<void>;
}

const MODES: Array<[string, Mode]> = [
  [
    "dynamic",
    {
      basic: { from: path.join(EXAMPLES, "basic") },
      keepAlive: { from: path.join(EXAMPLES, "keep-alive") },
      numbers: (numbers) => ({ config: { phoneNumbers: json(numbers) } }),
      setNumbers: (p, numbers) => p.stack.setConfig("phoneNumbers", json(numbers)),
    },
  ],
  [
    "native",
    {
      basic: { from: path.join(EXAMPLES, "yaml") },
      keepAlive: { files: { "Pulumi.yaml": KEEP_ALIVE_YAML } },
      numbers: (numbers) => ({ objectConfig: { phoneNumbers: numbers } }),
      setNumbers: (p, numbers) => p.setObjectConfig({ phoneNumbers: numbers }),
    },
  ],
];

/** A project of `program` declaring `numbers`, with the emulator's settings and `config`. */
function configured(mode: Mode, program: ProjectOptions, numbers: string[], config: ConfigMap = {}): ProjectOptions {
  const declared = mode.numbers(numbers);
  return { ...program, ...declared, config: telnyxConfig(emulator, { ...declared.config, ...config }) };
}

describe.each(MODES)("%s provider", (_name, mode) => {
  async function basic(numbers = [A, B], customerReference = "support") {
    return project(configured(mode, mode.basic, numbers, { customerReference: { value: customerReference } }));
  }

  it("up creates exactly the declared reservation; a second up, and refresh then preview, change nothing", async () => {
    const p = await basic();
    const up = await p.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    const outputs = await p.outputs();
    const [live] = await liveReservations(emulator);
    expect(await liveReservations(emulator)).toEqual([{ id: outputs.reservationId, numbers: [A, B], reference: "support" }]);
    expect(outputs).toMatchObject({ phoneNumbers: [A, B], status: "success", expiresAt: expect.stringMatching(/^\d{4}-/) });
    expect(live.id).toBe(outputs.reservationId);

    const again = await p.up();
    expect(again.summary.resourceChanges).toEqual({ same: 2 });

    await p.refresh();
    const preview = await p.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });
  });

  it("sees reordered or reformatted numbers as no change", async () => {
    const p = await basic();
    await p.up();
    await mode.setNumbers(p, ["+1 (970) 555-0001", "+1 970 555 0000"]);
    expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("extends inside the keep-alive window with one extend call, and once per trigger change", async () => {
    const p = await project(configured(mode, mode.keepAlive, [A]));
    await p.up();
    const before = (await p.outputs()).expiresAt as string;
    await emulator.control.advanceClock(20 * 60); // 10 minutes left: inside the 15m window
    await emulator.control.clearRequests();
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
    const after = (await p.outputs()).expiresAt as string;
    expect(Date.parse(after) - Date.parse(before)).toBeGreaterThanOrEqual(19 * 60_000);
    expect((await apiCalls(emulator)).filter((c) => c.endsWith("/actions/extend"))).toHaveLength(1);

    await emulator.control.clearRequests();
    await p.stack.setConfig("extendTrigger", { value: "2026-11-27" });
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect((await apiCalls(emulator)).filter((c) => c.endsWith("/actions/extend"))).toHaveLength(1);
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("replaces when the numbers change to a disjoint set", async () => {
    const p = await basic();
    await p.up();
    const first = (await p.outputs()).reservationId;
    // Disjoint numbers only: an overlapping change ([A, B] → [A, C]) keeps A held by the live
    // old reservation, which is refused in preview (not a lifecycle case).
    await mode.setNumbers(p, [C]);
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    const second = (await p.outputs()).reservationId;
    expect(second).not.toBe(first);
    expect((await liveReservations(emulator)).find((r) => r.id === second)?.numbers).toEqual([C]);
    expect(p.lastOutput).toContain(`Reservation ${first} is removed from state, but Telnyx has no call to release it`);
  });

  it("refuses a customer-reference change while the old hold keeps the numbers, then replaces once it lapsed", async () => {
    const p = await basic();
    await p.up();
    const first = (await p.outputs()).reservationId as string;
    await p.stack.setConfig("customerReference", { value: "sales" });
    await expect(p.preview()).rejects.toThrow(new RegExp(`customerReference cannot change .* while reservation ${first} holds them`));
    await expect(p.up()).rejects.toThrow(/Either keep customerReference "support"/);
    expect((await p.reservations()).map((r) => r.id)).toEqual([first]);

    await emulator.control.advanceClock(31 * 60);
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    expect(await liveReservations(emulator)).toEqual([{ id: (await p.outputs()).reservationId, numbers: [A, B], reference: "sales" }]);
  });

  it("re-reserves when every hold lapsed", async () => {
    const p = await basic();
    await p.up();
    const first = (await p.outputs()).reservationId;
    await emulator.control.advanceClock(31 * 60);
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    const live = await liveReservations(emulator);
    expect(live).toHaveLength(1);
    expect(live[0].id).not.toBe(first);
    expect(live[0].id).toBe((await p.outputs()).reservationId);
  });

  it("drops a vanished reservation on refresh and re-creates it on up", async () => {
    const p = await basic();
    await p.up();
    await emulator.control.reset();
    await p.refresh();
    expect(await p.reservations()).toEqual([]);
    expect(p.lastOutput).toContain("no longer exists at Telnyx");
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, create: 1 });
    expect(await liveReservations(emulator)).toHaveLength(1);
  });

  it("destroy empties the stack, calls nothing, and says the holds lapse on their own", async () => {
    const p = await basic();
    await p.up();
    const id = (await p.outputs()).reservationId;
    await emulator.control.clearRequests();
    const destroyed = await p.destroy();
    expect(destroyed.summary.resourceChanges).toEqual({ delete: 2 });
    expect(await p.reservations()).toEqual([]);
    expect(await apiCalls(emulator)).toEqual([]);
    expect(p.lastOutput).toContain(`Reservation ${id} is removed from state, but Telnyx has no call to release it`);
  });

  it("recovers from a partial failure: state keeps the reservation, declaring the held numbers settles it, destroy works", async () => {
    await emulator.control.markUnavailable([B]);
    const p = await basic([A, B]);
    await expect(p.up()).rejects.toThrow(`${B} (Number is not available)`);
    const [kept] = await p.reservations();
    expect(kept.outputs).toMatchObject({ status: "failure", phoneNumbers: [A, B] });

    await p.refresh(); // refresh works on a reservation whose plan is refused
    await expect(p.preview()).rejects.toThrow(new RegExp(`holds \\${A} but not \\${B} \\(Number is not available\\).*remove \\${B} from phoneNumbers`));
    await mode.setNumbers(p, [A]);
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect((await p.reservations()).map((r) => [r.id, r.outputs.phoneNumbers])).toEqual([[kept.id, [A]]]);
    expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect((await p.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
  });
});

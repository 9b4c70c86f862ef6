/**
 * What a team's CI meets, through the real engine on Pulumi's `postgres://` state backend (a
 * PostgreSQL server this file starts): a runner killed mid-create, two runs of one stack at once,
 * the scheduled keep-alive of many stacks in parallel, and `npm start` told to keep its stack
 * there. Each ends with every declared number
 * held exactly once at the emulator, by the reservation the stack's state records.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withEmulator } from "../helpers/emulator";
import { withPostgres } from "../helpers/postgres";
import { testNumbers } from "../../testing/numbers";
import { ONE_RESERVATION, program } from "../../testing/programs";
import { TestProject } from "../../testing/harness";
import { inBatches } from "../../testing/in-batches";
import { cancelRun, json, killRun, liveReservations, mainJob, projects, spawnUp, telnyxConfig, untilCreatePosted } from "./support";

const emulator = withEmulator();
const postgres = withPostgres();
const project = projects();

/** A stack of the one-reservation program whose state is in the PostgreSQL server. */
function teamStack(name: string, stack: string, args: Record<string, unknown>): Promise<TestProject> {
  return project({
    files: program(name, ONE_RESERVATION),
    stack,
    config: telnyxConfig(emulator, { args: json(args) }),
    env: { PULUMI_BACKEND_URL: postgres.url },
  });
}

it("a run killed mid-create leaves a lock; after `pulumi cancel` the next up adopts the one reservation", async () => {
  const [A, B] = testNumbers(2, 60);
  const p = await teamStack("team-killed", "prod", { phoneNumbers: [A, B], customerReference: "killed" });
  await emulator.control.settings({ settleDelayMs: 5_000 }); // the create stays pending: the run is mid-create
  const run = spawnUp(p);
  await untilCreatePosted(emulator);
  await killRun(p, run);

  // The dead runner's lock turns the next run away until someone cancels it.
  const refused = await spawnUp(p).exited;
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/locked/i);
  cancelRun(p);

  await emulator.control.settings({ settleDelayMs: 50 });
  await p.up();
  // The killed run's reservation is the one holder, and the state records it (a retried create may fail: held).
  const [killedRunsCreate] = await emulator.control.reservations();
  expect((await p.outputs()).reservationId).toBe(killedRunsCreate.id);
  expect(await liveReservations(emulator)).toEqual([{ id: killedRunsCreate.id, numbers: [A, B], reference: "killed" }]);
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
});

it("two runs of one stack at once: the second is turned away by the lock, nothing is lost, the next up is clean", async () => {
  const [A] = testNumbers(1, 62);
  const p = await teamStack("team-overlap", "staging", { phoneNumbers: [A], customerReference: "overlap" });
  await emulator.control.settings({ settleDelayMs: 3_000 });
  const first = spawnUp(p);
  await untilCreatePosted(emulator);
  const second = await spawnUp(p).exited;
  expect(second.code).not.toBe(0);
  expect(second.output).toMatch(/the stack is currently locked/i);
  const done = await first.exited;
  expect(done.code).toBe(0);

  const [only, ...others] = await emulator.control.reservations();
  expect(others).toEqual([]);
  expect(await p.reservations()).toEqual([expect.objectContaining({ id: only.id })]);
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect(await emulator.control.reservations()).toHaveLength(1);
});

/** The error a losing stack must show: the holder, its reference and creation time, and how to adopt it on purpose. */
async function expectRefusedFor(output: string, holderId: string, reference: string): Promise<void> {
  const [holder] = (await emulator.control.reservations()).filter((r) => r.id === holderId);
  expect(output).toContain(`reservation ${holderId}`);
  expect(output).toContain(`customer reference "${reference}"`);
  expect(output).toContain(`created ${holder.created_at}`);
  expect(output).toMatch(/import/);
}

/** The one reservation the stack records, if any. */
async function recorded(p: TestProject): Promise<string[]> {
  return (await p.reservations()).map((r) => r.id);
}

it("two stacks racing for one number: exactly one owns it, the other fails naming the holder, and converges once it lapses", async () => {
  const [A] = testNumbers(1, 74);
  const args = { phoneNumbers: [A], customerReference: "race" };
  const [east, west] = await Promise.all([teamStack("team-race", "east", args), teamStack("team-race", "west", args)]);
  await emulator.control.settings({ settleDelayMs: 1_000 });
  const runs = await Promise.all([spawnUp(east).exited, spawnUp(west).exited]);

  const codes = runs.map((r) => r.code);
  expect(codes.filter((c) => c === 0)).toHaveLength(1);
  const [winner, loser] = codes[0] === 0 ? [east, west] : [west, east];
  const loserRun = runs[codes[0] === 0 ? 1 : 0];
  const [holder, ...others] = await liveReservations(emulator);
  expect(others).toEqual([]);
  expect(await recorded(winner)).toEqual([holder.id]);
  expect(await recorded(loser)).toEqual([]);
  await expectRefusedFor(loserRun.output, holder.id, "race");

  // The winner's hold lapses (nobody extends it): the loser's next up reserves the number.
  await emulator.control.advanceClock(31 * 60);
  await loser.up();
  const [now, ...more] = await liveReservations(emulator);
  expect(more).toEqual([]);
  expect(now.id).not.toBe(holder.id);
  expect(await recorded(loser)).toEqual([now.id]);
});

it("a second stack deployed minutes after the first does not take the first stack's reservation", async () => {
  const [A, B] = testNumbers(2, 76);
  const args = { phoneNumbers: [A, B], customerReference: "later" };
  const first = await teamStack("team-later", "first", args);
  await first.up();
  const [holder] = await liveReservations(emulator);
  await emulator.control.advanceClock(5 * 60);

  const second = await teamStack("team-later", "second", args);
  const run = await spawnUp(second).exited;
  expect(run.code).not.toBe(0);
  await expectRefusedFor(run.output, holder.id, "later");
  expect(await recorded(second)).toEqual([]);
  expect(await recorded(first)).toEqual([holder.id]);
  expect(await liveReservations(emulator)).toEqual([holder]);
});

it("keeps 8 stacks alive 4 at a time: every hold extended once, nothing held twice", async () => {
  const STACKS = 8;
  const numbers = testNumbers(STACKS, 64);
  const stacks = await inBatches(numbers, 4, (n) =>
    teamStack("team-keep-alive", `region-${numbers.indexOf(n)}`, { phoneNumbers: [n], customerReference: "keep-alive", keepAliveWindow: "15m" }),
  );
  await inBatches(stacks, 4, (p) => p.up());
  const created = await emulator.control.reservations();
  expect(created).toHaveLength(STACKS);

  // 20 of the 30 minutes pass: every hold is inside its 15-minute window at the scheduled run.
  await emulator.control.advanceClock(20 * 60);
  await emulator.control.clearRequests();
  const runs = await inBatches(stacks, 4, (p) => p.up());
  expect(runs.map((r) => r.summary.resourceChanges)).toEqual(stacks.map(() => ({ same: 1, update: 1 })));

  const extends_ = (await emulator.control.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/actions/extend"));
  const ids = await Promise.all(stacks.map(async (p) => (await p.outputs()).reservationId as string));
  expect(extends_.map((r) => r.path).sort()).toEqual(ids.map((id) => `/v2/number_reservations/${id}/actions/extend`).sort());
  expect(await emulator.control.reservations()).toHaveLength(STACKS);
  const live = await liveReservations(emulator);
  expect(live.map((r) => r.id).sort()).toEqual([...ids].sort());
  expect(live.flatMap((r) => r.numbers).sort()).toEqual([...numbers].sort());
  // Extended: about 30 minutes left, where 10 were left before the run.
  const now = Date.parse(await emulator.control.now());
  for (const r of await emulator.control.reservations()) {
    expect(Date.parse(r.phone_numbers[0].expired_at!) - now).toBeGreaterThan(25 * 60_000);
  }
});

it("`npm start` keeps its stack in PULUMI_BACKEND_URL when it is set, and shows it without credentials", async () => {
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "main-job-pg-"));
  try {
    const first = await mainJob(demoDir, [], { PULUMI_BACKEND_URL: postgres.url });
    expect(first).toMatch(/\+ 3 created/);
    expect(first).toContain(`(state: ${postgres.url.replace("postgres@", "").replace(/\?.*/, "")})`);
    expect(fs.readdirSync(path.join(demoDir, "state"))).toEqual([]); // nothing in the file backend
    expect(await mainJob(demoDir, [], { PULUMI_BACKEND_URL: postgres.url })).toMatch(/3 unchanged/);
  } finally {
    fs.rmSync(demoDir, { recursive: true, force: true });
  }
});

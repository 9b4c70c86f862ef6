/**
 * A `search` resource through the real engine (`pulumi up` of a TypeScript program, the dynamic
 * provider) against the emulator's inventory: create by search (one search, one POST), a no-op
 * with no call, keep-alive, count lowered, criteria changed, a lapse (the same numbers again, or
 * new ones with a warning the engine shows when others took them), the race between search and
 * reserve, and too few numbers.
 */
import { withEmulator } from "../helpers/emulator";
import { findable } from "../helpers/findable";
import { ONE_RESERVATION, program } from "../../testing/programs";
import { apiCalls, json, liveReservations, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();

const SEARCH = { countryCode: "US", nationalDestinationCode: "970", locality: "Fort Collins", features: ["sms"], count: 2 };

/** The reservable Fort Collins SMS numbers of the inventory, in the order a search answers them (the request log cleared). */
async function candidates(): Promise<string[]> {
  const found = await findable(emulator);
  await emulator.control.clearRequests();
  return found;
}

async function searching(name: string, args: Record<string, unknown>) {
  return project({ files: program(name, ONE_RESERVATION), config: telnyxConfig(emulator, { args: json(args) }) });
}

const count = (calls: string[], call: string) => calls.filter((c) => c === call).length;
const SEARCH_CALL = "GET /v2/available_phone_numbers";
const POST_CALL = "POST /v2/number_reservations";

it("up holds the numbers a search finds (1 search + 1 POST); no-op, keep-alive, count lowered, criteria changed", async () => {
  const [first, second, third] = await candidates();
  const p = await searching("search-up", { search: SEARCH, keepAliveWindow: "15m" });
  expect((await p.up()).summary.resourceChanges).toEqual({ create: 2 });
  const created = await p.outputs();
  expect(created.phoneNumbers).toEqual([first, second]);
  expect(await liveReservations(emulator)).toMatchObject([{ id: created.reservationId, numbers: [first, second] }]);
  let calls = await apiCalls(emulator);
  expect([count(calls, SEARCH_CALL), count(calls, POST_CALL)]).toEqual([1, 1]);

  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect(await apiCalls(emulator)).toEqual([]);

  await emulator.control.advanceClock(20 * 60); // 10 minutes left: inside the 15m window
  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  calls = await apiCalls(emulator);
  expect(calls.filter((c) => c.endsWith("/actions/extend"))).toHaveLength(1);
  expect(count(calls, SEARCH_CALL)).toBe(0);

  await p.stack.setConfig("args", json({ search: { ...SEARCH, count: 1 }, keepAliveWindow: "15m" }));
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  expect(await p.outputs()).toMatchObject({ reservationId: created.reservationId, phoneNumbers: [first] });
  expect(p.lastOutput).toContain(`keeps holding ${second}`);

  await p.stack.setConfig("args", json({ search: { ...SEARCH, count: 1, features: ["sms", "voice"] }, keepAliveWindow: "15m" }));
  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
  const replaced = await p.outputs();
  expect(replaced.reservationId).not.toBe(created.reservationId);
  // The old reservation still holds first and second: the new search leaves them out.
  expect(replaced.phoneNumbers).toEqual([third]);
  calls = await apiCalls(emulator);
  expect([count(calls, SEARCH_CALL), count(calls, POST_CALL)]).toEqual([1, 1]);
});

it("lapsed: up holds the same numbers again; lapsed and taken: new numbers, and a warning the engine shows", async () => {
  const [first, second, third, fourth] = await candidates();
  const p = await searching("search-lapse", { search: SEARCH });
  await p.up();
  const created = await p.outputs();

  await emulator.control.advanceClock(31 * 60);
  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 1, replace: 1 });
  const again = await p.outputs();
  expect(again.reservationId).not.toBe(created.reservationId);
  expect(again.phoneNumbers).toEqual([first, second]);
  const relapse = await apiCalls(emulator);
  // One search per number, to see it is still free, and one POST.
  expect([count(relapse, SEARCH_CALL), count(relapse, POST_CALL)]).toEqual([2, 1]);

  await emulator.control.advanceClock(31 * 60);
  await emulator.control.takeNumbers([first, second]);
  const up = await p.up();
  expect(up.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
  expect((await p.outputs()).phoneNumbers).toEqual([third, fourth]);
  expect(up.stdout).toMatch(/warning: The numbers this resource held \(.*\) lapsed and were taken by others since/);
});

it("race: others take the found numbers between the search and the POST: up searches again and holds others", async () => {
  const [first, second, third, fourth] = await candidates();
  const p = await searching("search-race", { search: SEARCH });
  await emulator.control.addFault({ method: "POST", path: "/v2/number_reservations", count: 1, delayMs: 4000 });
  const running = p.up();
  for (let i = 0; i < 600 && !(await apiCalls(emulator)).includes(SEARCH_CALL); i++) await new Promise((r) => setTimeout(r, 100));
  await emulator.control.takeNumbers([first, second]);
  expect((await running).summary.resourceChanges).toEqual({ create: 2 });
  expect((await p.outputs()).phoneNumbers).toEqual([third, fourth]);
  const calls = await apiCalls(emulator);
  expect([count(calls, SEARCH_CALL), count(calls, POST_CALL)]).toEqual([2, 2]);
});

it("too few numbers: up fails before reserving anything, saying how many were found and what to loosen", async () => {
  const p = await searching("search-few", { search: { ...SEARCH, endsWith: "0100", count: 2 } });
  await expect(p.up()).rejects.toThrow(/search found 1 reservable number of the 2 wanted .*loosen search\.endsWith/s);
  expect(count(await apiCalls(emulator), POST_CALL)).toBe(0);
  expect(await liveReservations(emulator)).toEqual([]);
});

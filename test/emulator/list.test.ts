/**
 * GET /v2/number_reservations: each filter, bracket encodings, pagination and its limits.
 */

import type { NumberReservation, PaginationMeta } from "../../emulator";
import { withEmulator } from "../helpers/emulator";
import { createReservation, createSettledReservation, expectCommonHeaders, expectTelnyxError, testNumber } from "./support";

const emulator = withEmulator();

interface ListBody {
  data: NumberReservation[];
  meta: PaginationMeta;
}

async function list(query: string): Promise<ListBody> {
  const response = await emulator.request("GET", `/number_reservations${query}`);
  expect(response.status).toBe(200);
  expectCommonHeaders(response);
  return (await response.json()) as ListBody;
}

const ids = (body: ListBody) => body.data.map((r) => r.id);

/** Creates `count` one-number reservations quickly, in order. */
async function createMany(count: number): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < count; i += 1) created.push((await createReservation(emulator, [testNumber(i)])).id);
  return created;
}

describe("filters", () => {
  it("filter[status] matches the current status", async () => {
    await emulator.control.markUnavailable([testNumber(9)]);
    const ok = await createSettledReservation(emulator, [testNumber(1)]);
    const failed = await createSettledReservation(emulator, [testNumber(9)]);
    await emulator.control.settings({ settleDelayMs: 60_000 });
    const pending = await createReservation(emulator, [testNumber(2)]);
    expect(ids(await list("?filter[status]=success"))).toEqual([ok.id]);
    expect(ids(await list("?filter[status]=failure"))).toEqual([failed.id]);
    expect(ids(await list("?filter[status]=pending"))).toEqual([pending.id]);
    expect(ids(await list("?filter[status]=expired"))).toEqual([]);
  });

  it("filter[customer_reference] matches exactly", async () => {
    const a = await createReservation(emulator, [testNumber(1)], "team-a");
    await createReservation(emulator, [testNumber(2)], "team-b");
    await createReservation(emulator, [testNumber(3)]);
    expect(ids(await list("?filter[customer_reference]=team-a"))).toEqual([a.id]);
    expect(ids(await list("?filter[customer_reference]=team"))).toEqual([]);
  });

  it("filter[phone_numbers.phone_number] matches reservations having that number among theirs", async () => {
    const a = await createReservation(emulator, [testNumber(1), testNumber(2)]);
    const b = await createReservation(emulator, [testNumber(3), testNumber(2)]);
    await createReservation(emulator, [testNumber(4)]);
    expect(ids(await list(`?filter[phone_numbers.phone_number]=${encodeURIComponent(testNumber(2))}`))).toEqual([a.id, b.id]);
    expect(ids(await list(`?filter[phone_numbers.phone_number]=${encodeURIComponent(testNumber(4))}`))).toHaveLength(1);
  });

  it("a literal + in the query is a space (form encoding), so it matches nothing; %2B is a plus", async () => {
    await createReservation(emulator, [testNumber(1)]);
    expect(ids(await list(`?filter[phone_numbers.phone_number]=${testNumber(1)}`))).toEqual([]);
    expect(ids(await list(`?filter[phone_numbers.phone_number]=%2B${testNumber(1).slice(1)}`))).toHaveLength(1);
  });

  it("filter[created_at][gt] and [lt] compare creation times strictly", async () => {
    const first = await createReservation(emulator, [testNumber(1)]);
    await emulator.control.advanceClock(60);
    const second = await createReservation(emulator, [testNumber(2)]);
    await emulator.control.advanceClock(60);
    const third = await createReservation(emulator, [testNumber(3)]);
    const at = (r: NumberReservation) => encodeURIComponent(r.created_at);
    expect(ids(await list(`?filter[created_at][gt]=${at(first)}`))).toEqual([second.id, third.id]);
    expect(ids(await list(`?filter[created_at][lt]=${at(third)}`))).toEqual([first.id, second.id]);
    expect(ids(await list(`?filter[created_at][gt]=${at(first)}&filter[created_at][lt]=${at(third)}`))).toEqual([second.id]);
  });

  it("combines filters with AND", async () => {
    const a = await createReservation(emulator, [testNumber(1)], "x");
    await createReservation(emulator, [testNumber(2)], "x");
    await createReservation(emulator, [testNumber(3)], "y");
    const query = `?filter[customer_reference]=x&filter[phone_numbers.phone_number]=${encodeURIComponent(testNumber(1))}&filter[status]=pending`;
    expect(ids(await list(query))).toEqual([a.id]);
  });

  it("accepts percent-encoded and literal brackets alike", async () => {
    const a = await createReservation(emulator, [testNumber(1)], "enc");
    await createReservation(emulator, [testNumber(2)], "other");
    expect(ids(await list("?filter%5Bcustomer_reference%5D=enc"))).toEqual([a.id]);
    expect(ids(await list("?filter[customer_reference]=enc"))).toEqual([a.id]);
    expect(ids(await list("?filter%5bcustomer_reference%5d=enc&page%5Bsize%5D=1"))).toEqual([a.id]);
    expect((await list("?page%5Bsize%5D=1&page[number]=2")).meta).toEqual({
      page_number: 2,
      page_size: 1,
      total_pages: 2,
      total_results: 2,
    });
  });
});

describe("pagination", () => {
  it("with 0 results: empty data, total_pages 0", async () => {
    expect(await list("")).toEqual({ data: [], meta: { page_number: 1, page_size: 20, total_pages: 0, total_results: 0 } });
  });

  it("with 1 result: one page with the default size 20", async () => {
    const [id] = await createMany(1);
    expect(await list("")).toMatchObject({ meta: { page_number: 1, page_size: 20, total_pages: 1, total_results: 1 } });
    expect(ids(await list(""))).toEqual([id]);
  });

  it("returns creation order, oldest first, stably across pages", async () => {
    const created = await createMany(45);
    const pages = [await list("?page[number]=1"), await list("?page[number]=2"), await list("?page[number]=3")];
    expect(pages.map((p) => p.data.length)).toEqual([20, 20, 5]);
    expect(pages.flatMap(ids)).toEqual(created);
    expect(pages.map((p) => p.meta.total_pages)).toEqual([3, 3, 3]);
    expect(ids(await list("?page[number]=1"))).toEqual(ids(pages[0]));
  });

  it("with 250 and then 251 results at page[size]=250", async () => {
    const created = await createMany(250);
    const full = await list("?page[size]=250");
    expect(full.meta).toEqual({ page_number: 1, page_size: 250, total_pages: 1, total_results: 250 });
    expect(ids(full)).toEqual(created);

    created.push((await createReservation(emulator, [testNumber(250)])).id);
    const first = await list("?page[size]=250");
    const second = await list("?page[size]=250&page[number]=2");
    expect(first.meta).toEqual({ page_number: 1, page_size: 250, total_pages: 2, total_results: 251 });
    expect(second.meta).toEqual({ page_number: 2, page_size: 250, total_pages: 2, total_results: 251 });
    expect(second.data).toHaveLength(1);
    expect([...ids(first), ...ids(second)]).toEqual(created);
  });

  it("a page past the end is empty but keeps the meta", async () => {
    await createMany(3);
    expect(await list("?page[number]=9")).toEqual({
      data: [],
      meta: { page_number: 9, page_size: 20, total_pages: 1, total_results: 3 },
    });
  });
});

describe("query validation", () => {
  it.each([
    ["page[size]", "0"],
    ["page[size]", "251"],
    ["page[size]", "-1"],
    ["page[size]", "abc"],
    ["page[size]", "2.5"],
    ["page[size]", ""],
    ["page[number]", "0"],
    ["page[number]", "x"],
    ["page[number]", "100000000000000000000000"],
    ["page[number]", "2147483648"],
    ["filter[created_at][gt]", "yesterday"],
    ["filter[created_at][lt]", "2026-13-45"],
    ["filter[created_at][gt]", "1"],
    ["filter[created_at][gt]", "2026"],
    ["filter[created_at][lt]", "Tue, 01 Dec 2026 08:00:00 GMT"],
    ["filter[created_at][lt]", "2026-02-30"],
    ["filter[phone_number]", "+19705550001"],
    ["page[limit]", "5"],
  ])("answers 400 naming %s=%j", async (parameter, value) => {
    const response = await emulator.request("GET", `/number_reservations?${encodeURIComponent(parameter)}=${encodeURIComponent(value)}`);
    const [error] = await expectTelnyxError(response, 400, "10015", { parameter });
    expect(error.detail).toContain(parameter);
  });

  it("accepts the largest page number and ISO-8601 dates with or without a time", async () => {
    const last = await list("?page[number]=2147483647");
    expect(last.meta).toEqual({ page_number: 2147483647, page_size: 20, total_pages: 0, total_results: 0 });
    for (const time of ["2026-01-01", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00.123456+02:00", "2026-01-01T10:00"]) {
      expect((await list(`?filter[created_at][gt]=${encodeURIComponent(time)}`)).data).toEqual([]);
    }
  });

  it("ignores query parameters outside filter[] and page[]", async () => {
    expect((await emulator.request("GET", "/number_reservations?foo=bar")).status).toBe(200);
  });
});

describe("every filter combination and page agrees with filtering the whole list", () => {
  /** What a filter keeps, judged on the full records (the rules of the spec, not the emulator's code). */
  type Filter = { name: string; query: string; keeps: (r: NumberReservation) => boolean };

  it("over numbers held again, failed holds, pending ones and shared customer references", async () => {
    const shared = testNumber(1);
    await emulator.control.markUnavailable([testNumber(9)]);
    const first = await createReservation(emulator, [shared, testNumber(2)], "team-a");
    await emulator.control.advanceClock(1800.0004); // first's holds lapse; creation times get a fraction of a ms
    const second = await createReservation(emulator, [shared], "team-b"); // holds it again
    await createReservation(emulator, [shared, testNumber(3)], "team-a"); // fails on the shared number
    await createReservation(emulator, [testNumber(9)], "team-b"); // unavailable: fails
    await emulator.control.advanceClock(1);
    const cutoff = new Date(Date.parse(second.created_at) + 500).toISOString();
    await emulator.control.settings({ settleDelayMs: 60_000 });
    await createReservation(emulator, [testNumber(4), testNumber(2)], "team-a"); // pending
    await createReservation(emulator, [testNumber(5)]); // no reference
    expect(first.id).toBeDefined();

    const all = (await list("?page[size]=250")).data;
    expect(all).toHaveLength(6);
    const filters: Filter[] = [
      { name: "none", query: "", keeps: () => true },
      ...["pending", "success", "failure"].map((status) => ({ name: status, query: `filter[status]=${status}`, keeps: (r: NumberReservation) => r.status === status })),
      ...["team-a", "team-b", "nobody"].map((ref) => ({ name: ref, query: `filter[customer_reference]=${ref}`, keeps: (r: NumberReservation) => r.customer_reference === ref })),
      ...[shared, testNumber(2), testNumber(9), testNumber(8)].map((n) => ({
        name: n,
        query: `filter[phone_numbers.phone_number]=${encodeURIComponent(n)}`,
        keeps: (r: NumberReservation) => r.phone_numbers.some((p) => p.phone_number === n),
      })),
      { name: "after", query: `filter[created_at][gt]=${cutoff}`, keeps: (r) => Date.parse(r.created_at) > Date.parse(cutoff) },
      { name: "before", query: `filter[created_at][lt]=${cutoff}`, keeps: (r) => Date.parse(r.created_at) < Date.parse(cutoff) },
      // Exactly at a creation time, as shown: strict comparisons leave that reservation out.
      { name: "after second", query: `filter[created_at][gt]=${second.created_at.replace("000Z", "Z")}`, keeps: (r) => Date.parse(r.created_at) > Date.parse(second.created_at) },
      { name: "before second", query: `filter[created_at][lt]=${second.created_at.replace("000Z", "Z")}`, keeps: (r) => Date.parse(r.created_at) < Date.parse(second.created_at) },
    ];
    // Single filters and every pair of filters on different parameters.
    const combos: Filter[][] = filters.map((f) => [f]);
    for (const a of filters) for (const b of filters) if (a.query && b.query && a.query.split("=")[0] < b.query.split("=")[0]) combos.push([a, b]);
    for (const combo of combos) {
      const expected = all.filter((r) => combo.every((f) => f.keeps(r)));
      const query = combo.map((f) => f.query).filter(Boolean).join("&");
      for (const size of [1, 2, 250]) {
        const pages = Math.ceil(expected.length / size);
        for (let page = 1; page <= pages + 1; page++) {
          const body = await list(`?${query}${query ? "&" : ""}page[size]=${size}&page[number]=${page}`);
          const where = `${combo.map((f) => f.name).join("+")} size ${size} page ${page}`;
          expect({ where, data: body.data }).toEqual({ where, data: expected.slice((page - 1) * size, page * size) });
          expect({ where, meta: body.meta }).toEqual({ where, meta: { page_number: page, page_size: size, total_pages: pages, total_results: expected.length } });
        }
      }
    }
  });
});

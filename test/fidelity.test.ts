/**
 * Fidelity of the emulator to the real Telnyx API, judged by two outside references:
 *  1. the official `telnyx` npm SDK (v7) creates, retrieves, lists with auto-pagination and
 *     extends against it, and maps its errors to its own error classes;
 *     and searches available numbers with every filter;
 *  2. every response the emulator can be provoked into validates against the response schemas
 *     of Telnyx's OpenAPI spec (wire/number-reservations.openapi.json, and
 *     wire/available-phone-numbers.openapi.json for the search), both as
 *     published and in a strict variant that also forbids properties the spec does not declare.
 */

import fs from "fs";
import path from "path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import Telnyx, { AuthenticationError, NotFoundError, UnprocessableEntityError } from "telnyx";
import type { NumberReservation } from "../emulator";
import { withEmulator } from "./helpers/emulator";

const emulator = withEmulator();

// ---------------------------------------------------------------------------------------------
// The spec, kept in the repository (wire/README.md names its source and date).

const SPEC_PATH = path.resolve(__dirname, "..", "wire", "number-reservations.openapi.json");
const SEARCH_SPEC_PATH = path.resolve(__dirname, "..", "wire", "available-phone-numbers.openapi.json");
const SPEC_ID = "https://telnyx.example/spec.openapi.json";

type Json = Record<string, unknown>;
type Method = "get" | "post";

/** The three operation paths of the spec, as written there. */
const OPERATIONS = {
  collection: "/number_reservations",
  item: "/number_reservations/{number_reservation_id}",
  extend: "/number_reservations/{number_reservation_id}/actions/extend",
  search: "/available_phone_numbers",
} as const;
type Operation = keyof typeof OPERATIONS;

function loadSpec(file = SPEC_PATH): Json {
  if (!fs.existsSync(file)) {
    throw new Error(
      `Telnyx OpenAPI spec not found at ${file} (see wire/README.md).`,
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as Json;
}

/** The value at `segments` inside the spec, or undefined. */
function lookup(spec: Json, segments: string[]): Json | undefined {
  return segments.reduce<Json | undefined>((node, key) => node?.[key] as Json | undefined, spec);
}

/** The segments of a local `$ref` such as `#/components/responses/numbers_NotFoundResponse`. */
function refSegments(ref: string): string[] {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The JSON pointer of a value inside the spec, in URI-fragment form (for ajv's `$ref`). */
function fragment(segments: string[]): string {
  return "#/" + segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

/** A copy of the spec where every object schema with `properties` forbids undeclared properties. */
function strictVariant(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictVariant);
  if (typeof node !== "object" || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, strictVariant(v)]));
  if ("properties" in copy && copy.type === "object") copy.additionalProperties = false;
  return copy;
}

/** Validates response bodies against the spec's response schemas. */
class SpecResponses {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: Json) {
    addFormats(this.ajv);
    // Ajv compiles the document root when resolving refs into it: declare OpenAPI's top-level
    // fields (and the schema annotation `example`) as known, inert keywords.
    this.ajv.addVocabulary(["example", ...Object.keys(spec).filter((k) => !k.startsWith("$"))]);
    this.ajv.addSchema(spec, SPEC_ID);
  }

  /**
   * Validates `body` as the response of `operation` with `status`. Statuses the operation does
   * not list (429, 503, ...) are checked against the spec's error schema `numbers_Errors`.
   */
  check(operation: Operation | "none", method: Method, status: number, body: unknown): void {
    const key = `${operation} ${method} ${status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: SPEC_ID + this.schemaFragment(operation, method, status) });
      this.cache.set(key, validate);
    }
    if (!validate(body)) {
      throw new Error(`${key} response does not match the spec: ${this.ajv.errorsText(validate.errors, { dataVar: "body" })}\n${JSON.stringify(body)}`);
    }
  }

  private schemaFragment(operation: Operation | "none", method: Method, status: number): string {
    const errorsSchema = fragment(["components", "schemas", "numbers_Errors"]);
    if (operation === "none") return errorsSchema;
    let segments = ["paths", OPERATIONS[operation], method, "responses", String(status)];
    const response = lookup(this.spec, segments);
    if (response === undefined) {
      if (status < 400) throw new Error(`the spec lists no ${status} for ${method} ${OPERATIONS[operation]}`);
      return errorsSchema;
    }
    if (typeof response.$ref === "string") segments = refSegments(response.$ref);
    const schemaSegments = [...segments, "content", "application/json", "schema"];
    if (lookup(this.spec, schemaSegments) === undefined) throw new Error(`no JSON schema at ${schemaSegments.join("/")}`);
    return fragment(schemaSegments);
  }
}

// ---------------------------------------------------------------------------------------------
// Part 1: the official SDK against the emulator.

describe("the official telnyx SDK v7", () => {
  const client = () => new Telnyx({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 });
  const numbers = (n: number) => `+1970555${String(n).padStart(4, "0")}`;

  it("creates, retrieves and extends a reservation", async () => {
    const telnyx = client();
    const created = await telnyx.numberReservations.create({
      phone_numbers: [{ phone_number: numbers(1) }, { phone_number: numbers(2) }],
      customer_reference: "sdk",
    });
    expect(created.data).toMatchObject({ status: "pending", customer_reference: "sdk", record_type: "number_reservation" });
    const id = created.data?.id as string;

    await emulator.control.advanceClock(1);
    const retrieved = await telnyx.numberReservations.retrieve(id);
    expect(retrieved.data?.status).toBe("success");
    expect(retrieved.data?.phone_numbers?.map((n) => n.status)).toEqual(["success", "success"]);

    await emulator.control.advanceClock(600);
    const extended = await telnyx.numberReservations.actions.extend(id);
    const before = Date.parse(retrieved.data?.phone_numbers?.[0].expired_at as string);
    expect(Date.parse(extended.data?.phone_numbers?.[0].expired_at as string)).toBeGreaterThan(before);
  });

  it("auto-paginates a list of more than one page, in creation order", async () => {
    const created: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      created.push((await client().numberReservations.create({ phone_numbers: [{ phone_number: numbers(i) }] })).data?.id as string);
    }
    const seen: string[] = [];
    for await (const reservation of client().numberReservations.list({ "page[size]": 20 })) seen.push(reservation.id as string);
    expect(seen).toEqual(created);
    const pageRequests = (await emulator.control.requests()).filter((e) => e.method === "GET");
    expect(pageRequests.map((e) => e.query["page[number]"] ?? "1")).toEqual(["1", "2", "3"]);
  });

  it("stops at once on an empty list", async () => {
    const seen: unknown[] = [];
    for await (const reservation of client().numberReservations.list()) seen.push(reservation);
    expect(seen).toEqual([]);
    expect(await emulator.control.requests()).toHaveLength(1);
  });

  it("sends its deepObject filters in a form the emulator understands", async () => {
    const telnyx = client();
    await telnyx.numberReservations.create({ phone_numbers: [{ phone_number: numbers(1) }], customer_reference: "a" });
    await emulator.control.advanceClock(10);
    const b = await telnyx.numberReservations.create({ phone_numbers: [{ phone_number: numbers(2) }], customer_reference: "b" });
    const byNumber = await telnyx.numberReservations.list({ filter: { "phone_numbers.phone_number": numbers(2) } });
    expect(byNumber.data.map((r) => r.id)).toEqual([b.data?.id]);
    const byRef = await telnyx.numberReservations.list({ filter: { customer_reference: "b", status: "pending" } });
    expect(byRef.data.map((r) => r.id)).toEqual([b.data?.id]);
    const gt = new Date(Date.parse(b.data?.created_at as string) - 5000).toISOString();
    const byDate = await telnyx.numberReservations.list({ filter: { created_at: { gt } } });
    expect(byDate.data.map((r) => r.id)).toEqual([b.data?.id]);
    const query = (await emulator.control.requests()).at(-1)?.query;
    expect(query).toEqual({ "filter[created_at][gt]": gt });
  });

  it("raises its own error classes with Telnyx's error body", async () => {
    const missing = await client().numberReservations.retrieve("11111111-1111-4111-8111-111111111111").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).error).toMatchObject({ errors: [{ code: "10005" }] });
    expect((missing as NotFoundError).headers.get("x-request-id")).toBeTruthy();

    const invalid = await client()
      .numberReservations.create({ phone_numbers: [{ phone_number: "970-555-0001" }] })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(UnprocessableEntityError);
    expect((invalid as UnprocessableEntityError).error).toMatchObject({ errors: [{ code: "10016" }] });

    const unauthorized = await new Telnyx({ apiKey: "wrong", baseURL: emulator.url, maxRetries: 0 }).numberReservations
      .list()
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
  });

  it("searches available numbers with every filter, in the form it sends them", async () => {
    const telnyx = client();
    const found = await telnyx.availablePhoneNumbers.list({
      filter: {
        country_code: "US",
        national_destination_code: "970",
        locality: "Fort Collins",
        administrative_area: "CO",
        rate_center: "FORT COLLINS",
        phone_number_type: "local",
        features: ["sms", "mms"],
        phone_number: { starts_with: "221", contains: "01", ends_with: "0" },
        reservable: true,
        exclude_held_numbers: true,
        best_effort: false,
        quickship: false,
        limit: 5,
      },
    });
    expect(found.data?.map((n) => n.phone_number)).toEqual(["+19702210100", "+19702210110"]);
    expect(found.meta).toEqual({ total_results: 2, best_effort_results: 0 });
    // The SDK joins a list with commas (`filter[features]=sms,mms`): the emulator reads that form.
    expect((await emulator.control.requests()).at(-1)?.query).toMatchObject({ "filter[features]": "sms,mms", "filter[limit]": "5" });
    const quickship = await telnyx.availablePhoneNumbers.list({ filter: { phone_number_type: "toll_free", quickship: true } });
    expect(quickship.data?.length).toBeGreaterThan(0);
    expect(quickship.data?.every((n) => n.quickship)).toBe(true);
  });

  it("retries 429 and 5xx on its own, honouring Retry-After", async () => {
    await emulator.control.addFault({ method: "GET", count: 1, status: 429, retryAfterSeconds: 0 });
    await emulator.control.addFault({ method: "GET", count: 1, status: 503, retryAfterSeconds: 0 });
    const telnyx = new Telnyx({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 2 });
    await telnyx.numberReservations.list();
    expect((await emulator.control.requests()).map((e) => e.status)).toEqual([429, 503, 200]);
  });
});

// ---------------------------------------------------------------------------------------------
// Part 2: every response kind against the spec's schemas.

describe("responses against the OpenAPI spec", () => {
  let published: SpecResponses;
  let strict: SpecResponses;

  beforeAll(() => {
    const spec = loadSpec();
    published = new SpecResponses(spec);
    strict = new SpecResponses(strictVariant(spec) as Json);
  });

  /** Sends a request and validates the answer under both readings of the spec. */
  async function expectValid(
    operation: Operation | "none",
    method: Method,
    urlPath: string,
    expectedStatus: number,
    options: Parameters<typeof emulator.request>[2] = {},
  ): Promise<unknown> {
    const response = await emulator.request(method.toUpperCase(), urlPath, options);
    expect(response.status).toBe(expectedStatus);
    const body: unknown = await response.json();
    published.check(operation, method, expectedStatus, body);
    strict.check(operation, method, expectedStatus, body);
    return body;
  }

  const createJson = (numbers: string[], ref?: string) => ({
    json: { phone_numbers: numbers.map((phone_number) => ({ phone_number })), ...(ref ? { customer_reference: ref } : {}) },
  });

  it("the validator rejects bodies that break the spec (it is not vacuous)", () => {
    expect(() => strict.check("item", "get", 200, { data: { id: "not-a-uuid" } })).toThrow(/uuid/);
    expect(() => strict.check("item", "get", 200, { data: { status: "expired" } })).toThrow(/allowed values/);
    expect(() => strict.check("item", "get", 200, { data: { expires_at: "x" } })).toThrow(/additional/);
    expect(() => published.check("collection", "get", 200, { meta: { total_pages: "1" } })).toThrow(/integer/);
    expect(() => published.check("none", "get", 404, { errors: [{ code: 10005 }] })).toThrow(/string/);
  });

  it("create, retrieve (pending, success, failure) and extend: 200", async () => {
    await emulator.control.markUnavailable(["+19705550003"]);
    const created = (await expectValid("collection", "post", "/number_reservations", 200, createJson(["+19705550001"], "ref"))) as {
      data: NumberReservation;
    };
    const { id } = created.data;
    await expectValid("item", "get", `/number_reservations/${id}`, 200);
    await emulator.control.advanceClock(1);
    await expectValid("item", "get", `/number_reservations/${id}`, 200);
    await expectValid("extend", "post", `/number_reservations/${id}/actions/extend`, 200);

    const failed = (await expectValid("collection", "post", "/number_reservations", 200, createJson(["+19705550001", "+19705550003"]))) as {
      data: NumberReservation;
    };
    await emulator.control.advanceClock(1);
    const body = (await expectValid("item", "get", `/number_reservations/${failed.data.id}`, 200)) as { data: NumberReservation };
    expect(body.data.phone_numbers.map((n) => n.errors)).toEqual(["Number is already on hold", "Number is not available"]);
  });

  it("list pages: empty, full, partial, past the end, filtered: 200", async () => {
    await expectValid("collection", "get", "/number_reservations", 200);
    for (let i = 0; i < 5; i += 1) await emulator.request("POST", "/number_reservations", createJson([`+1970555100${i}`], "r"));
    await expectValid("collection", "get", "/number_reservations?page[size]=2", 200);
    await expectValid("collection", "get", "/number_reservations?page[size]=2&page[number]=3", 200);
    await expectValid("collection", "get", "/number_reservations?page[number]=7", 200);
    await expectValid("collection", "get", "/number_reservations?filter%5Bcustomer_reference%5D=r&filter[status]=pending", 200);
  });

  it("every error kind of every operation", async () => {
    const someId = "11111111-1111-4111-8111-111111111111";
    await expectValid("collection", "post", "/number_reservations", 400, { body: "{" });
    await expectValid("collection", "post", "/number_reservations", 422, createJson(["bad", "+1"]));
    await expectValid("collection", "post", "/number_reservations", 401, { ...createJson(["+19705550001"]), apiKey: "nope" });
    await expectValid("collection", "get", "/number_reservations?page[size]=251", 400);
    await expectValid("collection", "get", "/number_reservations", 401, { apiKey: null });
    await expectValid("item", "get", `/number_reservations/${someId}`, 404);
    await expectValid("item", "get", `/number_reservations/${someId}`, 401, { apiKey: "nope" });
    await expectValid("extend", "post", `/number_reservations/${someId}/actions/extend`, 404);

    const created = (await (await emulator.request("POST", "/number_reservations", createJson(["+19705550001"]))).json()) as {
      data: NumberReservation;
    };
    await emulator.control.advanceClock(3600);
    await expectValid("extend", "post", `/number_reservations/${created.data.id}/actions/extend`, 422);

    await emulator.control.addFault({ count: 3, status: 500 });
    await expectValid("collection", "post", "/number_reservations", 500, createJson(["+19705550002"]));
    await expectValid("item", "get", `/number_reservations/${someId}`, 500);
    await expectValid("extend", "post", `/number_reservations/${someId}/actions/extend`, 500);

    await emulator.control.addFault({ count: 1, status: 503 });
    await expectValid("collection", "get", "/number_reservations", 503);
    await emulator.control.addFault({ count: 1, status: 429, retryAfterSeconds: 1 });
    await expectValid("collection", "get", "/number_reservations", 429);
    await emulator.control.setRateLimit(1);
    await emulator.request("GET", "/number_reservations");
    await expectValid("collection", "get", "/number_reservations", 429);
    await emulator.control.setRateLimit(0);

    await expectValid("none", "get", "/phone_numbers", 404);
    await expectValid("none", "post", `/number_reservations/${someId}`, 404);
  });

  it("control-API errors are Telnyx-shaped too", async () => {
    for (const [url, init, status] of [
      ["/__emulator/clock/advance", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }, 400],
      ["/__emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: -1 }) }, 422],
      ["/__emulator/unknown", { method: "GET" }, 404],
    ] as const) {
      const response = await fetch(emulator.origin + url, init);
      expect(response.status).toBe(status);
      const body: unknown = await response.json();
      published.check("none", "get", status, body);
      strict.check("none", "get", status, body);
    }
  });
});

describe("search answers against the OpenAPI spec (available-phone-numbers.openapi.json)", () => {
  let published: SpecResponses;
  let strict: SpecResponses;

  beforeAll(() => {
    const spec = loadSpec(SEARCH_SPEC_PATH);
    published = new SpecResponses(spec);
    strict = new SpecResponses(strictVariant(spec) as Json);
  });

  async function expectValid(urlPath: string, expectedStatus: number, options: Parameters<typeof emulator.request>[2] = {}): Promise<unknown> {
    const response = await emulator.request("GET", urlPath, options);
    expect(response.status).toBe(expectedStatus);
    const body: unknown = await response.json();
    published.check("search", "get", expectedStatus, body);
    strict.check("search", "get", expectedStatus, body);
    return body;
  }

  it("the validator rejects bodies that break the spec (it is not vacuous)", () => {
    expect(() => strict.check("search", "get", 200, { data: [{ record_type: "number" }] })).toThrow(/allowed values/);
    expect(() => strict.check("search", "get", 200, { data: [{ region_information: [{ region_type: "city" }] }] })).toThrow(/allowed values/);
    expect(() => strict.check("search", "get", 200, { data: [{ monthly_cost: "1.00" }] })).toThrow(/additional/);
    expect(() => published.check("search", "get", 200, { meta: { total_results: "1" } })).toThrow(/integer/);
  });

  it("exact, near (best effort), toll-free, empty and limited answers: 200", async () => {
    const body = (await expectValid("/available_phone_numbers?filter[country_code]=US&filter[locality]=Denver", 200)) as { data: unknown[] };
    expect(body.data.length).toBeGreaterThan(0);
    await expectValid("/available_phone_numbers?filter[locality]=Loveland&filter[features]=fax&filter[best_effort]=true", 200);
    await expectValid("/available_phone_numbers?filter[phone_number_type]=toll_free&filter[quickship]=true", 200);
    await expectValid("/available_phone_numbers?filter[country_code]=GB", 200);
    await expectValid("/available_phone_numbers?filter[limit]=1", 200);
  });

  it("errors: a bad filter (400), no credentials (401), a fault (500)", async () => {
    await expectValid("/available_phone_numbers?filter[limit]=0", 400);
    await expectValid("/available_phone_numbers?filter[colour]=red", 400);
    await expectValid("/available_phone_numbers", 401, { apiKey: null });
    await emulator.control.addFault({ count: 1, status: 500 });
    await expectValid("/available_phone_numbers", 500);
  });
});

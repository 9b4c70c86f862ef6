/**
 * The programs the bench runs: N reservations, and the engine's floor, N
 * dynamic resources whose provider does nothing. Both are TypeScript programs
 * in the harness's programs folder, so both providers are module exports found
 * in node_modules and serialized as a `require` (the same style).
 */
import { DYNAMIC_RESOURCE_TOKEN } from "../provider/type-tokens";
import { program } from "../testing/programs";

/**
 * `numbers` (config) → one NumberReservation each, as in the harness's
 * MANY_RESERVATIONS, plus two optional knobs the bench needs on the same
 * stack: `extendTrigger` (changing it extends every reservation once) and
 * `adopt` (an `import` value per reservation: an id or a held number).
 */
export const RESERVATIONS = `
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();
const numbers = config.requireObject<string[]>("numbers");
const adopt = config.getObject<string[]>("adopt");
const extendTrigger = config.get("extendTrigger");
export const ids = numbers.map(
  (n, i) =>
    new NumberReservation(
      "line-" + i,
      { phoneNumbers: [n], customerReference: "bulk-" + i, ...(extendTrigger ? { extendTrigger } : {}) },
      adopt ? { import: adopt[i] } : {},
    ).reservationId,
);
`;

/** One search resource: `count` (config) numbers found in area code 970 and held in one reservation. */
export const SEARCH_RESERVATION = `
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const count = new pulumi.Config().requireNumber("count");
export const ids = [new NumberReservation("found", { search: { countryCode: "US", nationalDestinationCode: "970", count } }).reservationId];
`;

/**
 * The baseline: \`count\` dynamic resources of a provider exported by a module in node_modules.
 * Setting or changing \`trigger\` (config) updates every one of them (the engine's own diff of inputs).
 */
export const NOOP_RESOURCES = `
import * as pulumi from "@pulumi/pulumi";
const provider: pulumi.dynamic.ResourceProvider = require("bench-noop-provider");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const trigger = config.get("trigger");
export const ids = Array.from({ length: count }, (_, i) => new pulumi.dynamic.Resource(provider, "noop-" + i, trigger ? { trigger } : {}, {}, "bench", "Noop").id);
`;

/** The same baseline with the provider written in the program: Pulumi serializes it by value. */
export const INLINE_NOOP_RESOURCES = `
import * as pulumi from "@pulumi/pulumi";
let n = 0;
const provider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "x" + n++, outs: {} };
  },
};

const count = new pulumi.Config().requireNumber("count");
export const ids = Array.from({ length: count }, (_, i) => new pulumi.dynamic.Resource(provider, "noop-" + i, {}, {}, "bench", "Noop").id);
`;

/**
 * A stand-in with the shape of a reservation and none of its work: the same
 * resource type, the same properties as NumberReservation's constructor
 * registers (`registeredProperties` of provider/properties.ts, loaded from the
 * installed package: the one definition), created the way it is (a
 * `CustomResource` carrying a one-line `require` of its provider, one constructor
 * frame, no promise stacks while it registers),
 * and a create that returns reservation-like outputs at once without any API
 * call. Its time minus the no-op's is what the resource's shape costs the
 * program and the engine; a reservation's time minus its time is the
 * provider's own work (HTTP, settling).
 */
export const FAKE_RESERVATIONS = `
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
const installed = path.dirname(require.resolve("pulumi-telnyx-reservations/package.json"));
const { registeredProperties } = require(path.join(installed, "dist/provider/properties.js"));

// As NumberReservation stores its provider when installed: one line requiring the package by name.
const providerText = 'exports.handler = () => require("bench-fake-reservation");\\n';

class FakeReservation extends pulumi.CustomResource {
  constructor(name: string, args: { phoneNumbers: string[]; customerReference?: string }, opts: pulumi.CustomResourceOptions = {}) {
    const { import: adopt, ...rest } = opts;
    const { props, unset } = registeredProperties(args, adopt);
    props.__provider = providerText;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // as NumberReservation does while it registers
    try {
      super("${DYNAMIC_RESOURCE_TOKEN}", name, props, rest);
    } finally {
      Error.stackTraceLimit = limit;
    }
    for (const output of unset) (this as any)[output] = pulumi.output(undefined);
  }
}

const numbers = new pulumi.Config().requireObject<string[]>("numbers");
export const ids = numbers.map((n, i) => new FakeReservation("line-" + i, { phoneNumbers: [n], customerReference: "bulk-" + i }).id);
`;

/**
 * Shaped like users' programs (issue 22): every reservation its own number,
 * `customerReference` and `keepAliveWindow`; the stack exports every
 * reservation's id and expiry as two arrays, and lists reservations once
 * (one customer reference) through the SDK's lookup.
 */
export const USERS_RESERVATIONS = `
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation, listNumberReservationsOutput } from "pulumi-telnyx-reservations";

const numbers = new pulumi.Config().requireObject<string[]>("numbers");
const lines = numbers.map(
  (n, i) => new NumberReservation("line-" + i, { phoneNumbers: [n], customerReference: "customer-" + i, keepAliveWindow: "10m" }),
);
export const reservationIds = lines.map((r) => r.reservationId);
export const expiresAt = lines.map((r) => r.expiresAt);
export const firstCustomer = listNumberReservationsOutput({ customerReference: "customer-0" }).apply((rs) => rs.length);
`;

/**
 * The floor for that shape: N no-op dynamic resources (module provider) given the same inputs (the
 * engine stores them), exporting two arrays of N values too.
 */
export const USERS_FLOOR = `
import * as pulumi from "@pulumi/pulumi";
const provider: pulumi.dynamic.ResourceProvider = require("bench-noop-provider");

const numbers = new pulumi.Config().requireObject<string[]>("numbers");
const resources = numbers.map(
  (n, i) => new pulumi.dynamic.Resource(provider, "noop-" + i, { phoneNumbers: [n], customerReference: "customer-" + i, keepAliveWindow: "10m" }, {}, "bench", "Noop"),
);
export const ids = resources.map((r) => r.id);
export const urns = resources.map((r) => r.urn);
`;

const FAKE_PACKAGE: Record<string, string> = {
  "node_modules/bench-fake-reservation/package.json": JSON.stringify({ name: "bench-fake-reservation", version: "1.0.0", main: "index.js" }),
  // Its outputs are what the real provider stores (toOutputs, then compactOutputs), from the installed package.
  "node_modules/bench-fake-reservation/index.js": `"use strict";
const crypto = require("crypto");
const path = require("path");
const installed = path.dirname(require.resolve("pulumi-telnyx-reservations/package.json"));
const { toOutputs } = require(path.join(installed, "dist/provider/reservation-state.js"));
const { compactOutputs } = require(path.join(installed, "dist/provider/stored-outputs.js"));
module.exports = {
  async create(inputs) {
    const now = Date.now();
    const at = (ms) => new Date(ms).toISOString().replace("Z", "000Z");
    const expired_at = at(now + 1800000);
    const id = crypto.randomUUID();
    const record = {
      id,
      record_type: "number_reservation",
      status: "success",
      customer_reference: inputs.customerReference,
      phone_numbers: inputs.phoneNumbers.map((phone_number) => ({ id: crypto.randomUUID(), phone_number, status: "success", expired_at })),
      created_at: at(now),
      updated_at: at(now),
    };
    return { id, outs: compactOutputs(id, toOutputs(inputs, record)) };
  },
};
`,
};

/** The no-op provider as a package in the program's node_modules; create returns at once. */
const NOOP_PACKAGE: Record<string, string> = {
  "node_modules/bench-noop-provider/package.json": JSON.stringify({ name: "bench-noop-provider", version: "1.0.0", main: "index.js" }),
  "node_modules/bench-noop-provider/index.js": `"use strict";
let n = 0;
module.exports = {
  async create() {
    return { id: "x" + n++, outs: {} };
  },
  async update() {
    return { outs: {} };
  },
};
`,
};

export type ProgramKind = "reservations" | "noop" | "inline-noop" | "fake" | "users" | "users-floor" | "search";

/** Files of a project running `kind`. */
export function benchProgram(kind: ProgramKind): Record<string, string> {
  switch (kind) {
    case "reservations":
      return program("bench-reservations", RESERVATIONS);
    case "noop":
      return { ...program("bench-noop", NOOP_RESOURCES), ...NOOP_PACKAGE };
    case "inline-noop":
      return program("bench-inline-noop", INLINE_NOOP_RESOURCES);
    case "fake":
      return { ...program("bench-fake", FAKE_RESERVATIONS), ...FAKE_PACKAGE };
    case "users":
      return program("bench-users", USERS_RESERVATIONS);
    case "users-floor":
      return { ...program("bench-users-floor", USERS_FLOOR), ...NOOP_PACKAGE };
    case "search":
      return program("bench-search", SEARCH_RESERVATION);
  }
}

/** Type token of each kind's resources in state. */
export const RESOURCE_TYPE: Record<ProgramKind, string> = {
  reservations: DYNAMIC_RESOURCE_TOKEN,
  noop: "pulumi-nodejs:dynamic/bench:Noop",
  "inline-noop": "pulumi-nodejs:dynamic/bench:Noop",
  fake: DYNAMIC_RESOURCE_TOKEN,
  users: DYNAMIC_RESOURCE_TOKEN,
  "users-floor": "pulumi-nodejs:dynamic/bench:Noop",
  search: DYNAMIC_RESOURCE_TOKEN,
};

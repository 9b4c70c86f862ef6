/**
 * What each route does, on the state of one emulator. The Telnyx number-reservation operations
 * under /v2 (authentication, faults and rate limiting happen before these handlers run):
 *   POST /v2/number_reservations                      create  -> 200 {data}
 *   GET  /v2/number_reservations                      list    -> 200 {data, meta}
 *   GET  /v2/number_reservations/{id}                 retrieve-> 200 {data} | 404
 *   POST /v2/number_reservations/{id}/actions/extend  extend  -> 200 {data} | 404 | 422
 *   GET  /v2/available_phone_numbers                  search  -> 200 {data, meta} | 400
 * and the control API under /__emulator, the documented contract tests use to drive the emulator
 * (see docs/emulator.md): no authentication, not logged, faulted or limited. Control lists answer
 * `{data}` (the request log adds `dropped`), commands without a result `{ok: true}`, scalar state
 * a plain object. Reservations and found numbers are rendered here as the wire records of Telnyx's spec.
 */

import { EmulatorClock, ReservationStore, reservationStatus, type StoredNumber, type StoredReservation } from "./domain";
import { formatTimestamp, type HttpResult, type Route } from "./http";
import {
  parseClockAdvance,
  parseCreateReservation,
  parseFaultRule,
  parseInventoryNumbers,
  parseJsonObject,
  parseListQuery,
  parsePhoneNumberList,
  parseRateLimit,
  parseSearchQuery,
  parseSettings,
  type JsonObject,
  type ListQuery,
} from "./input";
import { Inventory, type InventoryNumber, type SearchQuery } from "./inventory";
import { FaultInjector, RateLimiter, RequestLog } from "./traffic";
import type { AvailableNumbersMeta, AvailablePhoneNumber, EmulatorSettings, NumberReservation, PaginationMeta, ReservedPhoneNumber } from "./types";

// ---- the state routes act on --------------------------------------------------------------------

/**
 * Everything one emulator instance remembers, gathered so that the API, the control API and
 * `reset` all act on the same objects.
 */
export class EmulatorState {
  /** The clock every time-dependent rule reads. */
  readonly clock = new EmulatorClock();
  /** Reservations and unavailable numbers. */
  readonly store = new ReservationStore();
  /** The numbers a search can find, and those taken by another customer. */
  readonly inventory = new Inventory();
  /** Active fault rules. */
  readonly faults = new FaultInjector();
  /** The optional /v2 rate limit. */
  readonly rateLimiter = new RateLimiter();
  /** Log of /v2 requests. */
  readonly requestLog = new RequestLog();
  /** Current timing settings. */
  settings: EmulatorSettings;

  /**
   * @param initialSettings settings at start, restored by {@link reset}
   * @param apiKey the only accepted bearer token, or undefined to accept any non-empty one
   */
  constructor(
    private readonly initialSettings: EmulatorSettings,
    readonly apiKey: string | undefined,
  ) {
    this.settings = { ...initialSettings };
  }

  /** Back to the state right after start: no reservations, faults, limit or log; real time. */
  reset(): void {
    this.clock.reset();
    this.store.reset();
    this.inventory.reset();
    this.faults.clear();
    this.rateLimiter.set(0);
    this.requestLog.clear();
    this.settings = { ...this.initialSettings };
  }
}

// ---- wire records -------------------------------------------------------------------------------

/*
 * Before settlement everything reads `pending` and outcomes are hidden; after it, each number
 * shows its outcome and the reservation is `success` only if every number's hold succeeded.
 */

/** The wire record of a reservation as seen at `nowMs`. */
function renderReservation(reservation: StoredReservation, nowMs: number): NumberReservation {
  const settled = nowMs >= reservation.settlesAtMs;
  // Settlement is itself a change, so it moves updated_at once it has happened.
  const changedAt = (updatedAtMs: number): string =>
    formatTimestamp(settled ? Math.max(updatedAtMs, reservation.settlesAtMs) : updatedAtMs);
  const status = reservationStatus(reservation, nowMs);
  return {
    id: reservation.id,
    record_type: "number_reservation",
    phone_numbers: reservation.numbers.map((n) => renderNumber(n, reservation, settled, changedAt)),
    status,
    ...(reservation.customerReference !== undefined ? { customer_reference: reservation.customerReference } : {}),
    created_at: formatTimestamp(reservation.createdAtMs),
    updated_at: changedAt(reservation.updatedAtMs),
  };
}

function renderNumber(
  number: StoredNumber,
  reservation: StoredReservation,
  settled: boolean,
  changedAt: (updatedAtMs: number) => string,
): ReservedPhoneNumber {
  return {
    id: number.id,
    record_type: "reserved_phone_number",
    phone_number: number.phoneNumber,
    status: settled ? number.outcome : "pending",
    ...(settled && number.error !== undefined ? { errors: number.error } : {}),
    created_at: formatTimestamp(reservation.createdAtMs),
    updated_at: changedAt(number.updatedAtMs),
    expired_at: formatTimestamp(number.expiresAtMs),
  };
}

/** One page of results with its `meta`. */
interface ListPage {
  /** The reservations on the page. */
  data: NumberReservation[];
  /** Pagination block. */
  meta: PaginationMeta;
}

/**
 * The requested page of the reservations (creation order) matching the query, rendered at the
 * emulator's now. Only the page is rendered: with 150 000 reservations, a one-item page does not
 * render them all. A page past the end is empty; `total_pages` is 0 when nothing matches, which
 * ends any page loop at once.
 */
function listPage(state: EmulatorState, query: ListQuery): ListPage {
  const nowMs = state.clock.nowMs();
  const matching = state.store.find(query, nowMs);
  const start = (query.pageNumber - 1) * query.pageSize;
  return {
    data: matching.slice(start, start + query.pageSize).map((r) => renderReservation(r, nowMs)),
    meta: {
      page_number: query.pageNumber,
      page_size: query.pageSize,
      total_pages: Math.ceil(matching.length / query.pageSize),
      total_results: matching.length,
    },
  };
}

/** The wire record of a number a search found. */
function renderAvailableNumber(number: InventoryNumber, bestEffort: boolean): AvailablePhoneNumber {
  const regions: Array<[AvailablePhoneNumber["region_information"][number]["region_type"], string | undefined]> = [
    ["rate_center", number.rateCenter],
    ["location", number.locality],
    ["state", number.administrativeArea],
    ["country_code", number.countryCode],
  ];
  return {
    record_type: "available_phone_number",
    phone_number: number.phoneNumber,
    vanity_format: "",
    best_effort: bestEffort,
    quickship: number.quickship,
    reservable: number.reservable,
    region_information: regions.flatMap(([region_type, region_name]) => (region_name === undefined ? [] : [{ region_type, region_name }])),
    cost_information: { currency: number.currency, monthly_cost: number.monthlyCost, upfront_cost: number.upfrontCost },
    features: number.features.map((name) => ({ name })),
  };
}

/**
 * A search at the emulator's now. Marked-unavailable numbers are never shown (nobody can hold
 * them); with `exclude_held_numbers`, neither are numbers a live or pending reservation holds.
 */
function search(state: EmulatorState, query: SearchQuery): { data: AvailablePhoneNumber[]; meta: AvailableNumbersMeta } {
  const nowMs = state.clock.nowMs();
  const unlisted = (phoneNumber: string) =>
    state.store.isUnavailable(phoneNumber) || (query.excludeHeldNumbers === true && state.store.isHeldNow(phoneNumber, nowMs));
  const result = state.inventory.search(query, unlisted);
  return {
    data: result.numbers.map(({ number, bestEffort }) => renderAvailableNumber(number, bestEffort)),
    meta: { total_results: result.totalResults, best_effort_results: result.bestEffortResults },
  };
}

// ---- /v2 ----------------------------------------------------------------------------------------

/** What a /v2 handler gets to work with. */
export interface ApiContext {
  /** The emulator's state. */
  state: EmulatorState;
  /** Decoded query parameters. */
  query: URLSearchParams;
  /** Reads the request body (only create needs it). */
  readBody(): Promise<string>;
}

function dataResult(state: EmulatorState, reservation: StoredReservation): HttpResult {
  return { status: 200, body: { data: renderReservation(reservation, state.clock.nowMs()) } };
}

/** The /v2 route table. */
export const API_ROUTES: ReadonlyArray<Route<ApiContext>> = [
  {
    method: "POST",
    pattern: /^\/v2\/number_reservations\/?$/,
    async handle({ state, readBody }) {
      const input = parseCreateReservation(parseJsonObject(await readBody()));
      const refusal = (phoneNumber: string) => state.inventory.holdRefusal(phoneNumber);
      return dataResult(state, state.store.create(input, state.clock.nowMs(), state.settings, refusal));
    },
  },
  {
    method: "GET",
    pattern: /^\/v2\/number_reservations\/?$/,
    handle({ state, query }) {
      return { status: 200, body: listPage(state, parseListQuery(query)) };
    },
  },
  {
    method: "GET",
    pattern: /^\/v2\/number_reservations\/([^/]+)\/?$/,
    handle({ state }, [id]) {
      return dataResult(state, state.store.get(id));
    },
  },
  {
    method: "POST",
    pattern: /^\/v2\/number_reservations\/([^/]+)\/actions\/extend\/?$/,
    handle({ state }, [id]) {
      return dataResult(state, state.store.extend(id, state.clock.nowMs(), state.settings.extendSeconds));
    },
  },
  {
    method: "GET",
    pattern: /^\/v2\/available_phone_numbers\/?$/,
    handle({ state, query }) {
      return { status: 200, body: search(state, parseSearchQuery(query)) };
    },
  },
];

// ---- /__emulator --------------------------------------------------------------------------------

/** What a control handler gets to work with. */
export interface ControlContext {
  /** The emulator's state. */
  state: EmulatorState;
  /** Reads and parses the body as a JSON object (empty body = `{}`). */
  readJson(): Promise<JsonObject>;
}

const ok = (body: unknown): HttpResult => ({ status: 200, body });
const done = (): HttpResult => ok({ ok: true });
const clockNow = (state: EmulatorState): HttpResult => ok({ now: formatTimestamp(state.clock.nowMs()) });
const unavailable = (state: EmulatorState): HttpResult => ok({ phone_numbers: state.store.unavailableNumbers() });
const taken = (state: EmulatorState): HttpResult => ok({ phone_numbers: state.inventory.takenNumbers() });
const inventory = (state: EmulatorState): HttpResult => ok({ data: state.inventory.all() });
const rateLimit = (state: EmulatorState): HttpResult => ok({ requestsPerSecond: state.rateLimiter.requestsPerSecond });

/** The control route table. */
export const CONTROL_ROUTES: ReadonlyArray<Route<ControlContext>> = [
  {
    method: "POST",
    pattern: /^\/__emulator\/reset\/?$/,
    handle({ state }) {
      state.reset();
      return done();
    },
  },
  { method: "GET", pattern: /^\/__emulator\/clock\/?$/, handle: ({ state }) => clockNow(state) },
  {
    method: "POST",
    pattern: /^\/__emulator\/clock\/advance\/?$/,
    async handle({ state, readJson }) {
      state.clock.advance(parseClockAdvance(await readJson(), state.clock.remainingAdvanceSeconds));
      return clockNow(state);
    },
  },
  { method: "GET", pattern: /^\/__emulator\/numbers\/unavailable\/?$/, handle: ({ state }) => unavailable(state) },
  {
    method: "POST",
    pattern: /^\/__emulator\/numbers\/unavailable\/?$/,
    async handle({ state, readJson }) {
      state.store.markUnavailable(parsePhoneNumberList(await readJson()));
      return unavailable(state);
    },
  },
  { method: "GET", pattern: /^\/__emulator\/numbers\/taken\/?$/, handle: ({ state }) => taken(state) },
  {
    method: "POST",
    pattern: /^\/__emulator\/numbers\/taken\/?$/,
    async handle({ state, readJson }) {
      state.inventory.take(parsePhoneNumberList(await readJson()));
      return taken(state);
    },
  },
  { method: "GET", pattern: /^\/__emulator\/inventory\/?$/, handle: ({ state }) => inventory(state) },
  {
    method: "POST",
    pattern: /^\/__emulator\/inventory\/?$/,
    async handle({ state, readJson }) {
      state.inventory.add(parseInventoryNumbers(await readJson()));
      return inventory(state);
    },
  },
  {
    method: "POST",
    pattern: /^\/__emulator\/inventory\/remove\/?$/,
    async handle({ state, readJson }) {
      state.inventory.remove(parsePhoneNumberList(await readJson()));
      return inventory(state);
    },
  },
  { method: "GET", pattern: /^\/__emulator\/faults\/?$/, handle: ({ state }) => ok({ data: state.faults.list() }) },
  {
    method: "POST",
    pattern: /^\/__emulator\/faults\/?$/,
    async handle({ state, readJson }) {
      return ok({ data: state.faults.add(parseFaultRule(await readJson())) });
    },
  },
  {
    method: "DELETE",
    pattern: /^\/__emulator\/faults\/?$/,
    handle({ state }) {
      state.faults.clear();
      return done();
    },
  },
  { method: "GET", pattern: /^\/__emulator\/rate-limit\/?$/, handle: ({ state }) => rateLimit(state) },
  {
    method: "POST",
    pattern: /^\/__emulator\/rate-limit\/?$/,
    async handle({ state, readJson }) {
      state.rateLimiter.set(parseRateLimit(await readJson()));
      return rateLimit(state);
    },
  },
  { method: "GET", pattern: /^\/__emulator\/settings\/?$/, handle: ({ state }) => ok(state.settings) },
  {
    method: "POST",
    pattern: /^\/__emulator\/settings\/?$/,
    async handle({ state, readJson }) {
      state.settings = { ...state.settings, ...parseSettings(await readJson()) };
      return ok(state.settings);
    },
  },
  { method: "GET", pattern: /^\/__emulator\/requests\/?$/, handle: ({ state }) => ok({ data: state.requestLog.list(), dropped: state.requestLog.dropped }) },
  {
    method: "DELETE",
    pattern: /^\/__emulator\/requests\/?$/,
    handle({ state }) {
      state.requestLog.clear();
      return done();
    },
  },
  {
    method: "GET",
    pattern: /^\/__emulator\/reservations\/?$/,
    handle({ state }) {
      const nowMs = state.clock.nowMs();
      return ok({ data: state.store.all().map((r) => renderReservation(r, nowMs)) });
    },
  },
];

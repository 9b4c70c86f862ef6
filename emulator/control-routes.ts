/**
 * The control API under /__emulator: the documented contract tests use to drive the emulator
 * (see docs/emulator.md). No authentication; requests here are not logged, faulted or limited.
 * Lists answer `{data}` (the request log adds `dropped`), commands without a result `{ok: true}`,
 * scalar state a plain object.
 */

import type { EmulatorState } from "./emulator-state";
import { formatTimestamp } from "./clock";
import {
  parseClockAdvance,
  parseFaultRule,
  parseRateLimit,
  parseSettings,
  parseUnavailableNumbers,
} from "./control-input";
import type { HttpResult } from "./http-io";
import type { JsonObject } from "./json-input";
import { renderReservation } from "./reservation-view";
import type { Route } from "./route-table";

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
      state.store.markUnavailable(parseUnavailableNumbers(await readJson()));
      return unavailable(state);
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

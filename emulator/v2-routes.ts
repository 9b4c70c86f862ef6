/**
 * The Telnyx number-reservation operations the emulator serves under /v2:
 *   POST /v2/number_reservations                      create  -> 200 {data}
 *   GET  /v2/number_reservations                      list    -> 200 {data, meta}
 *   GET  /v2/number_reservations/{id}                 retrieve-> 200 {data} | 404
 *   POST /v2/number_reservations/{id}/actions/extend  extend  -> 200 {data} | 404 | 422
 * Authentication, faults and rate limiting happen before these handlers run.
 */

import type { EmulatorState } from "./emulator-state";
import type { HttpResult } from "./http-io";
import { parseJsonObject } from "./json-input";
import { parseCreateReservation } from "./create-request";
import { listPage, parseListQuery } from "./list-query";
import { renderReservation } from "./reservation-view";
import type { StoredReservation } from "./reservation-store";
import type { Route } from "./route-table";

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
      return dataResult(state, state.store.create(input, state.clock.nowMs(), state.settings));
    },
  },
  {
    method: "GET",
    pattern: /^\/v2\/number_reservations\/?$/,
    handle({ state, query }) {
      return { status: 200, body: listPage(state.store, parseListQuery(query), state.clock.nowMs()) };
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
];

/**
 * The query of `GET /v2/number_reservations`: the flat `filter[...]` and `page[...]` parameters
 * of Telnyx's spec (brackets literal or percent-encoded, both arrive decoded here), their checks,
 * and filtering plus pagination of rendered reservations. Unknown `filter[...]`/`page[...]`
 * parameters are rejected so that a client's typo cannot pass for "no filter". Filters are
 * judged on stored reservations and only the page is rendered: with 150 000 reservations, a
 * one-item page no longer renders them all (the store's indexes narrow number and reference).
 */

import { ApiError } from "./api-errors";
import type { ReservationStore, StoredReservation } from "./reservation-store";
import { renderReservation, reservationStatus } from "./reservation-view";
import type { NumberReservation, PaginationMeta } from "./types";

/** A checked list query. */
export interface ListQuery {
  /** `filter[status]`: exact reservation status. */
  status?: string;
  /** `filter[customer_reference]`: exact customer reference. */
  customerReference?: string;
  /** `filter[phone_numbers.phone_number]`: reservations with this number among theirs. */
  phoneNumber?: string;
  /** `filter[created_at][gt]`: created strictly after (epoch ms). */
  createdAfterMs?: number;
  /** `filter[created_at][lt]`: created strictly before (epoch ms). */
  createdBeforeMs?: number;
  /** `page[number]`, 1-based (default 1). */
  pageNumber: number;
  /** `page[size]`, 1..250 (default 20). */
  pageSize: number;
}

/** One page of results with its `meta`. */
export interface ListPage {
  /** The reservations on the page. */
  data: NumberReservation[];
  /** Pagination block. */
  meta: PaginationMeta;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 250;
/** The spec's `page[number]` is an integer; the largest 32-bit one keeps every offset exact. */
const MAX_PAGE_NUMBER = 2_147_483_647;

/**
 * ISO-8601 calendar date, optionally with a time (minutes, seconds, fraction) and a zone. Other
 * forms Date.parse takes ("1", "Tue, 01 Dec 2026") would be a silent surprise to the client.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const KNOWN_PARAMETERS = [
  "filter[status]",
  "filter[customer_reference]",
  "filter[phone_numbers.phone_number]",
  "filter[created_at][gt]",
  "filter[created_at][lt]",
  "page[number]",
  "page[size]",
];

function badParameter(parameter: string, detail: string): ApiError {
  return ApiError.of(400, "badRequest", detail, { parameter });
}

function readPositiveInteger(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= max)) throw badParameter(name, `${name} must be a whole number from 1 to ${max}.`);
  return value;
}

/** Whether year, month and day name a real calendar day (Date.parse rolls 2026-02-30 over to March). */
function isCalendarDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

function readDate(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const match = ISO_DATE_TIME.exec(raw);
  const ms = match && isCalendarDay(match[1], match[2], match[3]) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) {
    throw badParameter(name, `${name} must be an ISO-8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.`);
  }
  return ms;
}

function optional(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined;
}

/** Parses and checks the list query; throws a 400 naming the offending parameter. */
export function parseListQuery(params: URLSearchParams): ListQuery {
  for (const name of params.keys()) {
    if ((name.startsWith("filter[") || name.startsWith("page[")) && !KNOWN_PARAMETERS.includes(name)) {
      throw badParameter(name, `Unknown query parameter ${name}; supported: ${KNOWN_PARAMETERS.join(", ")}.`);
    }
  }
  return {
    status: optional(params, "filter[status]"),
    customerReference: optional(params, "filter[customer_reference]"),
    phoneNumber: optional(params, "filter[phone_numbers.phone_number]"),
    createdAfterMs: readDate(params, "filter[created_at][gt]"),
    createdBeforeMs: readDate(params, "filter[created_at][lt]"),
    pageNumber: readPositiveInteger(params, "page[number]", 1, MAX_PAGE_NUMBER),
    pageSize: readPositiveInteger(params, "page[size]", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** Whether the query filters on anything the indexes do not answer exactly. */
function needsScan(query: ListQuery): boolean {
  const unindexed = [query.status, query.createdAfterMs, query.createdBeforeMs].some((value) => value !== undefined);
  return unindexed || (query.phoneNumber !== undefined && query.customerReference !== undefined);
}

function matches(reservation: StoredReservation, query: ListQuery, nowMs: number): boolean {
  // created_at shows whole milliseconds (a Date truncates), and the filters compare what it shows.
  const createdMs = Math.trunc(reservation.createdAtMs);
  return (
    (query.status === undefined || reservationStatus(reservation, nowMs) === query.status) &&
    (query.customerReference === undefined || reservation.customerReference === query.customerReference) &&
    (query.phoneNumber === undefined || reservation.numbers.some((n) => n.phoneNumber === query.phoneNumber)) &&
    (query.createdAfterMs === undefined || createdMs > query.createdAfterMs) &&
    (query.createdBeforeMs === undefined || createdMs < query.createdBeforeMs)
  );
}

/**
 * The requested page of the store's reservations (creation order) matching the query, rendered
 * at `nowMs`. A page past the end is empty; `total_pages` is 0 when nothing matches, which ends
 * any page loop at once.
 */
export function listPage(store: ReservationStore, query: ListQuery, nowMs: number): ListPage {
  const candidates = store.candidates(query);
  const matching = needsScan(query) ? candidates.filter((r) => matches(r, query, nowMs)) : candidates;
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

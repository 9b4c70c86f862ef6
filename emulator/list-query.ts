/**
 * The query of `GET /v2/number_reservations`: the flat `filter[...]` and `page[...]` parameters
 * of Telnyx's spec (brackets literal or percent-encoded, both arrive decoded here), their checks,
 * and filtering plus pagination of rendered reservations. Unknown `filter[...]`/`page[...]`
 * parameters are rejected so that a client's typo cannot pass for "no filter".
 */

import { ApiError } from "./api-errors";
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

function readPositiveInteger(params: URLSearchParams, name: string, fallback: number, max?: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const range = max === undefined ? "a whole number of at least 1" : `a whole number from 1 to ${max}`;
  if (!/^\d+$/.test(raw)) throw badParameter(name, `${name} must be ${range}.`);
  const value = Number(raw);
  if (value < 1 || (max !== undefined && value > max)) throw badParameter(name, `${name} must be ${range}.`);
  return value;
}

function readDate(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw badParameter(name, `${name} must be an ISO-8601 date-time.`);
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
    pageNumber: readPositiveInteger(params, "page[number]", 1),
    pageSize: readPositiveInteger(params, "page[size]", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

function matches(reservation: NumberReservation, query: ListQuery): boolean {
  const createdMs = Date.parse(reservation.created_at);
  return (
    (query.status === undefined || reservation.status === query.status) &&
    (query.customerReference === undefined || reservation.customer_reference === query.customerReference) &&
    (query.phoneNumber === undefined || reservation.phone_numbers.some((n) => n.phone_number === query.phoneNumber)) &&
    (query.createdAfterMs === undefined || createdMs > query.createdAfterMs) &&
    (query.createdBeforeMs === undefined || createdMs < query.createdBeforeMs)
  );
}

/**
 * Filters reservations (already in creation order) and cuts the requested page. A page past the
 * end is empty; `total_pages` is 0 when nothing matches, which ends any page loop at once.
 */
export function listPage(reservations: NumberReservation[], query: ListQuery): ListPage {
  const matching = reservations.filter((r) => matches(r, query));
  const start = (query.pageNumber - 1) * query.pageSize;
  return {
    data: matching.slice(start, start + query.pageSize),
    meta: {
      page_number: query.pageNumber,
      page_size: query.pageSize,
      total_pages: Math.ceil(matching.length / query.pageSize),
      total_results: matching.length,
    },
  };
}

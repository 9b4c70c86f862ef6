/**
 * Wire types of the Telnyx number-reservation API, as its OpenAPI spec describes
 * them (the fragment in test/fixtures/telnyx-openapi/). Field names stay in
 * Telnyx's snake_case, to compare a record with the spec or a `curl` at a glance;
 * provider/reservation-state.ts maps them to camelCase, in one place.
 */

/**
 * Status of a reservation or of one of its numbers. The spec's enum is
 * `pending | success | failure`, but Telnyx's docs also mention others
 * (`partial_success`, `failed`), so any string is accepted and treated by meaning.
 */
export type ReservationStatus = "pending" | "success" | "failure" | (string & {});

/**
 * The statuses a list can be filtered by: the spec's enum and the two Telnyx's
 * docs also mention. Closed on purpose, unlike {@link ReservationStatus}: a filter
 * of `"Success"` would match nothing, silently, so it must not compile.
 */
export const RESERVATION_STATUSES = ["pending", "success", "failure", "partial_success", "failed"] as const;
export type ReservationStatusFilter = (typeof RESERVATION_STATUSES)[number];

/** One phone number inside a reservation. */
export interface ReservedPhoneNumber {
  /** Identifier of this number's hold. */
  id?: string;
  record_type?: string;
  /** The number in E.164 (`+19705555098`). */
  phone_number: string;
  /** Outcome of holding this number. */
  status?: ReservationStatus;
  /** When this number's hold lapses (ISO-8601). Holds live per number, not per reservation. */
  expired_at?: string;
  /** Why this number could not be held, e.g. "Number is already on hold". */
  errors?: string;
  created_at?: string;
  updated_at?: string;
}

/** A number reservation. */
export interface NumberReservation {
  /** Reservation id (UUID). */
  id: string;
  record_type?: string;
  /** Overall status; see {@link ReservationStatus}. */
  status?: ReservationStatus;
  /** Free text the owner set at creation, used to find reservations again. */
  customer_reference?: string | null;
  phone_numbers: ReservedPhoneNumber[];
  /** Reservation-level error text, when Telnyx gives one. */
  errors?: string;
  created_at?: string;
  updated_at?: string;
}

/** Body of `POST /number_reservations`. */
export interface CreateReservationRequest {
  phone_numbers: Array<{ phone_number: string }>;
  customer_reference?: string;
}

/** Filters of `GET /number_reservations` (every one the spec lists). */
export interface ReservationFilters {
  /** `filter[status]` */
  status?: string;
  /** `filter[customer_reference]` */
  customerReference?: string;
  /** `filter[phone_numbers.phone_number]`: reservations holding this E.164 number. */
  phoneNumber?: string;
  /** `filter[created_at][gt]`: created after this ISO-8601 time. */
  createdAfter?: string;
  /** `filter[created_at][lt]`: created before this ISO-8601 time. */
  createdBefore?: string;
}

/** Paging of `GET /number_reservations`. */
export interface PageOptions {
  /** `page[number]`, from 1. */
  pageNumber?: number;
  /** `page[size]`, 1 to 250 (Telnyx's default is 20). */
  pageSize?: number;
}

/** `meta` of a list page. */
export interface PaginationMeta {
  page_number?: number;
  page_size?: number;
  total_pages?: number;
  total_results?: number;
}

/** One page of `GET /number_reservations`. */
export interface ReservationPage {
  data: NumberReservation[];
  meta: PaginationMeta;
}

/** Largest `page[size]` Telnyx accepts. */
export const MAX_PAGE_SIZE = 250;

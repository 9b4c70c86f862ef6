/**
 * The client's view of Telnyx's wire types, generated from the OpenAPI spec
 * (wire/): the fields response-shape.ts checks are required here, status is an
 * open string. Field names stay in Telnyx's snake_case, to compare a record with
 * the spec or a `curl` at a glance; provider/reservation-state.ts maps them to
 * camelCase, in one place.
 */
import type {
  WireAvailableNumbersMeta,
  WireAvailablePhoneNumber,
  WireCreateRequest,
  WirePaginationMeta,
  WireReservation,
  WireReservedNumber,
  WireStatus,
} from "../../wire";

/**
 * Status of a reservation or of one of its numbers. The spec's enum is
 * `pending | success | failure`, but Telnyx's docs also mention others
 * (`partial_success`, `failed`), so any string is accepted and treated by meaning.
 */
export type ReservationStatus = WireStatus | (string & {});

/**
 * The statuses a list can be filtered by: the spec's enum and the two Telnyx's
 * docs also mention. Closed on purpose, unlike {@link ReservationStatus}: a filter
 * of `"Success"` would match nothing, silently, so it must not compile.
 */
export const RESERVATION_STATUSES = ["pending", "success", "failure", "partial_success", "failed"] as const;
export type ReservationStatusFilter = (typeof RESERVATION_STATUSES)[number];
/** Fails `tsc` when the spec's enum gains a status the list above lacks. */
type Listed<T extends true> = T;
export type SpecStatusesListed = Listed<[Exclude<WireStatus, ReservationStatusFilter>] extends [never] ? true : false>;

/** One phone number inside a reservation: the spec's, with the fields response-shape.ts guarantees required. */
export type ReservedPhoneNumber = Omit<WireReservedNumber, "phone_number" | "status"> & {
  /** The number in E.164 (`+19705555098`). */
  phone_number: string;
  /** Outcome of holding this number; see {@link ReservationStatus}. */
  status?: ReservationStatus;
};

/** A number reservation: the spec's, with the fields response-shape.ts guarantees required. */
export type NumberReservation = Omit<WireReservation, "id" | "status" | "customer_reference" | "phone_numbers"> & {
  /** Reservation id (UUID). */
  id: string;
  /** Overall status; see {@link ReservationStatus}. */
  status?: ReservationStatus;
  /** Free text the owner set at creation; `null` is accepted from a server and means absent. */
  customer_reference?: string | null;
  phone_numbers: ReservedPhoneNumber[];
};

/** Body of `POST /number_reservations`. */
export type CreateReservationRequest = WireCreateRequest;

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
export type PaginationMeta = WirePaginationMeta;

/** One page of `GET /number_reservations`. */
export interface ReservationPage {
  data: NumberReservation[];
  meta: PaginationMeta;
}

/** Largest `page[size]` Telnyx accepts. */
export const MAX_PAGE_SIZE = 250;

/** A number a search found: the spec's `AvailablePhoneNumber`, with the number required (response-shape.ts checks it). */
export type AvailablePhoneNumber = Omit<WireAvailablePhoneNumber, "phone_number"> & {
  /** The number in E.164. */
  phone_number: string;
};

/** The answer of `GET /available_phone_numbers`. */
export interface AvailablePhoneNumbersPage {
  data: AvailablePhoneNumber[];
  /** Matches in all and near matches among them; `{}` when the server sent none. */
  meta: WireAvailableNumbersMeta;
}

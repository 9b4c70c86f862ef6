/**
 * Read-only lookups shared by the SDK's functions (sdk/lookups.ts) and the
 * native plugin's `telnyx:index:getNumberReservation` and
 * `telnyx:index:listNumberReservations`:
 *
 *   lookupReservation  GET /number_reservations/{id}
 *   listReservations   GET /number_reservations?filter[...]   (every page)
 */
import { RESERVATION_STATUSES, ReservationFilters, ReservationStatusFilter, TelnyxClient, TelnyxInputError } from "./telnyx";
import { ReservationSummary, summarize } from "./reservation-state";
import { toE164 } from "./phone-numbers";

/** Filters of a reservation list; all optional, combined with AND. */
export interface ListNumberReservationsArgs {
  /** `pending`, `success` or `failure` (or `partial_success`, `failed`); lower case, as Telnyx writes them. */
  status?: ReservationStatusFilter;
  /** Exact customer reference. */
  customerReference?: string;
  /** Reservations holding this number (any common format; normalized to E.164). */
  phoneNumber?: string;
  /** Created after this time (ISO-8601 string or Date). */
  createdAfter?: string | Date;
  /** Created before this time (ISO-8601 string or Date). */
  createdBefore?: string | Date;
}

/** The filters, described once for the native schema (tied to the interface below). */
export const LIST_FILTERS = {
  status: "`pending`, `success` or `failure` (or `partial_success`, `failed`); lower case, as Telnyx writes them.",
  customerReference: "Exact customer reference.",
  phoneNumber: "Reservations holding this number (any common format; normalized to E.164).",
  createdAfter: "Created after this time (ISO-8601).",
  createdBefore: "Created before this time (ISO-8601).",
} as const satisfies Record<keyof ListNumberReservationsArgs, string>;

/**
 * One reservation by id. An empty id would ask for `GET /number_reservations/`,
 * which is the list: refuse it here, naming the argument.
 */
export async function lookupReservation(client: TelnyxClient, id: string): Promise<ReservationSummary> {
  if (typeof id !== "string" || id.trim() === "") {
    throw new TelnyxInputError("id", `id must be a non-empty reservation id; got ${JSON.stringify(id)}`);
  }
  return summarize(await client.retrieve(id));
}

/** Every reservation matching `args`, all pages fetched. */
export async function listReservations(client: TelnyxClient, args: ListNumberReservationsArgs = {}): Promise<ReservationSummary[]> {
  return (await client.listAll(toFilters(args))).map(summarize);
}

/** The filters as Telnyx takes them; a wrong one throws before any call. */
function toFilters(args: ListNumberReservationsArgs): ReservationFilters {
  const time = (t?: string | Date) => (t instanceof Date ? t.toISOString() : t);
  return {
    status: checkStatus(args.status),
    customerReference: args.customerReference,
    phoneNumber: args.phoneNumber ? toE164(args.phoneNumber, "phoneNumber") : undefined,
    createdAfter: time(args.createdAfter),
    createdBefore: time(args.createdBefore),
  };
}

/** The type stops a wrong status in TypeScript; this stops it from JavaScript and from the native plugin. */
function checkStatus(status: unknown): ReservationStatusFilter | undefined {
  if (status === undefined || (RESERVATION_STATUSES as readonly unknown[]).includes(status)) return status as ReservationStatusFilter | undefined;
  throw new TelnyxInputError("status", `status ${JSON.stringify(status)} must be one of ${RESERVATION_STATUSES.join(", ")}`);
}

/**
 * Lookups for programs: read reservations that exist at Telnyx without
 * managing them. Each comes as a plain async function and as an
 * Output-returning variant (`…Output`) for use with other resources' outputs.
 *
 *   getNumberReservation    GET /number_reservations/{id}
 *   listNumberReservations  GET /number_reservations?filter[...]   (every page)
 */
import * as pulumi from "@pulumi/pulumi";
import { ReservationFilters } from "../provider/telnyx";
import { ReservationSummary, summarize } from "../provider/reservation-state";
import { toE164 } from "../provider/phone-numbers";
import { LookupOptions, programClient } from "./client-config";

export type { ReservationSummary, LookupOptions };

/** Filters of {@link listNumberReservations}; all optional, combined with AND. */
export interface ListNumberReservationsArgs {
  /** `pending`, `success` or `failure`. */
  status?: string;
  /** Exact customer reference. */
  customerReference?: string;
  /** Reservations holding this number (any common format; normalized to E.164). */
  phoneNumber?: string;
  /** Created after this time (ISO-8601 string or Date). */
  createdAfter?: string | Date;
  /** Created before this time (ISO-8601 string or Date). */
  createdBefore?: string | Date;
}

/** One reservation by id. */
export async function getNumberReservation(id: string, options?: LookupOptions): Promise<ReservationSummary> {
  const client = programClient(options);
  try {
    return summarize(await client.retrieve(id));
  } finally {
    client.close();
  }
}

/** Every reservation matching `args`, all pages fetched. */
export async function listNumberReservations(
  args: ListNumberReservationsArgs = {},
  options?: LookupOptions,
): Promise<ReservationSummary[]> {
  const client = programClient(options);
  try {
    const records = await client.listAll(toFilters(args));
    return records.map(summarize);
  } finally {
    client.close();
  }
}

/** {@link getNumberReservation} for Output inputs. */
export function getNumberReservationOutput(
  id: pulumi.Input<string>,
  options?: LookupOptions,
): pulumi.Output<ReservationSummary> {
  return pulumi.output(id).apply((value) => getNumberReservation(value, options));
}

/** {@link listNumberReservations} for Output inputs. */
export function listNumberReservationsOutput(
  args: pulumi.Input<ListNumberReservationsArgs> = {},
  options?: LookupOptions,
): pulumi.Output<ReservationSummary[]> {
  return pulumi.output(args).apply((value) => listNumberReservations(value as ListNumberReservationsArgs, options));
}

function toFilters(args: ListNumberReservationsArgs): ReservationFilters {
  const time = (t?: string | Date) => (t instanceof Date ? t.toISOString() : t);
  return {
    status: args.status,
    customerReference: args.customerReference,
    phoneNumber: args.phoneNumber ? toE164(args.phoneNumber) : undefined,
    createdAfter: time(args.createdAfter),
    createdBefore: time(args.createdBefore),
  };
}

/**
 * Lookups for programs: read reservations that exist at Telnyx without
 * managing them. Each comes as a plain async function and as an
 * Output-returning variant (`…Output`) for use with other resources' outputs.
 *
 *   getNumberReservation    GET /number_reservations/{id}
 *   listNumberReservations  GET /number_reservations?filter[...]   (every page)
 */
import * as pulumi from "@pulumi/pulumi";
import { ReservationSummary } from "../provider/reservation-state";
import { ListNumberReservationsArgs, listReservations, lookupReservation } from "../provider/lookups";
import { LookupOptions, programClient } from "./client-config";

export type { ReservationSummary, LookupOptions, ListNumberReservationsArgs };

/** One reservation by id. */
export async function getNumberReservation(id: string, options?: LookupOptions): Promise<ReservationSummary> {
  const client = programClient(options);
  try {
    return await lookupReservation(client, id);
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
    return await listReservations(client, args);
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

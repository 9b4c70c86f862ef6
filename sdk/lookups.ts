/**
 * Lookups for programs: read reservations that exist at Telnyx without
 * managing them. Each comes as a plain async function and as an
 * Output-returning variant (`…Output`) for use with other resources' outputs.
 *
 *   getNumberReservation    GET /number_reservations/{id}
 *   listNumberReservations  GET /number_reservations?filter[...]   (every page)
 *   searchAvailablePhoneNumbers  GET /available_phone_numbers?filter[...]   (one call, limited)
 */
import * as pulumi from "@pulumi/pulumi";
import { ReservationSummary } from "../provider/reservation-state";
import {
  AvailableNumber,
  ListNumberReservationsArgs,
  SearchAvailablePhoneNumbersArgs,
  listReservations,
  lookupReservation,
  searchNumbers,
} from "../provider/lookups";
import { LookupOptions, programClient } from "./client-config";

export type { ReservationSummary, LookupOptions, ListNumberReservationsArgs, SearchAvailablePhoneNumbersArgs, AvailableNumber };

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

/**
 * Numbers available now that match `args`, without holding any: by default only reservable
 * numbers the account does not hold yet, at most 20 (`limit`, up to 100). `countryCode` is
 * required; a wrong criterion throws a `TelnyxInputError` naming it before any call.
 */
export async function searchAvailablePhoneNumbers(
  args: SearchAvailablePhoneNumbersArgs,
  options?: LookupOptions,
): Promise<AvailableNumber[]> {
  const client = programClient(options);
  try {
    return (await searchNumbers(client, args)).numbers;
  } finally {
    client.close();
  }
}

/** {@link SearchAvailablePhoneNumbersArgs} where each criterion may be an Output (another resource's, a config secret). */
export type SearchAvailablePhoneNumbersOutputArgs = { [K in keyof SearchAvailablePhoneNumbersArgs]: pulumi.Input<SearchAvailablePhoneNumbersArgs[K]> };

/** {@link searchAvailablePhoneNumbers} for Output inputs: it searches once every criterion is known. */
export function searchAvailablePhoneNumbersOutput(
  args: pulumi.Input<SearchAvailablePhoneNumbersOutputArgs>,
  options?: LookupOptions,
): pulumi.Output<AvailableNumber[]> {
  return pulumi.output(args).apply((value) => searchAvailablePhoneNumbers(value as SearchAvailablePhoneNumbersArgs, options));
}

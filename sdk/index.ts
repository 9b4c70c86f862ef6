/**
 * pulumi-telnyx-reservations: declare Telnyx phone-number reservations in
 * Pulumi programs.
 *
 * - `NumberReservation`: the resource.
 * - `getNumberReservation`, `listNumberReservations` (+ `…Output`): lookups.
 * - `TelnyxClient` and its errors: `TelnyxApiError` (a call failed),
 *   `TelnyxConfigurationError` (no key, a bad URL), `TelnyxInputError` (a bad
 *   argument, found before any call).
 *
 * The local Telnyx emulator is on its own subpath,
 * `pulumi-telnyx-reservations/emulator`, so programs never load it.
 */
export { NumberReservation, NumberReservationArgs, ReservedNumber } from "./number-reservation";
export {
  getNumberReservation,
  getNumberReservationOutput,
  listNumberReservations,
  listNumberReservationsOutput,
  ListNumberReservationsArgs,
  ReservationSummary,
  LookupOptions,
} from "./lookups";
export {
  TelnyxClient,
  TelnyxClientOptions,
  TelnyxApiError,
  TelnyxErrorKind,
  TelnyxErrorItem,
  TelnyxConfigurationError,
  TelnyxInputError,
  DEFAULT_BASE_URL,
  NumberReservation as NumberReservationRecord,
  ReservedPhoneNumber,
  ReservationFilters,
  ReservationStatusFilter,
  RESERVATION_STATUSES,
} from "../provider/telnyx";
export { CONFIG_KEYS } from "../provider/config";
export { normalizePhoneNumber } from "../provider/phone-numbers";
export { parseDuration } from "../provider/durations";

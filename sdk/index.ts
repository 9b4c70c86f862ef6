/**
 * pulumi-telnyx-reservations: declare Telnyx phone-number reservations in
 * Pulumi programs.
 *
 * - `NumberReservation`: the resource.
 * - `getNumberReservation`, `listNumberReservations`, `searchAvailablePhoneNumbers`
 *   (+ `…Output`): lookups.
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
  searchAvailablePhoneNumbers,
  searchAvailablePhoneNumbersOutput,
  SearchAvailablePhoneNumbersArgs,
  SearchAvailablePhoneNumbersOutputArgs,
  AvailableNumber,
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
export {
  SearchCriteria,
  SearchFeature,
  PhoneNumberType,
  SEARCH_FEATURES,
  PHONE_NUMBER_TYPES,
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
} from "../provider/search-criteria";
export { parseDuration } from "../provider/durations";

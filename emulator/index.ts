/**
 * A stateful local emulator of Telnyx's number-reservation API (`/v2/number_reservations...`) and
 * number search (`/v2/available_phone_numbers`), with a control API under `/__emulator/` for
 * tests: clock, inventory, faults, rate limit, request log.
 * Import as `pulumi-telnyx-reservations/emulator`; the behaviour and control contract are
 * documented in docs/emulator.md.
 */

export { startEmulator } from "./server";
export { DEFAULT_SETTINGS } from "./domain";
export type { InventoryNumber } from "./inventory";
export type {
  AvailableNumbersMeta,
  AvailablePhoneNumber,
  ActiveFaultRule,
  EmulatorOptions,
  EmulatorSettings,
  FaultRule,
  NumberReservation,
  PaginationMeta,
  RequestLogEntry,
  ReservationStatus,
  ReservedPhoneNumber,
  RunningEmulator,
  TelnyxError,
  TelnyxErrorBody,
} from "./types";

/**
 * A stateful local emulator of Telnyx's number-reservation API (`/v2/number_reservations...`)
 * with a control API under `/__emulator/` for tests: clock, faults, rate limit, request log.
 * Import as `pulumi-telnyx-reservations/emulator`; the behaviour and control contract are
 * documented in docs/emulator.md.
 */

export { startEmulator } from "./server";
export { DEFAULT_SETTINGS } from "./domain";
export type {
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

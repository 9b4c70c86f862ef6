/**
 * Public types of the local Telnyx emulator: how to start it, what it hands back, the wire shapes
 * of the /v2 number-reservation API (as in Telnyx's OpenAPI spec) and the shapes of its control API.
 * Wire types come from the OpenAPI spec (wire/), in Telnyx's snake_case; control-API types use the
 * camelCase of the control contract.
 */
import type {
  WireAvailableNumbersMeta,
  WireAvailablePhoneNumber,
  WireCostInformation,
  WireError,
  WirePaginationMeta,
  WireRegionInformation,
  WireReservation,
  WireReservedNumber,
  WireStatus,
} from "../wire";

/** Options for {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; only the loopback address is supported, so tests never expose it. */
  host?: "127.0.0.1";
  /** The only bearer token /v2 accepts. When unset, any non-empty bearer token is accepted. */
  apiKey?: string;
  /** How long a new reservation stays `pending` before it settles, in ms (default 1000). */
  settleDelayMs?: number;
  /** How long a hold lasts from creation, in seconds on the emulator clock (default 1800). */
  holdSeconds?: number;
  /** How far `actions/extend` moves a hold from the moment of the call, in seconds (default 1800). */
  extendSeconds?: number;
  /**
   * A JSON file to keep reservations, unavailable numbers and the clock offset in: read at start
   * (if it exists) and written after every change, so a later emulator continues where this one
   * stopped (the demo relies on it). Unset: state lives in memory only.
   */
  stateFile?: string;
  /**
   * How long a client may take to send a request's headers, in ms (default 60 000, as Node). A
   * request still unfinished then is answered a Telnyx-shaped 408 and its connection closed.
   */
  headersTimeoutMs?: number;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL of the Telnyx-compatible API, e.g. `http://127.0.0.1:4010/v2` (use as `TELNYX_BASE_URL`). */
  url: string;
  /** Scheme, host and port without a path, e.g. `http://127.0.0.1:4010`; the control API lives under it. */
  origin: string;
  /** The port actually bound. */
  port: number;
  /** Stops listening and destroys open keep-alive sockets; resolves once the server is closed. */
  close(): Promise<void>;
}

/** Timing settings that can be changed at run time through `POST /__emulator/settings`. */
export interface EmulatorSettings {
  /** Delay between creation and settlement of a reservation, in ms. */
  settleDelayMs: number;
  /** Length of a new hold, in seconds. */
  holdSeconds: number;
  /** Length of an extension, counted from the extend call, in seconds. */
  extendSeconds: number;
}

/** Status values the emulator produces for reservations and their numbers: the spec's enum. */
export type ReservationStatus = WireStatus;

/**
 * One phone number inside a reservation: the spec's `ReservedPhoneNumber`, with every field the
 * emulator always sends required. `errors` is present only when `status` is `failure`;
 * `expired_at` is when the hold lapses (may be in the past).
 */
export type ReservedPhoneNumber = Required<Omit<WireReservedNumber, "errors" | "record_type">> &
  Pick<WireReservedNumber, "errors"> & { record_type: "reserved_phone_number" };

/**
 * A reservation: the spec's `NumberReservation`, with every field the emulator always sends
 * required; numbers in the order requested; `customer_reference` omitted when none was given
 * (the spec does not allow null). It never sends the reservation-level `errors`.
 */
export type NumberReservation = Required<Omit<WireReservation, "errors" | "customer_reference" | "record_type" | "phone_numbers">> &
  Pick<WireReservation, "customer_reference"> & { record_type: "number_reservation"; phone_numbers: ReservedPhoneNumber[] };

/** Pagination block of every list response (`PaginationMeta` in the spec), every field always sent. */
export type PaginationMeta = Required<WirePaginationMeta>;

/**
 * One number a search found: the spec's `AvailablePhoneNumber`, every field always sent. Region
 * information lists, in this order, the rate center, the locality (`location`), the state and the
 * country, each only when the number has one.
 */
export type AvailablePhoneNumber = Required<Omit<WireAvailablePhoneNumber, "cost_information" | "region_information" | "features">> & {
  cost_information: Required<WireCostInformation>;
  region_information: Array<Required<WireRegionInformation>>;
  features: Array<{ name: string }>;
};

/** `meta` of a search answer, every field always sent: matches in all (before `filter[limit]`), and how many of them are near matches. */
export type AvailableNumbersMeta = Required<WireAvailableNumbersMeta>;

/** One error in a Telnyx error body (`numbers_Error` in the spec); the emulator always sends code, title and detail. */
export type TelnyxError = Required<Pick<WireError, "code" | "title" | "detail">> & Omit<WireError, "code" | "title" | "detail">;

/** A Telnyx error response body: at least one error. */
export type TelnyxErrorBody = { errors: TelnyxError[] };

/** A fault-injection rule, the body of `POST /__emulator/faults`. */
export interface FaultRule {
  /** HTTP method to match (case-insensitive); any method when omitted. */
  method?: string;
  /** Path prefix to match, e.g. `/v2/number_reservations`; any /v2 path when omitted. */
  path?: string;
  /** How many matching requests are faulted (with `ratio`: the most that may be). */
  count: number;
  /** Answer this status (400-599) with a Telnyx-shaped error instead of processing the request. */
  status?: number;
  /** With `status`: send `Retry-After` with this many seconds. */
  retryAfterSeconds?: number;
  /** Wait this long before acting (normally, or with `status`, or dropping). */
  delayMs?: number;
  /** Process the request normally (state changes are kept), then destroy the socket unanswered. */
  dropAfterCommit?: boolean;
  /** Probability (0 < ratio <= 1) that a matching request is faulted; 1 when omitted. */
  ratio?: number;
  /** Seed of the random draw behind `ratio`, so runs are reproducible; 1 when omitted. */
  seed?: number;
}

/** A fault rule as the emulator reports it back. */
export interface ActiveFaultRule extends FaultRule {
  /** Identifier of the rule, unique within the emulator's lifetime. */
  id: number;
  /** How many more faults this rule may inject. */
  remaining: number;
}

/** One /v2 request in the log returned by `GET /__emulator/requests`. */
export interface RequestLogEntry {
  /** HTTP method as received. */
  method: string;
  /** Path without the query string, e.g. `/v2/number_reservations`. */
  path: string;
  /** Decoded query parameters (brackets literal, e.g. `filter[status]`); first value wins. */
  query: Record<string, string>;
  /** Status answered; 0 when the connection was dropped on purpose; null while still in flight. */
  status: number | null;
  /** Arrival time on the emulator clock (ISO-8601). */
  at: string;
  /** The `x-request-id` sent (or that would have been sent) with the response. */
  requestId: string;
}

/**
 * Public types of the local Telnyx emulator: how to start it, what it hands back, the wire shapes
 * of the /v2 number-reservation API (as in Telnyx's OpenAPI spec) and the shapes of its control API.
 * Wire types use Telnyx's snake_case; control-API types use the camelCase of the control contract.
 */

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

/** Status values the emulator produces for reservations and their numbers. */
export type ReservationStatus = "pending" | "success" | "failure";

/** One phone number inside a reservation, exactly as the spec's `ReservedPhoneNumber`. */
export interface ReservedPhoneNumber {
  /** UUID of this number's hold. */
  id: string;
  /** Always `reserved_phone_number`. */
  record_type: "reserved_phone_number";
  /** The number in E.164 form, as sent by the client. */
  phone_number: string;
  /** `pending` until the reservation settles, then `success` (held) or `failure`. */
  status: ReservationStatus;
  /** Why the number could not be held; present only when `status` is `failure`. */
  errors?: string;
  /** ISO-8601 timestamp of the reservation's creation. */
  created_at: string;
  /** ISO-8601 timestamp of the last change (settlement or extension). */
  updated_at: string;
  /** ISO-8601 timestamp at which the hold lapses (may be in the past). */
  expired_at: string;
}

/** A reservation, exactly as the spec's `NumberReservation`. */
export interface NumberReservation {
  /** UUID of the reservation. */
  id: string;
  /** Always `number_reservation`. */
  record_type: "number_reservation";
  /** The numbers in the order they were requested. */
  phone_numbers: ReservedPhoneNumber[];
  /** `pending` until settled; then `success` if every number's hold succeeded, else `failure`. */
  status: ReservationStatus;
  /** The reference given at creation; omitted when none was given (the spec does not allow null). */
  customer_reference?: string;
  /** ISO-8601 timestamp of creation. */
  created_at: string;
  /** ISO-8601 timestamp of the last change. */
  updated_at: string;
}

/** Pagination block of every list response (`PaginationMeta` in the spec). */
export interface PaginationMeta {
  /** The page returned (1-based). */
  page_number: number;
  /** The page size used. */
  page_size: number;
  /** ceil(total_results / page_size); 0 when there are no results. */
  total_pages: number;
  /** Number of reservations matching the filters. */
  total_results: number;
}

/** One error in a Telnyx error body (`numbers_Error` in the spec). */
export interface TelnyxError {
  /** Telnyx error code, a string of digits such as `"10009"`. */
  code: string;
  /** Short, fixed title for the code. */
  title: string;
  /** Human-readable explanation of this occurrence. */
  detail: string;
  /** What in the request caused it: a JSON pointer into the body or a query parameter name. */
  source?: { pointer?: string; parameter?: string };
  /** Extra information; the emulator always gives the documentation URL of the code. */
  meta?: { url?: string };
}

/** A Telnyx error response body. */
export interface TelnyxErrorBody {
  /** At least one error. */
  errors: TelnyxError[];
}

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

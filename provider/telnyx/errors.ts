/**
 * The one error type for everything that goes wrong talking to Telnyx, and the
 * two for what is wrong before any call (configuration, a caller's argument).
 *
 * Telnyx answers errors as `{"errors":[{code,title,detail,source,meta}]}`. A user
 * reading a failed `pulumi up` needs all of it on one line, plus the HTTP status
 * and the request id to quote to Telnyx support; and never the API key.
 */
import { cut } from "./redact";

/** One entry of Telnyx's `errors` array. */
export interface TelnyxErrorItem {
  code?: string;
  title?: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

/**
 * What kind of failure this is, so callers can branch without parsing codes:
 * - `auth`: 401/403 (Telnyx code 10009): the key is wrong or lacks access.
 * - `not_found`: 404 (code 10005).
 * - `rate_limited`: 429 (code 10011), after the client's own retries ran out.
 * - `invalid`: any other 4xx: the request itself is wrong; retrying cannot help.
 * - `server`: 5xx after retries.
 * - `network`: no HTTP answer (connection refused, reset, dropped).
 * - `timeout`: no answer within the request timeout or the call's deadline.
 * - `unexpected_response`: an answer the client cannot use and will not retry: a
 *   redirect (never followed: it would carry the key elsewhere), a body over the
 *   size limit, a 2xx that is not JSON or not the documented shape, or a list
 *   that does not end.
 */
export type TelnyxErrorKind =
  | "auth"
  | "not_found"
  | "rate_limited"
  | "invalid"
  | "server"
  | "network"
  | "timeout"
  | "unexpected_response";

export interface TelnyxApiErrorInit {
  kind: TelnyxErrorKind;
  method: string;
  /** Path below the base URL, e.g. `/number_reservations`. */
  path: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  requestId?: string;
  errors?: TelnyxErrorItem[];
  /** Low-level cause for network failures (message only: never headers). */
  cause?: string;
  /**
   * True when the request may have taken effect although no success came back
   * (a POST whose connection dropped, timed out or got a 5xx). Create uses it to
   * look for the reservation instead of posting a second one.
   */
  outcomeUnknown?: boolean;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /**
   * Applied to every text of the error (each field, then the whole message) before
   * anything is kept; the transport passes one that removes the API key. Not stored.
   */
  scrub?: (text: string) => string;
}

/** Longest kept text of one server-provided field (after scrubbing). */
const MAX_FIELD_CHARS = 500;
/** At most this many of Telnyx's error items are kept. */
const MAX_ERROR_ITEMS = 10;

export class TelnyxApiError extends Error {
  override readonly name = "TelnyxApiError";
  readonly kind: TelnyxErrorKind;
  readonly method: string;
  readonly path: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** Telnyx's error code of the first error (e.g. "10009"). */
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly source?: { pointer?: string; parameter?: string };
  /** `x-request-id` of the failed response: quote it to Telnyx support. */
  readonly requestId?: string;
  /** Every error item Telnyx returned. */
  readonly errors: TelnyxErrorItem[];
  readonly outcomeUnknown: boolean;
  readonly attempts: number;

  constructor(raw: TelnyxApiErrorInit) {
    const init = scrubbed(raw);
    const message = raw.scrub ? raw.scrub(describe(init)) : describe(init);
    super(message);
    const first = init.errors?.[0] ?? {};
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = first.code;
    this.title = first.title;
    this.detail = first.detail;
    this.source = first.source;
    this.requestId = init.requestId;
    this.errors = init.errors ?? [];
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.attempts = init.attempts ?? 1;
  }

  /** True for a 404: the resource does not exist (any more). */
  get isNotFound(): boolean {
    return this.kind === "not_found";
  }
}

/** Configuration that cannot work (no API key, a base URL that is not a URL). */
export class TelnyxConfigurationError extends Error {
  override readonly name = "TelnyxConfigurationError";

  constructor(message: string) {
    super(message);
  }
}

/**
 * An argument or input the caller got wrong (an empty id, a number that is not a
 * phone number, a status Telnyx does not have), found before any call: `argument`
 * names it, the message says why. Retrying cannot help; fix the caller.
 */
export class TelnyxInputError extends Error {
  override readonly name = "TelnyxInputError";

  constructor(
    /** The argument or property at fault, e.g. `id`, `phoneNumber`, `status`. */
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every text of `init` scrubbed, then cut: server text (echoed keys, huge details)
 * must not reach a message whole. Cutting comes after scrubbing so no piece of a
 * key survives a cut.
 */
function scrubbed(init: TelnyxApiErrorInit): TelnyxApiErrorInit {
  const scrub = init.scrub ?? ((text: string) => text);
  const text = (value: unknown, max = MAX_FIELD_CHARS): string | undefined =>
    value === undefined || value === null ? undefined : cut(scrub(String(value)), max);
  const deep = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key, 100), deep(inner)]));
    }
    return value;
  };
  return {
    ...init,
    path: text(init.path) ?? "",
    requestId: text(init.requestId, 100),
    cause: text(init.cause),
    errors: init.errors?.slice(0, MAX_ERROR_ITEMS).map((item) => deep(item) as TelnyxErrorItem),
  };
}

function describe(init: TelnyxApiErrorInit): string {
  const parts: string[] = [];
  const status = init.status ? `HTTP ${init.status}` : init.kind === "timeout" ? "timed out" : "no response";
  parts.push(`Telnyx ${init.method} ${init.path} failed: ${status}`);
  for (const item of init.errors ?? []) {
    const head = [item.code && `code ${item.code}`, item.title].filter(Boolean).join(" ");
    const where = item.source?.pointer ?? item.source?.parameter;
    parts.push(`${head}${item.detail ? `: ${item.detail}` : ""}${where ? ` (at ${where})` : ""}`);
  }
  if (init.cause) parts.push(init.cause);
  if (init.outcomeUnknown) parts.push("the request may have taken effect");
  if ((init.attempts ?? 1) > 1) parts.push(`after ${init.attempts} attempts`);
  if (init.requestId) parts.push(`request id ${init.requestId}`);
  return parts.join("; ");
}

/**
 * The one error type for everything that goes wrong talking to Telnyx.
 *
 * Telnyx answers errors as `{"errors":[{code,title,detail,source,meta}]}`. A user
 * reading a failed `pulumi up` needs all of it on one line, plus the HTTP status
 * and the request id to quote to Telnyx support; and never the API key.
 */

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
 * - `timeout`: no answer within the request timeout.
 */
export type TelnyxErrorKind = "auth" | "not_found" | "rate_limited" | "invalid" | "server" | "network" | "timeout";

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
}

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

  constructor(init: TelnyxApiErrorInit) {
    super(describe(init));
    // Pulumi serializes this class as a plain function calling `Error.call(this)`,
    // which does not set `message` on `this`: set it here so it survives.
    this.message = describe(init);
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
    this.message = message; // see TelnyxApiError: survives serialization
  }
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

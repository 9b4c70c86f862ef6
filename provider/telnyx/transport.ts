/**
 * HTTP to Telnyx: auth, timeouts, retries, error decoding and the server's clock;
 * every call of the client goes through `HttpTransport.request`. Which failures
 * are retried: docs/how-it-works.md#retries-and-the-create-rule. Two rules shape
 * the rest: a create that meets a 5xx, a timeout or a dropped connection is not
 * retried but fails with `outcomeUnknown` (the reservation may exist, and a second
 * POST could hold the numbers twice; the caller looks it up instead), and the
 * call's deadline (`retry.deadlineMs`) bounds every attempt, backoff and wait.
 */
import * as http from "http";
import * as https from "https";
import fetch, { FetchError, Headers, Response } from "node-fetch";
import { TelnyxApiError, TelnyxApiErrorInit, TelnyxErrorItem, TelnyxErrorKind } from "./errors";
import { keyRedactor } from "./redact";
import { ShapeError } from "./response-shape";
import { RateGate, RequestedWait, RetryPolicy, backoffDelay, serverRequestedDelay, sleep } from "./retry";
import { ServerClock } from "./server-clock";

export { MAX_TRUSTED_CLOCK_SKEW_MS } from "./server-clock";

/**
 * The largest answer body read, in bytes (8 MiB). A full page of 250
 * reservations is far smaller; anything larger is refused, not retried.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface TransportOptions {
  /** Base URL including the version, e.g. `https://api.telnyx.com/v2`. */
  baseUrl: string;
  apiKey: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Told once when the server's `Date` is too far off to trust. */
  onWarning: (message: string) => void;
}

export interface ApiRequest<T> {
  method: "GET" | "POST";
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Whether repeating the call after an unknown outcome is harmless. */
  idempotent: boolean;
  /** Checks a 2xx body and returns it typed; throws `ShapeError` when it is not the documented shape. */
  decode: (body: unknown) => T;
}

/** A request that came back 2xx. */
export interface ApiResponse<T> {
  body: T;
  status: number;
  requestId?: string;
  /** Size of the answer's body, so a caller can bound what several answers add up to. */
  bytes: number;
}

/** What went wrong in one attempt, before the error names the call. */
type Failure = Omit<TelnyxApiErrorInit, "method" | "path" | "attempts" | "scrub">;

type Attempt =
  | { ok: true; status: number; body: unknown; requestId?: string; bytes: number }
  | { ok: false; failure: Failure; retryable: boolean; requestedWait?: RequestedWait };

export class HttpTransport {
  private readonly agent: http.Agent;
  private readonly gate = new RateGate();
  private readonly clock: ServerClock;
  private readonly scrub: (text: string) => string;
  /** The options but the key. */
  private readonly options: Omit<TransportOptions, "apiKey">;
  /** The `Authorization` header. A closure rather than a field, so that no
   * `util.inspect`, `JSON.stringify` or spread of a client can show the key. */
  private readonly authorization: () => string;

  constructor({ apiKey, ...options }: TransportOptions) {
    this.options = options;
    this.authorization = () => `Bearer ${apiKey}`;
    const isHttps = options.baseUrl.startsWith("https:");
    // Keep-alive: a `pulumi up` of many reservations makes hundreds of calls to one host.
    this.agent = isHttps
      ? new https.Agent({ keepAlive: true, maxSockets: 16 })
      : new http.Agent({ keepAlive: true, maxSockets: 16 });
    this.clock = new ServerClock(options.onWarning);
    this.scrub = keyRedactor(apiKey);
  }

  /**
   * "Now" on Telnyx's clock (ms since epoch), from the `Date` header of the
   * latest response. Hold expiry is Telnyx's notion, so decisions about lapsed
   * holds and keep-alive windows use this rather than the local clock. A `Date`
   * more than MAX_TRUSTED_CLOCK_SKEW_MS away is ignored (see server-clock.ts).
   */
  serverNow(): number {
    return this.clock.now();
  }

  /** Whether any response has told us the server's time yet. */
  hasServerClock(): boolean {
    return this.clock.known;
  }

  async request<T>(req: ApiRequest<T>): Promise<ApiResponse<T>> {
    const { retry } = this.options;
    const deadline = Date.now() + retry.deadlineMs;
    const overDeadline = `beyond the call's deadline of ${retry.deadlineMs} ms`;
    for (let attemptNo = 1; ; attemptNo++) {
      if (!(await this.gate.pass(deadline))) {
        const until = new Date(this.gate.pausedUntil).toISOString();
        const cause = `Telnyx asked every call to pause until ${until}, ${overDeadline}`;
        throw this.error(req, { kind: "rate_limited", status: 0, cause }, attemptNo - 1);
      }
      const result = await this.attempt(req, deadline);
      if (result.ok) return this.decoded(req, result, attemptNo);
      if (!result.retryable || attemptNo > retry.maxRetries) throw this.error(req, result.failure, attemptNo);
      const requested = result.requestedWait?.ms ?? 0;
      const wait = Math.max(requested, backoffDelay(attemptNo - 1, retry));
      if (Date.now() + wait >= deadline) {
        const why =
          result.requestedWait && Date.now() + requested >= deadline
            ? `Telnyx asked to wait (${result.requestedWait.said}), ${overDeadline}`
            : result.failure.kind === "timeout"
              ? undefined // its cause already names the deadline or the attempt timeout
              : `no time left for another attempt before the call's deadline of ${retry.deadlineMs} ms`;
        const cause = [result.failure.cause, why].filter(Boolean).join("; ") || undefined;
        throw this.error(req, { ...result.failure, cause }, attemptNo);
      }
      // Only a call that will retry makes the others wait with it.
      if (result.requestedWait) this.gate.pauseFor(wait);
      await sleep(wait);
    }
  }

  /**
   * An error about this call, scrubbed of the API key: the one way errors are made,
   * also for what the client finds wrong across answers (pagination).
   */
  error(req: { method: string; path: string }, failure: Failure, attempts = 1): TelnyxApiError {
    return new TelnyxApiError({ ...failure, method: req.method, path: req.path, attempts, scrub: this.scrub });
  }

  /** Close idle keep-alive sockets (lets a short-lived process exit at once). */
  close(): void {
    this.agent.destroy();
  }

  private decoded<T>(req: ApiRequest<T>, result: { status: number; body: unknown; requestId?: string; bytes: number }, attempts: number): ApiResponse<T> {
    try {
      return { body: req.decode(result.body), status: result.status, requestId: result.requestId, bytes: result.bytes };
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      throw this.error(req, this.unexpected(req, result.status, result.requestId, `the answer is not what the API documents: ${err.message}`), attempts);
    }
  }

  private async attempt<T>(req: ApiRequest<T>, deadline: number): Promise<Attempt> {
    const left = deadline - Date.now();
    const cutByDeadline = left < this.options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, Math.min(left, this.options.timeoutMs)));
    let status = 0;
    let requestId: string | undefined;
    try {
      const response = await fetch(this.url(req), {
        method: req.method,
        agent: this.agent,
        signal: controller.signal as never,
        // A redirect would carry the key and body to wherever it points (node-fetch keeps
        // the Authorization header for the same host on another port): never follow one.
        redirect: "manual",
        size: MAX_RESPONSE_BYTES,
        headers: {
          authorization: this.authorization(),
          accept: "application/json",
          "user-agent": "pulumi-telnyx-reservations",
          ...(req.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
      });
      status = response.status;
      requestId = response.headers.get("x-request-id") ?? undefined;
      const text = await response.text();
      this.clock.observe(response.headers.get("date"));
      if (response.status >= 300 && response.status < 400) return this.redirected(req, response, requestId);
      if (!response.ok) return this.httpFailure(req, response.status, response.headers, text, requestId);
      const body = parseJson(text);
      if (body === NOT_JSON) {
        const cause = `the answer is not JSON (${describeBody(response, text)})`;
        return { ok: false, failure: this.unexpected(req, response.status, requestId, cause), retryable: false };
      }
      return { ok: true, status: response.status, body, requestId, bytes: Buffer.byteLength(text) };
    } catch (err) {
      if ((err as FetchError).type === "max-size") {
        const cause = `the answer is larger than ${MAX_RESPONSE_BYTES} bytes, the most the client reads`;
        return { ok: false, failure: this.unexpected(req, status, requestId, cause), retryable: false };
      }
      return this.networkFailure(req, err, cutByDeadline);
    } finally {
      clearTimeout(timer);
    }
  }

  private redirected<T>(req: ApiRequest<T>, response: Response, requestId?: string): Attempt {
    const location = response.headers.get("location");
    const cause = `redirected${location ? ` to ${location}` : ""}; redirects are not followed`;
    return { ok: false, failure: this.unexpected(req, response.status, requestId, cause), retryable: false };
  }

  /** A failure no retry can mend; a create's outcome is unknown (the server may have acted). */
  private unexpected<T>(req: ApiRequest<T>, status: number, requestId: string | undefined, cause: string): Failure {
    return { kind: "unexpected_response", status, requestId, cause, outcomeUnknown: !req.idempotent };
  }

  private httpFailure<T>(req: ApiRequest<T>, status: number, headers: Headers, text: string, requestId?: string): Attempt {
    const kind = kindOfStatus(status);
    const serverError = kind === "server";
    const failure: Failure = {
      kind,
      status,
      requestId,
      errors: parseErrorItems(text, status, headers),
      outcomeUnknown: serverError && !req.idempotent,
    };
    const retryable = kind === "rate_limited" || (serverError && req.idempotent);
    return { ok: false, failure, retryable, requestedWait: status === 429 ? serverRequestedDelay(headers) : undefined };
  }

  /** `host[:port]` of the base URL, for network errors: never its user:password part. */
  private get host(): string {
    return new URL(this.options.baseUrl).host;
  }

  private networkFailure<T>(req: ApiRequest<T>, err: unknown, cutByDeadline: boolean): Attempt {
    const code = (err as FetchError).code;
    const timedOut = (err as { name?: string }).name === "AbortError";
    // A refused connection never reached the server, so even a create can be sent again.
    const neverSent = code === "ECONNREFUSED";
    const kind: TelnyxErrorKind = timedOut ? "timeout" : "network";
    // The host is named: a wrong base URL is the usual cause, and the error is all a user sees.
    const cause = !timedOut
      ? `${code ?? (err as Error).message} talking to ${this.host}`
      : cutByDeadline
        ? `no answer within the call's deadline of ${this.options.retry.deadlineMs} ms from ${this.host}`
        : `no answer within ${this.options.timeoutMs} ms from ${this.host}`;
    const failure: Failure = { kind, status: 0, cause, outcomeUnknown: !neverSent && !req.idempotent };
    return { ok: false, failure, retryable: neverSent || req.idempotent };
  }

  private url<T>(req: ApiRequest<T>): string {
    const params = Object.entries(req.query ?? {})
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    return `${this.options.baseUrl}${req.path}${params.length ? `?${params.join("&")}` : ""}`;
  }
}

function kindOfStatus(status: number): TelnyxErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "invalid";
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** "text/html, 1234 bytes": what an answer was, without quoting it (it may carry anything). */
function describeBody(response: { headers: Headers }, text: string): string {
  const type = (response.headers.get("content-type") ?? "no content-type").split(";")[0].trim().slice(0, 60);
  return `${type}, ${Buffer.byteLength(text)} bytes`;
}

/**
 * Telnyx's `{"errors":[...]}`, keeping only fields of the documented types; or,
 * when something else answered (a proxy's HTML page), the status text and what
 * the body was, never the body itself.
 */
function parseErrorItems(text: string, status: number, headers: Headers): TelnyxErrorItem[] {
  const parsed = parseJson(text) as { errors?: unknown } | typeof NOT_JSON;
  const items = parsed !== NOT_JSON && Array.isArray(parsed?.errors) ? parsed.errors.map(errorItem).filter(isDefined) : [];
  if (items.length) return items;
  const title = http.STATUS_CODES[status] ?? "Error";
  if (!text.trim()) return [{ title }];
  const what = parsed === NOT_JSON ? "not JSON" : "not in Telnyx's error format";
  return [{ title, detail: `the answer is ${what} (${describeBody({ headers }, text)})` }];
}

function errorItem(raw: unknown): TelnyxErrorItem | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const { code, title, detail, source, meta } = raw as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
  const item: TelnyxErrorItem = {};
  if (text(code) !== undefined) item.code = text(code);
  if (text(title) !== undefined) item.title = text(title);
  if (text(detail) !== undefined) item.detail = text(detail);
  if (source && typeof source === "object") {
    const { pointer, parameter } = source as Record<string, unknown>;
    if (text(pointer) !== undefined) item.source = { pointer: text(pointer) };
    if (text(parameter) !== undefined) item.source = { ...item.source, parameter: text(parameter) };
  }
  if (meta && typeof meta === "object" && !Array.isArray(meta)) item.meta = meta as Record<string, unknown>;
  return Object.keys(item).length ? item : undefined;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

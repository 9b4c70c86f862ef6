/**
 * HTTP to Telnyx: authentication, timeouts, retries, error decoding, and the
 * server's clock. Every call of the client goes through `HttpTransport.request`.
 *
 * Retry rules (the reason this file exists):
 * - 429 is retried for every method: Telnyx rejected the call before doing it.
 * - 5xx, timeouts and dropped connections are retried only for idempotent
 *   calls (GET, extend). For a create they end in an error marked
 *   `outcomeUnknown`, because the reservation may exist: posting again could
 *   hold the numbers twice, so the caller looks it up instead.
 * - A refused connection never reached Telnyx and is retried for every method.
 * - Other 4xx are final.
 */
import * as http from "http";
import * as https from "https";
import fetch, { FetchError, Headers } from "node-fetch";
import { TelnyxApiError, TelnyxErrorItem, TelnyxErrorKind } from "./errors";
import { RateGate, RetryPolicy, backoffDelay, serverRequestedDelay, sleep } from "./retry";

export interface TransportOptions {
  /** Base URL including the version, e.g. `https://api.telnyx.com/v2`. */
  baseUrl: string;
  apiKey: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  retry: RetryPolicy;
}

export interface ApiRequest {
  method: "GET" | "POST";
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Whether repeating the call after an unknown outcome is harmless. */
  idempotent: boolean;
}

/** A request that came back 2xx. */
export interface ApiResponse<T> {
  body: T;
  status: number;
  requestId?: string;
}

type Attempt =
  | { ok: true; status: number; body: unknown; requestId?: string }
  | { ok: false; error: TelnyxApiError; retryable: boolean; waitMs?: number };

export class HttpTransport {
  private readonly agent: http.Agent;
  private readonly gate = new RateGate();
  /** Server time minus local time, from the last response's `Date` header. */
  private clockOffsetMs = 0;
  private clockObserved = false;

  constructor(private readonly options: TransportOptions) {
    const isHttps = options.baseUrl.startsWith("https:");
    // Keep-alive: a `pulumi up` of many reservations makes hundreds of calls to one host.
    this.agent = isHttps
      ? new https.Agent({ keepAlive: true, maxSockets: 16 })
      : new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  /**
   * "Now" on Telnyx's clock (ms since epoch), from the `Date` header of the
   * latest response. Hold expiry is Telnyx's notion, so decisions about lapsed
   * holds and keep-alive windows use this rather than the local clock.
   */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Whether any response has told us the server's time yet. */
  hasServerClock(): boolean {
    return this.clockObserved;
  }

  async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
    const { retry } = this.options;
    const started = Date.now();
    for (let attemptNo = 1; ; attemptNo++) {
      await this.gate.pass();
      const result = await this.attempt(req, attemptNo);
      if (result.ok) return { body: result.body as T, status: result.status, requestId: result.requestId };
      const wait = Math.max(result.waitMs ?? 0, backoffDelay(attemptNo - 1, retry));
      const outOfTime = Date.now() + wait - started > retry.deadlineMs;
      if (!result.retryable || attemptNo > retry.maxRetries || outOfTime) throw result.error;
      await sleep(wait);
    }
  }

  /** Close idle keep-alive sockets (lets a short-lived process exit at once). */
  close(): void {
    this.agent.destroy();
  }

  private async attempt(req: ApiRequest, attemptNo: number): Promise<Attempt> {
    const url = this.url(req);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(url, {
        method: req.method,
        agent: this.agent,
        signal: controller.signal as never,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          accept: "application/json",
          "user-agent": "pulumi-telnyx-reservations",
          ...(req.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
      });
      const text = await response.text();
      this.observeClock(response.headers);
      const requestId = response.headers.get("x-request-id") ?? undefined;
      if (response.ok) return { ok: true, status: response.status, body: text ? JSON.parse(text) : {}, requestId };
      return this.httpFailure(req, attemptNo, response.status, response.headers, text, requestId);
    } catch (err) {
      return this.networkFailure(req, attemptNo, err);
    } finally {
      clearTimeout(timer);
    }
  }

  private httpFailure(
    req: ApiRequest,
    attempts: number,
    status: number,
    headers: Headers,
    text: string,
    requestId?: string,
  ): Attempt {
    const kind = kindOfStatus(status);
    const waitMs = status === 429 ? serverRequestedDelay(headers) : undefined;
    if (waitMs !== undefined) this.gate.pauseFor(waitMs);
    const serverError = kind === "server";
    const error = new TelnyxApiError({
      kind,
      method: req.method,
      path: req.path,
      status,
      requestId,
      errors: this.scrub(parseErrorItems(text, status)),
      outcomeUnknown: serverError && !req.idempotent,
      attempts,
    });
    return { ok: false, error, retryable: kind === "rate_limited" || (serverError && req.idempotent), waitMs };
  }

  private networkFailure(req: ApiRequest, attempts: number, err: unknown): Attempt {
    const timedOut = (err as { name?: string }).name === "AbortError";
    const code = (err as FetchError).code;
    // A refused connection never reached the server, so even a create can be sent again.
    const neverSent = code === "ECONNREFUSED";
    const kind: TelnyxErrorKind = timedOut ? "timeout" : "network";
    const cause = timedOut ? `no answer within ${this.options.timeoutMs} ms` : (code ?? (err as Error).message);
    const error = new TelnyxApiError({
      kind,
      method: req.method,
      path: req.path,
      status: 0,
      cause: this.scrubText(cause),
      outcomeUnknown: !neverSent && !req.idempotent,
      attempts,
    });
    return { ok: false, error, retryable: neverSent || req.idempotent };
  }

  private url(req: ApiRequest): string {
    const params = Object.entries(req.query ?? {})
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    return `${this.options.baseUrl}${req.path}${params.length ? `?${params.join("&")}` : ""}`;
  }

  private observeClock(headers: Headers): void {
    const date = Date.parse(headers.get("date") ?? "");
    // `Date` has whole seconds: assume the middle of that second.
    if (Number.isNaN(date)) return;
    this.clockOffsetMs = date + 500 - Date.now();
    this.clockObserved = true;
  }

  /** The key must never reach an error, even if a server echoes it back. */
  private scrubText(text: string): string {
    return this.options.apiKey ? text.split(this.options.apiKey).join("[redacted]") : text;
  }

  private scrub(items: TelnyxErrorItem[]): TelnyxErrorItem[] {
    return JSON.parse(this.scrubText(JSON.stringify(items)));
  }
}

function kindOfStatus(status: number): TelnyxErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "invalid";
}

/** Telnyx's `{"errors":[...]}`, or something readable when a proxy answered instead. */
function parseErrorItems(text: string, status: number): TelnyxErrorItem[] {
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed?.errors) && parsed.errors.length) return parsed.errors;
  } catch {
    // not JSON: fall through
  }
  const detail = text.trim().slice(0, 200);
  return [{ title: http.STATUS_CODES[status] ?? "Error", ...(detail ? { detail } : {}) }];
}

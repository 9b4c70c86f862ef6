/**
 * The emulator's HTTP layer, shared by the /v2 API and the control API: Telnyx-shaped errors
 * (and the one place where a domain error becomes one), who may call (request guard and bearer
 * authentication), a method-and-path router, and raw input and output: a bounded request body,
 * and a JSON result with the headers every emulator response carries (`content-type`,
 * `x-request-id`, and a `Date` taken from the emulator clock, which clients use as "now" so that
 * moving the clock is visible to them). Codes and titles follow Telnyx's public error-code table.
 */

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "http";
import type { Duplex } from "stream";
import { randomUUID } from "crypto";
import { DomainError, ReservationExpired, ReservationNotFound, StateNotSaved } from "./domain";
import type { TelnyxError } from "./types";

// ---- Telnyx-shaped errors -----------------------------------------------------------------------

/** The Telnyx error codes the emulator uses, with their fixed titles. */
const ERROR_CODES = {
  missingParameter: { code: "10004", title: "Missing required parameter" },
  notFound: { code: "10005", title: "Resource not found" },
  unexpected: { code: "10007", title: "Unexpected error" },
  timeout: { code: "10008", title: "Request timeout" },
  authenticationFailed: { code: "10009", title: "Authentication failed" },
  authorizationFailed: { code: "10010", title: "Authorization failed" },
  tooManyRequests: { code: "10011", title: "Too many requests" },
  badRequest: { code: "10015", title: "Bad Request" },
  notE164: { code: "10016", title: "Phone number must be in +E.164 format" },
  invalidType: { code: "10020", title: "Invalid resource type" },
  invalidJson: { code: "10023", title: "Invalid JSON" },
} as const;

/** A key of {@link ERROR_CODES}. */
export type ErrorKind = keyof typeof ERROR_CODES;

/** What caused an error: a JSON pointer into the body, or a query parameter name. */
export type ErrorSource = { pointer: string } | { parameter: string };

/** Builds one Telnyx error object, with the documentation URL Telnyx puts in `meta`. */
export function telnyxError(kind: ErrorKind, detail: string, source?: ErrorSource): TelnyxError {
  const { code, title } = ERROR_CODES[kind];
  return {
    code,
    title,
    detail,
    ...(source ? { source } : {}),
    meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` },
  };
}

/** An error response waiting to be written: HTTP status, Telnyx error list and extra headers. */
export class ApiError extends Error {
  /** HTTP status to answer. */
  readonly status: number;
  /** The errors of the body; never empty. */
  readonly errors: TelnyxError[];
  /** Headers to add, such as `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(status: number, errors: TelnyxError[], headers: Record<string, string> = {}) {
    super(errors.map((e) => e.detail).join("; "));
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }

  /** Shorthand for an error with a single entry. */
  static of(status: number, kind: ErrorKind, detail: string, source?: ErrorSource): ApiError {
    return new ApiError(status, [telnyxError(kind, detail, source)]);
  }
}

/** 404 for an unknown path, unknown method on a known path, or unknown resource id. */
function notFound(detail: string): ApiError {
  return ApiError.of(404, "notFound", detail);
}

const TOO_MANY_REQUESTS = "You have exceeded the maximum number of allowed requests.";

/** 429 with `Retry-After`, as Telnyx answers when a rate limit is exceeded. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, [telnyxError("tooManyRequests", TOO_MANY_REQUESTS)], { "retry-after": String(retryAfterSeconds) });
}

/** Which error kind best describes an arbitrary status a fault rule asks for. */
function kindForStatus(status: number): ErrorKind {
  if (status >= 500) return "unexpected";
  switch (status) {
    case 401:
      return "authenticationFailed";
    case 403:
      return "authorizationFailed";
    case 404:
      return "notFound";
    case 408:
      return "timeout";
    case 429:
      return "tooManyRequests";
    default:
      return "badRequest";
  }
}

/** The error an injected fault answers with: the usual Telnyx code for that status. */
export function injectedError(status: number, retryAfterSeconds?: number): ApiError {
  const kind = kindForStatus(status);
  const detail = kind === "tooManyRequests" ? TOO_MANY_REQUESTS : `Injected fault: the emulator was told to answer ${status}.`;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  return new ApiError(status, [telnyxError(kind, detail)], headers);
}

/** The Telnyx answer to each domain error; the error's message is the detail. */
const DOMAIN_ANSWERS: Array<[abstract new (...args: never[]) => DomainError, number, ErrorKind]> = [
  [ReservationNotFound, 404, "notFound"],
  [ReservationExpired, 422, "badRequest"],
  [StateNotSaved, 500, "unexpected"],
];

/**
 * Turns anything thrown while handling a request into a response: an {@link ApiError} into the
 * answer it stands for, a {@link DomainError} into its Telnyx answer, anything else into a
 * Telnyx-shaped 500, so a bug never hangs a client.
 */
export function errorResult(error: unknown): HttpResult {
  const answer = DOMAIN_ANSWERS.find(([type]) => error instanceof type);
  const apiError =
    error instanceof ApiError
      ? error
      : answer
        ? ApiError.of(answer[1], answer[2], (error as Error).message)
        : ApiError.of(500, "unexpected", `The emulator failed: ${error instanceof Error ? error.message : String(error)}`);
  return { status: apiError.status, body: { errors: apiError.errors }, headers: apiError.headers };
}

// ---- who may call -------------------------------------------------------------------------------

/** Host names (as they appear in Host and Origin headers) that mean this machine. */
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

function forbidden(detail: string): ApiError {
  return ApiError.of(403, "authorizationFailed", detail);
}

/** Whether `origin` is http(s) on a loopback host (any port: a local dev page may drive a test run). */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_NAMES.includes(url.hostname);
  } catch {
    return false; // "null" (sandboxed pages, file://) and anything unparsable
  }
}

/** Whether the media type (parameters such as charset aside) is application/json. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0].trim().toLowerCase() === "application/json";
}

/**
 * Who may use the emulator (docs/emulator.md#who-may-call-it). Every request, /v2 and control
 * API alike, must carry what a web page cannot forge: a loopback `Host` with the emulator's port
 * (defeats DNS rebinding) and no `Origin` or a loopback one (a cross-site request always sends
 * one). /v2 needs this too: an emulator started without an API key accepts any bearer token, so
 * a rebinding page could otherwise create reservations. Throws a 400 (no Host: HTTP/1.1 requires
 * one, and without it the request's target is unknown) or a 403 (foreign Host or Origin) for a
 * request that arrived on `port`.
 */
export function checkSameMachine(req: IncomingMessage, port: number): void {
  const host = req.headers.host?.toLowerCase();
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (host === undefined) {
    throw ApiError.of(400, "badRequest", `The request has no Host header; HTTP/1.1 requires one (here one of ${allowedHosts.join(", ")}).`);
  }
  if (!allowedHosts.includes(host)) {
    throw forbidden(`The emulator only answers requests whose Host is one of ${allowedHosts.join(", ")}; got ${JSON.stringify(req.headers.host)}.`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    throw forbidden(`The emulator does not answer cross-site requests: Origin ${JSON.stringify(origin)} is not a loopback origin.`);
  }
}

/**
 * Throws a 415 for a control POST that is not `Content-Type: application/json`: a form or a
 * no-CORS fetch cannot send it without a preflight, which the emulator never grants.
 */
export function checkControlRequest(req: IncomingMessage): void {
  if (req.method === "POST" && !isJson(req.headers["content-type"])) {
    const got = JSON.stringify(req.headers["content-type"] ?? null);
    throw ApiError.of(415, "badRequest", `Control POSTs must have Content-Type: application/json; got ${got}.`);
  }
}

/**
 * Checks a /v2 request's `Authorization` header, answering failures the way Telnyx does (401,
 * code 10009). With `apiKey` set only that token is accepted; without it any non-empty bearer
 * token is, so the emulator can be tried without inventing a key.
 */
export function authenticate(header: string | undefined, apiKey: string | undefined): void {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  const token = match?.[1].trim();
  if (!token) {
    throw ApiError.of(401, "authenticationFailed", "Missing credentials: send 'Authorization: Bearer <API key>'.");
  }
  if (apiKey !== undefined && token !== apiKey) {
    throw ApiError.of(401, "authenticationFailed", "Could not understand the provided credentials.");
  }
}

// ---- routing ------------------------------------------------------------------------------------

/** A response waiting to be written. */
export interface HttpResult {
  /** HTTP status. */
  status: number;
  /** Value serialized as the JSON body. */
  body: unknown;
  /** Headers beyond the ones every response carries. */
  headers?: Record<string, string>;
}

/** One route: a method, a path pattern whose groups become `params`, and its handler. */
export interface Route<Context> {
  /** Upper-case HTTP method. */
  method: string;
  /** Anchored pattern matched against the raw (still percent-encoded) path. */
  pattern: RegExp;
  /** Produces the response; throw an ApiError or a DomainError to answer an error. */
  handle(context: Context, params: string[]): HttpResult | Promise<HttpResult>;
}

/** Percent-decodes a path parameter; one that cannot be decoded cannot name anything, so 404. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound(`The requested resource or URL could not be found: ${segment}.`);
  }
}

/**
 * Runs the route matching `method` and `path`. An unknown path and a known path with the wrong
 * method both answer a Telnyx-shaped 404: the spec lists 404 for these operations and no 405, so
 * clients see only documented statuses.
 */
export async function dispatch<Context>(
  routes: ReadonlyArray<Route<Context>>,
  method: string,
  path: string,
  context: Context,
): Promise<HttpResult> {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return route.handle(context, match.slice(1).map(decodeSegment));
  }
  throw notFound(
    pathKnown
      ? `${method} is not supported on ${path}.`
      : `The requested resource or URL could not be found: ${path}.`,
  );
}

// ---- input and output ---------------------------------------------------------------------------

/**
 * Formats epoch ms the way Telnyx does (`2018-01-01T00:00:00.000000Z`): microsecond digits,
 * of which only the milliseconds carry information here.
 */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, "000Z");
}

/** Formats epoch ms for an HTTP `Date` header (RFC 7231 IMF-fixdate). */
function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/** Largest request body accepted; bodies of this API are tiny, so anything bigger is a mistake. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Largest request line plus headers accepted (Node's default, stated so the docs can quote it). */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Reads the whole request body as UTF-8. Throws a 413 {@link ApiError} past the size limit, and
 * rejects with a plain Error when the client goes away mid-body.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (!settled) {
        settled = true;
        outcome();
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering but keep draining so the 413 can still be written on this socket.
        chunks.length = 0;
        finish(() =>
          reject(ApiError.of(413, "badRequest", `The request body exceeds ${MAX_BODY_BYTES} bytes.`)),
        );
        return;
      }
      if (!settled) chunks.push(chunk);
    });
    req.on("end", () => finish(() => resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", (err) => finish(() => reject(err)));
    req.on("close", () => finish(() => reject(new Error("client closed the connection"))));
  });
}

/** Whether the response can still be written (the client may have gone, or a fault dropped it). */
function isWritable(res: ServerResponse): boolean {
  return !res.headersSent && !res.destroyed && !res.socket?.destroyed;
}

/** Writes a JSON result with the common headers; does nothing if the socket is already gone. */
export function writeResult(
  res: ServerResponse,
  result: HttpResult,
  common: { requestId: string; nowMs: number },
): void {
  if (!isWritable(res)) return;
  const payload = JSON.stringify(result.body);
  res.writeHead(result.status, {
    ...result.headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(payload)),
    "x-request-id": common.requestId,
    date: formatHttpDate(common.nowMs),
  });
  res.end(payload);
}

/** The emulator's timeouts for receiving a request, as {@link writeClientError} names them. */
export interface ClientErrorContext {
  nowMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** The Telnyx-shaped error for what Node reported in `clientError`. */
function clientApiError(error: Error & { code?: string }, context: ClientErrorContext): ApiError {
  if (error.code === "HPE_HEADER_OVERFLOW") {
    return ApiError.of(431, "badRequest", `The request's URL and headers exceed the limit of ${MAX_HEADER_BYTES} bytes.`);
  }
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    const { headersTimeoutMs, requestTimeoutMs } = context;
    return ApiError.of(408, "timeout", `The request did not arrive in time: headers are awaited ${headersTimeoutMs} ms, the whole request ${requestTimeoutMs} ms.`);
  }
  return ApiError.of(400, "badRequest", "The request is not valid HTTP/1.1.");
}

/**
 * Answers a request Node refused before any handler saw it (the server's `clientError` event):
 * a URL and headers over {@link MAX_HEADER_BYTES} get a Telnyx-shaped 431, a request whose
 * headers (or body) did not arrive in time a 408, other broken HTTP a 400, instead of Node's bare
 * status line. The connection is closed after.
 */
export function writeClientError(socket: Duplex, error: Error & { code?: string }, context: ClientErrorContext): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const apiError = clientApiError(error, context);
  const payload = JSON.stringify({ errors: apiError.errors });
  const head = [
    `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(payload)}`,
    `x-request-id: ${randomUUID()}`,
    `date: ${formatHttpDate(context.nowMs)}`,
    "connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${payload}`);
}

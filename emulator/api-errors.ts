/**
 * Telnyx-shaped errors. Every failure the emulator answers, on /v2 and on the control API, is an
 * {@link ApiError} made by the code that detects it and written by http-io.ts. Codes and titles
 * follow Telnyx's public error-code table.
 */

import type { TelnyxError } from "./types";

/** The Telnyx error codes the emulator uses, with their fixed titles. */
export const ERROR_CODES = {
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
export function notFound(detail = "The requested resource or URL could not be found."): ApiError {
  return ApiError.of(404, "notFound", detail);
}

/** 429 with `Retry-After`, as Telnyx answers when a rate limit is exceeded. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    [telnyxError("tooManyRequests", "You have exceeded the maximum number of allowed requests.")],
    { "retry-after": String(retryAfterSeconds) },
  );
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
  const detail =
    kind === "tooManyRequests"
      ? "You have exceeded the maximum number of allowed requests."
      : `Injected fault: the emulator was told to answer ${status}.`;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  return new ApiError(status, [telnyxError(kind, detail)], headers);
}

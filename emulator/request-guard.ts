/**
 * Who may use the emulator (docs/emulator.md#who-may-call-it). Every request, /v2 and control
 * API alike, must carry what a web page cannot forge: a loopback `Host` with the emulator's port
 * (defeats DNS rebinding) and no `Origin` or a loopback one (a cross-site request always sends
 * one). /v2 needs this too: an emulator started without an API key accepts any bearer token, so
 * a rebinding page could otherwise create reservations. Control POSTs must also be
 * `Content-Type: application/json` (a form or a no-CORS fetch cannot send it without a
 * preflight, which the emulator never grants).
 */

import type { IncomingMessage } from "http";
import { ApiError } from "./api-errors";

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
 * Throws a 400 (no Host: HTTP/1.1 requires one, and without it the request's target is unknown)
 * or a 403 (foreign Host or Origin) for a request that arrived on `port`.
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

/** Throws a 415 for a control POST that is not JSON. */
export function checkControlRequest(req: IncomingMessage): void {
  if (req.method === "POST" && !isJson(req.headers["content-type"])) {
    const got = JSON.stringify(req.headers["content-type"] ?? null);
    throw ApiError.of(415, "badRequest", `Control POSTs must have Content-Type: application/json; got ${got}.`);
  }
}

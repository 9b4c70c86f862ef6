/**
 * Who may use the control API. It has no key, so what keeps a web page from resetting the
 * emulator, injecting faults or reading the request log is that browsers cannot meet these rules:
 *  - `Host` must be 127.0.0.1, localhost or [::1] with the emulator's port (defeats DNS rebinding,
 *    where a foreign name resolves to 127.0.0.1 and the browser sends that name);
 *  - `Origin`, when present, must be a loopback origin (a cross-site fetch or form always sends one);
 *  - a POST must say `Content-Type: application/json` (a form or a no-CORS fetch cannot, without
 *    a preflight the emulator never grants).
 * Test clients, curl and the CLI send loopback Hosts and no Origin, so they are unaffected.
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
 * Throws a 403 (foreign Host or Origin) or 415 (a POST that is not JSON) for a control request
 * that arrived on `port`.
 */
export function checkControlRequest(req: IncomingMessage, port: number): void {
  const host = req.headers.host?.toLowerCase();
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (host === undefined || !allowedHosts.includes(host)) {
    throw forbidden(`The control API only answers requests whose Host is one of ${allowedHosts.join(", ")}; got ${JSON.stringify(req.headers.host ?? null)}.`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    throw forbidden(`The control API does not answer cross-site requests: Origin ${JSON.stringify(origin)} is not a loopback origin.`);
  }
  if (req.method === "POST" && !isJson(req.headers["content-type"])) {
    const got = JSON.stringify(req.headers["content-type"] ?? null);
    throw ApiError.of(415, "badRequest", `Control POSTs must have Content-Type: application/json; got ${got}.`);
  }
}

/**
 * Raw HTTP input and output shared by the /v2 API and the control API: reading a bounded request
 * body and writing a JSON result with the headers every emulator response carries
 * (`content-type`, `x-request-id`, and a `Date` taken from the emulator clock, which clients use
 * as "now" so that moving the clock is visible to them).
 */

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "http";
import type { Duplex } from "stream";
import { randomUUID } from "crypto";
import { formatHttpDate } from "./clock";
import { ApiError } from "./api-errors";

/** A response waiting to be written. */
export interface HttpResult {
  /** HTTP status. */
  status: number;
  /** Value serialized as the JSON body. */
  body: unknown;
  /** Headers beyond the ones every response carries. */
  headers?: Record<string, string>;
}

/** Largest request body accepted; bodies of this API are tiny, so anything bigger is a mistake. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Largest request line plus headers accepted (Node's default, stated so the docs can quote it). */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Turns anything thrown while handling a request into a response: an {@link ApiError} into the
 * answer it stands for, anything else into a Telnyx-shaped 500, so a bug never hangs a client.
 */
export function errorResult(error: unknown): HttpResult {
  const apiError =
    error instanceof ApiError
      ? error
      : ApiError.of(500, "unexpected", `The emulator failed: ${error instanceof Error ? error.message : String(error)}`);
  return { status: apiError.status, body: { errors: apiError.errors }, headers: apiError.headers };
}

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
export function isWritable(res: ServerResponse): boolean {
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
  const nowMs = context.nowMs;
  const payload = JSON.stringify({ errors: apiError.errors });
  const head = [
    `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(payload)}`,
    `x-request-id: ${randomUUID()}`,
    `date: ${formatHttpDate(nowMs)}`,
    "connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${payload}`);
}

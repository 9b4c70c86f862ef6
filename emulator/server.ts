/**
 * Starting an emulator and serving each request (Node's `http` only). A bad option fails
 * `startEmulator` at once with a message naming it, instead of producing an emulator that
 * misbehaves later. Every request must pass the request guard; /v2 requests then go, in order,
 * through the log, the rate limit, a matching fault (delay, injected status, or drop after
 * commit), authentication and their route; everything else goes to the control API. Each
 * request's changes are saved before it is answered. Requests Node cannot parse or that arrive too
 * slowly get Telnyx-shaped errors, and sockets are tracked so `close()` can end keep-alive
 * connections instead of waiting for clients to hang up (which would keep jest alive).
 */

import { createServer, type IncomingMessage, type ServerResponse } from "http";
import type { AddressInfo, Socket } from "net";
import { randomUUID } from "crypto";
import { DEFAULT_SETTINGS } from "./domain";
import {
  ApiError,
  authenticate,
  checkControlRequest,
  checkSameMachine,
  dispatch,
  errorResult,
  formatTimestamp,
  injectedError,
  MAX_HEADER_BYTES,
  readBody,
  tooManyRequests,
  writeClientError,
  writeResult,
  type HttpResult,
} from "./http";
import { parseJsonObject } from "./input";
import { StatePersistence } from "./persistence";
import { API_ROUTES, CONTROL_ROUTES, EmulatorState } from "./routes";
import type { EmulatorOptions, EmulatorSettings, RunningEmulator } from "./types";

// ---- options ------------------------------------------------------------------------------------

/** Options with every default applied. */
interface ResolvedOptions {
  /** Port to bind (0 = any free port). */
  port: number;
  /** Interface to bind. */
  host: "127.0.0.1";
  /** Required bearer token, or undefined to accept any. */
  apiKey: string | undefined;
  /** Initial timing settings (also what reset restores). */
  settings: EmulatorSettings;
  /** Where state persists, if anywhere. */
  stateFile: string | undefined;
  /** How long a request's headers may take to arrive. */
  headersTimeoutMs: number;
}

/** Node's default: a client gets a minute to send a request's headers. */
const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`startEmulator: ${message}`);
}

const isNonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;
const isPositive = (value: number): boolean => Number.isFinite(value) && value > 0;

/** Applies defaults and validates; throws a RangeError naming the first bad option. */
function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  const settings: EmulatorSettings = {
    settleDelayMs: options.settleDelayMs ?? DEFAULT_SETTINGS.settleDelayMs,
    holdSeconds: options.holdSeconds ?? DEFAULT_SETTINGS.holdSeconds,
    extendSeconds: options.extendSeconds ?? DEFAULT_SETTINGS.extendSeconds,
  };
  check(Number.isInteger(port) && port >= 0 && port <= 65535, `port must be an integer from 0 to 65535, got ${port}`);
  check(host === "127.0.0.1", `host must be "127.0.0.1" (the emulator only listens on loopback), got ${String(host)}`);
  check(options.apiKey === undefined || options.apiKey.trim() !== "", "apiKey must not be empty");
  check(isNonNegative(settings.settleDelayMs), `settleDelayMs must be >= 0, got ${settings.settleDelayMs}`);
  check(isPositive(settings.holdSeconds), `holdSeconds must be > 0, got ${settings.holdSeconds}`);
  check(isPositive(settings.extendSeconds), `extendSeconds must be > 0, got ${settings.extendSeconds}`);
  check(options.stateFile === undefined || options.stateFile.trim() !== "", "stateFile must not be empty");
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  check(
    Number.isInteger(headersTimeoutMs) && headersTimeoutMs > 0,
    `headersTimeoutMs must be a whole number of ms > 0, got ${headersTimeoutMs}`,
  );
  return { port, host, apiKey: options.apiKey, settings, stateFile: options.stateFile, headersTimeoutMs };
}

// ---- serving a request --------------------------------------------------------------------------

/** Waits in real time without keeping the process alive on its own (sockets do that). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Query parameters as a plain object; for a repeated name the first value wins, as in routing. */
function queryObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of params) if (!(name in result)) result[name] = value;
  return result;
}

/**
 * Saves what a request changed before it is answered, and hands back the result to send: the
 * answer to the failed save (StateNotSaved) instead, whose change was undone.
 */
function saved(persistence: StatePersistence, result: HttpResult): HttpResult {
  try {
    persistence.save();
    return result;
  } catch (error) {
    return errorResult(error);
  }
}

/** Serves one request whose path is under /v2. */
async function serveApiRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
  persistence: StatePersistence,
): Promise<void> {
  const method = req.method ?? "GET";
  const entry = state.requestLog.start({
    method,
    path: url.pathname,
    query: queryObject(url.searchParams),
    at: formatTimestamp(state.clock.nowMs()),
    requestId,
  });
  const rate = state.rateLimiter.admit();
  let dropAfterCommit = false;
  let result: HttpResult;
  try {
    if (rate && !rate.allowed) throw tooManyRequests(rate.resetSeconds);
    const fault = state.faults.take(method, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status !== undefined) throw injectedError(fault.status, fault.retryAfterSeconds);
    dropAfterCommit = fault?.dropAfterCommit === true;
    authenticate(req.headers.authorization, state.apiKey);
    result = await dispatch(API_ROUTES, method, url.pathname, {
      state,
      query: url.searchParams,
      readBody: () => readBody(req),
    });
  } catch (error) {
    result = errorResult(error);
  }
  const committed = saved(persistence, result);
  if (committed !== result) dropAfterCommit = false; // nothing was committed, so say so
  result = committed;
  if (dropAfterCommit) {
    entry.status = 0;
    req.socket.destroy();
    return;
  }
  entry.status = result.status;
  writeResult(
    res,
    { ...result, headers: { ...rate?.headers, ...result.headers } },
    { requestId, nowMs: state.clock.nowMs() },
  );
}

/** How long a whole request (headers and body) may take to arrive: Node's default, 5 minutes. */
const REQUEST_TIMEOUT_MS = 300_000;

/** Whether a path belongs to the emulated Telnyx API; every other path goes to the control router (and its 404). */
function isApiPath(pathname: string): boolean {
  return pathname === "/v2" || pathname.startsWith("/v2/");
}

/** Serves one control-API request; what it throws, the caller answers. */
async function serveControlRequest(state: EmulatorState, req: IncomingMessage, url: URL): Promise<HttpResult> {
  checkControlRequest(req);
  return dispatch(CONTROL_ROUTES, req.method ?? "GET", url.pathname, {
    state,
    readJson: async () => parseJsonObject(await readBody(req)),
  });
}

async function handleRequest(
  state: EmulatorState,
  persistence: StatePersistence,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  try {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://emulator.invalid");
    } catch {
      throw ApiError.of(400, "badRequest", `Cannot parse the request target ${JSON.stringify(req.url)}.`);
    }
    checkSameMachine(req, req.socket.localPort ?? 0);
    if (isApiPath(url.pathname)) {
      await serveApiRequest(state, req, res, url, requestId, persistence);
    } else {
      const result = await serveControlRequest(state, req, url).catch(errorResult);
      writeResult(res, saved(persistence, result), { requestId, nowMs: state.clock.nowMs() });
    }
  } catch (error) {
    writeResult(res, errorResult(error), { requestId, nowMs: state.clock.nowMs() });
  } finally {
    // Drain any body the handler did not need, so the keep-alive connection stays usable.
    req.resume();
  }
}

/** Starts an emulator; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const state = new EmulatorState(resolved.settings, resolved.apiKey);
  const persistence = new StatePersistence(resolved.stateFile, state);
  persistence.load();
  const sockets = new Set<Socket>();
  const { headersTimeoutMs } = resolved;
  const requestTimeoutMs = Math.max(REQUEST_TIMEOUT_MS, headersTimeoutMs);
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      // A missing Host reaches the guard, which answers a Telnyx-shaped 400 (Node's is a bare one).
      requireHostHeader: false,
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // Node looks for late requests only this often (30 s by default), so a short timeout needs a shorter look.
      connectionsCheckingInterval: Math.min(30_000, Math.max(25, Math.floor(headersTimeoutMs / 4))),
    },
    (req, res) => void handleRequest(state, persistence, req, res),
  );
  server.on("clientError", (error, socket) =>
    writeClientError(socket, error, { nowMs: state.clock.nowMs(), headersTimeoutMs, requestTimeoutMs }),
  );
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const origin = `http://${resolved.host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v2`,
    origin,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

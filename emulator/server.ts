/**
 * The emulator's HTTP server (Node's `http` only): admits only same-machine requests (the
 * request guard), then sends /v2 requests through the API pipeline and everything else to the
 * control API; saves each request's changes before answering it; answers requests Node cannot
 * parse or that arrive too slowly with Telnyx-shaped errors; and tracks sockets so `close()` can
 * end keep-alive connections instead of waiting for clients to hang up (which would keep jest alive).
 */

import { createServer, type IncomingMessage, type ServerResponse } from "http";
import type { AddressInfo, Socket } from "net";
import { randomUUID } from "crypto";
import { ApiError } from "./api-errors";
import { CONTROL_ROUTES } from "./control-routes";
import { resolveOptions } from "./emulator-options";
import { EmulatorState } from "./emulator-state";
import { errorResult, MAX_HEADER_BYTES, readBody, writeClientError, writeResult, type HttpResult } from "./http-io";
import { parseJsonObject } from "./json-input";
import { checkControlRequest, checkSameMachine } from "./request-guard";
import { dispatch } from "./route-table";
import { StatePersistence } from "./state-persistence";
import type { EmulatorOptions, RunningEmulator } from "./types";
import { serveApiRequest } from "./v2-pipeline";

/** How long a whole request (headers and body) may take to arrive: Node's default, 5 minutes. */
const REQUEST_TIMEOUT_MS = 300_000;

/** Whether a path belongs to the emulated Telnyx API; every other path goes to the control router (and its 404). */
function isApiPath(pathname: string): boolean {
  return pathname === "/v2" || pathname.startsWith("/v2/");
}

async function serveControlRequest(state: EmulatorState, req: IncomingMessage, url: URL): Promise<HttpResult> {
  try {
    checkControlRequest(req);
    return await dispatch(CONTROL_ROUTES, req.method ?? "GET", url.pathname, {
      state,
      readJson: async () => parseJsonObject(await readBody(req)),
    });
  } catch (error) {
    return errorResult(error);
  }
}

async function handleRequest(
  state: EmulatorState,
  persistence: StatePersistence,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const commit = (result: HttpResult): HttpResult => persistence.commit(result);
  try {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://emulator.invalid");
    } catch {
      throw ApiError.of(400, "badRequest", `Cannot parse the request target ${JSON.stringify(req.url)}.`);
    }
    checkSameMachine(req, req.socket.localPort ?? 0);
    if (isApiPath(url.pathname)) {
      await serveApiRequest(state, req, res, url, requestId, commit);
    } else {
      writeResult(res, commit(await serveControlRequest(state, req, url)), { requestId, nowMs: state.clock.nowMs() });
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

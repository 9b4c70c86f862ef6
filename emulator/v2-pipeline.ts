/**
 * How one /v2 request is served, in order: log it, count it against the rate limit, apply a
 * matching fault (delay, injected status, or drop after commit), authenticate, run the route,
 * then answer (with the rate-limit headers while a limit is set) or drop the connection.
 */

import type { IncomingMessage, ServerResponse } from "http";
import { injectedError, tooManyRequests } from "./api-errors";
import { formatTimestamp } from "./clock";
import { authenticate } from "./api-auth";
import type { EmulatorState } from "./emulator-state";
import { errorResult, readBody, writeResult, type HttpResult } from "./http-io";
import { dispatch } from "./route-table";
import { API_ROUTES } from "./v2-routes";

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
 * Serves one request whose path is under /v2. `commit` saves what the request changed before it
 * is answered, and hands back the result to send (a 500 instead, when saving failed).
 */
export async function serveApiRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
  commit: (result: HttpResult) => HttpResult,
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
  const committed = commit(result);
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

/**
 * A local HTTP server that misbehaves on purpose (redirects, huge or endless
 * bodies, lies, stalls, echoes the key), for the client and CLI hostile-server
 * tests. It binds 127.0.0.1 only, records what it was asked, and `close()`
 * also drops connections it left hanging.
 */
import * as http from "http";
import type { AddressInfo, Socket } from "net";

/** One request the server received. */
export interface SeenRequest {
  method: string;
  /** Path with the query string, e.g. `/v2/number_reservations?page[number]=1`. */
  url: string;
  /** The `Authorization` header as sent. */
  authorization?: string;
}

export interface HostileServer {
  /** Base URL the client should use (ends in `/v2`). */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Every request so far, oldest first. */
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export type HostileHandler = (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest[]) => void;

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    // Read the body (if any) before misbehaving, as a real server would.
    req.resume();
    req.on("end", () => handler(req, res, seen));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/v2`,
    origin,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answer `status` with a JSON body (and a request id, as Telnyx does). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "x-request-id": "hostile-request-1", ...headers });
  res.end(text);
}

/** A reservation as Telnyx renders it, with a given id. */
export function reservation(id: string, phoneNumber = "+19705550001"): Record<string, unknown> {
  return {
    id,
    record_type: "number_reservation",
    status: "success",
    customer_reference: "hostile",
    phone_numbers: [{ id: `${id}-n`, phone_number: phoneNumber, status: "success", expired_at: "2099-01-01T00:00:00Z" }],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

/** The `page[number]` a list request asked for (1 when absent). */
export function pageNumberOf(req: http.IncomingMessage): number {
  const url = new URL(req.url ?? "/", "http://x");
  return Number(url.searchParams.get("page[number]") ?? "1");
}

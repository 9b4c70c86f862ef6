/**
 * Assertions and shortcuts shared by the emulator's own tests: creating reservations, reading
 * `{data}` bodies and checking Telnyx-shaped errors and the headers every response carries.
 */

import * as http from "http";
import * as net from "net";
import type { NumberReservation, TelnyxError, TelnyxErrorBody } from "../../emulator";
import type { EmulatorFixture } from "../helpers/emulator";

/** Matches a v4 UUID as crypto.randomUUID produces. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Distinct valid E.164 numbers for tests: +1970555NNNN. */
export function testNumber(n: number): string {
  return `+1970555${String(n).padStart(4, "0")}`;
}

/** Creates a reservation through the API and returns its record (asserting the 200). */
export async function createReservation(
  emulator: EmulatorFixture,
  phoneNumbers: string[],
  customerReference?: string,
): Promise<NumberReservation> {
  const response = await emulator.request("POST", "/number_reservations", {
    json: {
      phone_numbers: phoneNumbers.map((phone_number) => ({ phone_number })),
      ...(customerReference !== undefined ? { customer_reference: customerReference } : {}),
    },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: NumberReservation }).data;
}

/** GETs a reservation and returns its record (asserting the 200). */
export async function retrieveReservation(emulator: EmulatorFixture, id: string): Promise<NumberReservation> {
  const response = await emulator.request("GET", `/number_reservations/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: NumberReservation }).data;
}

/** Creates a reservation and moves the emulator clock exactly to its settlement. */
export async function createSettledReservation(
  emulator: EmulatorFixture,
  phoneNumbers: string[],
  customerReference?: string,
): Promise<NumberReservation> {
  const { settleDelayMs } = await emulator.control.settings();
  const created = await createReservation(emulator, phoneNumbers, customerReference);
  await emulator.control.advanceClock(settleDelayMs / 1000);
  return retrieveReservation(emulator, created.id);
}

/** Asserts the headers every emulator response carries. */
export function expectCommonHeaders(response: Response): void {
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-request-id")).toMatch(UUID);
  expect(Number.isNaN(Date.parse(response.headers.get("date") ?? ""))).toBe(false);
}

/** Asserts a Telnyx-shaped error response and returns its errors for further checks. */
export async function expectTelnyxError(
  response: Response,
  status: number,
  code: string,
  source?: TelnyxError["source"],
): Promise<TelnyxError[]> {
  expect(response.status).toBe(status);
  expectCommonHeaders(response);
  const body = (await response.json()) as TelnyxErrorBody;
  expect(Array.isArray(body.errors)).toBe(true);
  expect(body.errors.length).toBeGreaterThan(0);
  for (const error of body.errors) {
    expect(error).toEqual(
      expect.objectContaining({ code: expect.stringMatching(/^\d+$/), title: expect.any(String), detail: expect.any(String) }),
    );
  }
  expect(body.errors).toContainEqual(expect.objectContaining({ code, ...(source ? { source } : {}) }));
  return body.errors;
}

/** What {@link rawRequest} got back. */
export interface RawResponse {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The body as text. */
  text: string;
}

/**
 * One request through Node's `http`, which (unlike fetch) lets a test set any `Host` and
 * `Origin` header and send request targets of any length.
 */
export function rawRequest(
  origin: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${origin}${request.path}`,
      { method: request.method, headers: request.headers, agent: false, timeout: 5000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer to ${request.method} ${request.path.slice(0, 80)}`)));
    req.on("error", reject);
    req.end(request.body);
  });
}

/**
 * Writes `text` as-is on a new TCP connection and reads one response (complete once its
 * `content-length` has arrived or the server closes). For requests `http` cannot send: no
 * `Host`, or headers left unfinished. Fails after `timeoutMs` without an answer.
 */
export function rawExchange(origin: string, text: string, timeoutMs = 5000): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    let received = "";
    const parsed = (): RawResponse | undefined => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return undefined;
      const [statusLine, ...lines] = received.slice(0, end).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
      const body = received.slice(end + 4);
      const complete = Buffer.byteLength(body) >= Number(headers["content-length"] ?? Infinity);
      return complete ? { status: Number(statusLine.split(" ")[1]), headers, text: body } : undefined;
    };
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const response = parsed();
      if (response) finish(() => resolve(response));
    });
    socket.on("close", () => {
      const response = parsed();
      finish(() => (response ? resolve(response) : reject(new Error(`connection closed without a complete answer: ${JSON.stringify(received)}`))));
    });
    socket.on("error", (err) => finish(() => reject(err)));
  });
}

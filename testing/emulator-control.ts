/**
 * A typed client of the emulator's control API (docs/emulator.md), for an
 * emulator started in-process, by the CLI or by the bench, and one /v2 request
 * with the usual headers. No test framework here: the bench loads it too.
 */
import type {
  ActiveFaultRule,
  EmulatorSettings,
  FaultRule,
  InventoryNumber,
  NumberReservation,
  RequestLogEntry,
} from "../emulator";

/** A control-API call that did not answer 2xx. */
export class EmulatorControlError extends Error {
  constructor(
    /** HTTP status answered. */
    readonly status: number,
    /** Parsed body (a Telnyx error body). */
    readonly body: unknown,
  ) {
    super(`emulator control call failed with ${status}: ${JSON.stringify(body)}`);
  }
}

/** Typed client of the emulator's control API (`/__emulator/...`). */
export class EmulatorControl {
  /** @param origin the emulator origin, e.g. `http://127.0.0.1:4010` (no `/v2`) */
  constructor(readonly origin: string) {}

  /** Forgets reservations, faults, rate limit, unavailable and taken numbers and the log; default inventory; real time; initial settings. */
  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }

  /** The emulator's current time (ISO-8601). */
  async now(): Promise<string> {
    return (await this.call<{ now: string }>("GET", "/clock")).now;
  }

  /** Moves the emulator clock forward; returns the new time. */
  async advanceClock(seconds: number): Promise<string> {
    return (await this.call<{ now: string }>("POST", "/clock/advance", { seconds })).now;
  }

  /** Marks numbers as unavailable to every later create; returns all numbers so marked. */
  async markUnavailable(phoneNumbers: string[]): Promise<string[]> {
    return (await this.call<{ phone_numbers: string[] }>("POST", "/numbers/unavailable", { phone_numbers: phoneNumbers }))
      .phone_numbers;
  }

  /** The numbers a search can find (taken ones included), in number order. */
  async inventory(): Promise<InventoryNumber[]> {
    return (await this.call<{ data: InventoryNumber[] }>("GET", "/inventory")).data;
  }

  /** Adds numbers to the inventory (replacing same-numbered entries); only `phoneNumber` is required. */
  async addInventory(numbers: Array<Partial<InventoryNumber> & Pick<InventoryNumber, "phoneNumber">>): Promise<InventoryNumber[]> {
    return (await this.call<{ data: InventoryNumber[] }>("POST", "/inventory", { numbers })).data;
  }

  /** Removes numbers from the inventory; returns what is left. */
  async removeInventory(phoneNumbers: string[]): Promise<InventoryNumber[]> {
    return (await this.call<{ data: InventoryNumber[] }>("POST", "/inventory/remove", { phone_numbers: phoneNumbers })).data;
  }

  /** Marks numbers as taken by another customer (no search shows them, a create fails for them); returns all so marked. */
  async takeNumbers(phoneNumbers: string[]): Promise<string[]> {
    return (await this.call<{ phone_numbers: string[] }>("POST", "/numbers/taken", { phone_numbers: phoneNumbers })).phone_numbers;
  }

  /** Adds a fault rule for the next matching /v2 requests; returns it with its id. */
  async addFault(rule: FaultRule): Promise<ActiveFaultRule> {
    return (await this.call<{ data: ActiveFaultRule }>("POST", "/faults", rule)).data;
  }

  /** The fault rules that can still fire, with their remaining counts. */
  async faults(): Promise<ActiveFaultRule[]> {
    return (await this.call<{ data: ActiveFaultRule[] }>("GET", "/faults")).data;
  }

  /** Removes every fault rule. */
  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  /** Limits /v2 to this many requests per (real) second; 0 turns the limit off. */
  async setRateLimit(requestsPerSecond: number): Promise<void> {
    await this.call("POST", "/rate-limit", { requestsPerSecond });
  }

  /** Changes some timing settings (affecting reservations created afterwards) and returns them all; with no argument, reads them. */
  async settings(changes?: Partial<EmulatorSettings>): Promise<EmulatorSettings> {
    return changes === undefined
      ? this.call<EmulatorSettings>("GET", "/settings")
      : this.call<EmulatorSettings>("POST", "/settings", changes);
  }

  /** The /v2 requests served since the last reset or clear, oldest first. */
  async requests(): Promise<RequestLogEntry[]> {
    return (await this.call<{ data: RequestLogEntry[] }>("GET", "/requests")).data;
  }

  /** Empties the request log. */
  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  /** Every reservation the emulator holds, oldest first, as the API would render it now. */
  async reservations(): Promise<NumberReservation[]> {
    return (await this.call<{ data: NumberReservation[] }>("GET", "/reservations")).data;
  }

  private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    // The control API refuses a POST that is not declared JSON (docs/emulator.md), even an empty one.
    const sendsJson = method === "POST" || body !== undefined;
    const response = await fetch(`${this.origin}/__emulator${path}`, {
      method,
      headers: sendsJson ? { "content-type": "application/json" } : {},
      body: sendsJson ? JSON.stringify(body ?? {}) : undefined,
    });
    const parsed: unknown = await response.json();
    if (!response.ok) throw new EmulatorControlError(response.status, parsed);
    return parsed as T;
  }
}

/** Options of {@link EmulatorFixture.request}. */
export interface ApiRequestOptions {
  /** Sent as the JSON body. */
  json?: unknown;
  /** Sent verbatim as the body (for malformed-body tests); wins over `json`. */
  body?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Bearer token to send; defaults to the fixture's key; `null` sends no Authorization header. */
  apiKey?: string | null;
}

/** Sends one /v2 request with the usual auth and JSON headers, so callers do not rebuild them by hand. */
export function apiRequest(baseUrl: string, defaultKey: string, method: string, path: string, options: ApiRequestOptions = {}) {
  const apiKey = options.apiKey === undefined ? defaultKey : options.apiKey;
  const body = options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  return fetch(baseUrl + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }),
      ...options.headers,
    },
    body,
  });
}

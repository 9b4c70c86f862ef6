/**
 * TelnyxClient: the typed client for Telnyx number reservations.
 *
 *   list      GET  /number_reservations?filter[...]&page[...]   (`listPage`, `list`, `listAll`)
 *   create    POST /number_reservations                          (never retried blindly)
 *   retrieve  GET  /number_reservations/{id}
 *   extend    POST /number_reservations/{id}/actions/extend      (idempotent in effect: retried)
 *
 * Configuration follows the official SDK: `TELNYX_API_KEY` and `TELNYX_BASE_URL`
 * when not given explicitly.
 */
import { TelnyxConfigurationError } from "./errors";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "./retry";
import { HttpTransport } from "./transport";
import {
  CreateReservationRequest,
  MAX_PAGE_SIZE,
  NumberReservation,
  PageOptions,
  ReservationFilters,
  ReservationPage,
} from "./types";

export const DEFAULT_BASE_URL = "https://api.telnyx.com/v2";

export interface TelnyxClientOptions {
  /** API key; defaults to `TELNYX_API_KEY`. */
  apiKey?: string;
  /** Base URL including `/v2`; defaults to `TELNYX_BASE_URL`, then `https://api.telnyx.com/v2`. */
  baseUrl?: string;
  /** Timeout of one HTTP attempt in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures (default 6). */
  maxRetries?: number;
  /** Fine-grained retry bounds; `maxRetries` wins over `retry.maxRetries`. */
  retry?: Partial<RetryPolicy>;
}

export class TelnyxClient {
  /** The base URL in use (without a trailing slash). */
  readonly baseUrl: string;
  private readonly transport: HttpTransport;

  constructor(options: TelnyxClientOptions = {}) {
    const apiKey = options.apiKey || process.env.TELNYX_API_KEY;
    if (!apiKey) {
      throw new TelnyxConfigurationError("No Telnyx API key: pass apiKey or set the environment variable TELNYX_API_KEY.");
    }
    this.baseUrl = checkBaseUrl(options.baseUrl || process.env.TELNYX_BASE_URL || DEFAULT_BASE_URL);
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      apiKey,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry, ...definedOnly({ maxRetries: options.maxRetries }) },
    });
  }

  /** One page of reservations matching `filters`. */
  async listPage(filters: ReservationFilters = {}, page: PageOptions = {}): Promise<ReservationPage> {
    const { body } = await this.transport.request<Partial<ReservationPage>>({
      method: "GET",
      path: "/number_reservations",
      idempotent: true,
      query: {
        "filter[status]": filters.status,
        "filter[customer_reference]": filters.customerReference,
        "filter[phone_numbers.phone_number]": filters.phoneNumber,
        "filter[created_at][gt]": filters.createdAfter,
        "filter[created_at][lt]": filters.createdBefore,
        "page[number]": page.pageNumber,
        "page[size]": page.pageSize,
      },
    });
    return { data: body.data ?? [], meta: body.meta ?? {} };
  }

  /** Every reservation matching `filters`, page after page (`page[size]` 250 unless given). */
  async *list(filters: ReservationFilters = {}, options: { pageSize?: number } = {}): AsyncGenerator<NumberReservation> {
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    for (let pageNumber = 1; ; pageNumber++) {
      const { data, meta } = await this.listPage(filters, { pageNumber, pageSize });
      yield* data;
      const last = meta.total_pages !== undefined ? pageNumber >= meta.total_pages : data.length < pageSize;
      if (last || data.length === 0) return;
    }
  }

  /** `list` collected into an array. */
  async listAll(filters: ReservationFilters = {}): Promise<NumberReservation[]> {
    const all: NumberReservation[] = [];
    for await (const reservation of this.list(filters)) all.push(reservation);
    return all;
  }

  /**
   * Create a reservation. Not retried on 5xx, timeouts or dropped connections:
   * those throw a `TelnyxApiError` with `outcomeUnknown` set, and the caller
   * decides (the provider looks the reservation up before trying again).
   */
  async create(request: CreateReservationRequest): Promise<NumberReservation> {
    const { body } = await this.transport.request<{ data: NumberReservation }>({
      method: "POST",
      path: "/number_reservations",
      idempotent: false,
      body: request,
    });
    return body.data;
  }

  async retrieve(id: string): Promise<NumberReservation> {
    const { body } = await this.transport.request<{ data: NumberReservation }>({
      method: "GET",
      path: `/number_reservations/${encodeURIComponent(id)}`,
      idempotent: true,
    });
    return body.data;
  }

  /** Move every held number's expiry on (Telnyx adds about 30 minutes). */
  async extend(id: string): Promise<NumberReservation> {
    const { body } = await this.transport.request<{ data: NumberReservation }>({
      method: "POST",
      path: `/number_reservations/${encodeURIComponent(id)}/actions/extend`,
      // Extending twice only moves the expiry to the same "now + 30 min": safe to repeat.
      idempotent: true,
    });
    return body.data;
  }

  /** Now on Telnyx's clock (ms since epoch), as of the last response. */
  serverNow(): number {
    return this.transport.serverNow();
  }

  /**
   * Now on Telnyx's clock, asking Telnyx once (the smallest list page) if no
   * response has told it yet. Hold expiry is Telnyx's clock, not the runner's.
   */
  async syncedServerNow(): Promise<number> {
    if (!this.transport.hasServerClock()) await this.listPage({}, { pageSize: 1 });
    return this.transport.serverNow();
  }

  /** Release keep-alive sockets. */
  close(): void {
    this.transport.close();
  }
}

function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TelnyxConfigurationError(`Telnyx base URL "${raw}" is not a URL (set telnyx:baseUrl or TELNYX_BASE_URL).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TelnyxConfigurationError(`Telnyx base URL "${raw}" must be http or https.`);
  }
  return raw.replace(/\/+$/, "");
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

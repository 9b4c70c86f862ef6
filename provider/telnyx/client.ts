/**
 * TelnyxClient: the typed client for Telnyx number reservations.
 *
 *   list      GET  /number_reservations?filter[...]&page[...]   (`listPage`, `list`, `listAll`)
 *   create    POST /number_reservations                          (never retried blindly)
 *   retrieve  GET  /number_reservations/{id}
 *   extend    POST /number_reservations/{id}/actions/extend      (idempotent in effect: retried)
 *   search    GET  /available_phone_numbers?filter[...]           (`searchAvailablePhoneNumbers`)
 *
 * Configuration follows the official SDK: `TELNYX_API_KEY` and `TELNYX_BASE_URL`
 * when not given explicitly.
 */
import { inspect } from "util";
import { TelnyxConfigurationError } from "./errors";
import { keyRedactor } from "./redact";
import { availableNumbersAnswer, pageAnswer, reservationAnswer } from "./response-shape";
import { SearchCriteria, SearchOptions, checkSearchCriteria, checkSearchOptions, searchQuery } from "../search-criteria";
import type { ListQueryParameter } from "../../wire";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "./retry";
import { HttpTransport } from "./transport";
import {
  AvailablePhoneNumbersPage,
  CreateReservationRequest,
  MAX_PAGE_SIZE,
  NumberReservation,
  PageOptions,
  ReservationFilters,
  ReservationPage,
} from "./types";

export const DEFAULT_BASE_URL = "https://api.telnyx.com/v2";

/**
 * The most pages `list` fetches (250 reservations each: 250 000 in all). A server
 * whose `meta` lies or is missing could otherwise keep a listing going forever.
 */
export const MAX_LIST_PAGES = 1000;

/**
 * The most answer bytes `list` reads for one listing, all pages together (128 MiB:
 * 250 000 one-number reservations are about 110 MiB). Each answer is bounded by
 * MAX_RESPONSE_BYTES, but 1000 pages of 8 MiB would still exhaust the heap.
 */
export const MAX_LIST_BYTES = 128 * 1024 * 1024;

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
  /**
   * Told about trouble that does not fail a call, each at most once per client: a
   * plain `http://` base URL on another machine (the key would cross the network
   * unencrypted), and a server `Date` too far from the local clock to trust.
   * Default: a line on stderr.
   */
  onWarning?: (message: string) => void;
}

export class TelnyxClient {
  /** The base URL in use (without a trailing slash). */
  readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly printable: () => { baseUrl: string };

  constructor(options: TelnyxClientOptions = {}) {
    const apiKey = options.apiKey || process.env.TELNYX_API_KEY;
    if (!apiKey) {
      throw new TelnyxConfigurationError("No Telnyx API key: pass apiKey or set the environment variable TELNYX_API_KEY.");
    }
    checkApiKey(apiKey);
    const redact = keyRedactor(apiKey);
    this.baseUrl = checkBaseUrl(options.baseUrl || process.env.TELNYX_BASE_URL || DEFAULT_BASE_URL, redact);
    // A closure, not a field: the key's holder never shows in `util.inspect` or a spread.
    this.printable = () => ({ baseUrl: redact(this.baseUrl) });
    const onWarning = options.onWarning ?? ((message) => process.stderr.write(`warning: ${message}\n`));
    const plainHttp = plainHttpWarning(this.baseUrl);
    if (plainHttp) onWarning(redact(plainHttp));
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      apiKey,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry, ...definedOnly({ maxRetries: options.maxRetries }) },
      onWarning,
    });
  }

  /** What `JSON.stringify` shows: the base URL (key redacted), nothing of the transport. */
  toJSON(): { baseUrl: string } {
    return this.printable();
  }

  /** What `util.inspect` and `console.log` show: the same as `toJSON`. */
  [inspect.custom](): string {
    return `TelnyxClient ${inspect(this.printable())}`;
  }

  /** One page of reservations matching `filters`. */
  async listPage(filters: ReservationFilters = {}, page: PageOptions = {}): Promise<ReservationPage> {
    return (await this.fetchPage(filters, page)).body;
  }

  /**
   * Every reservation matching `filters`, page after page (`page[size]` 250 unless
   * given). Throws rather than loop for ever, or read without end, when the
   * server's paging is broken or the list is too large: more than `maxPages`
   * pages (default MAX_LIST_PAGES), answers adding up to more than `maxBytes`
   * (default MAX_LIST_BYTES; the page that goes over is not handed out), or a
   * page that repeats the previous one (the server ignores `page[number]`).
   */
  async *list(
    filters: ReservationFilters = {},
    options: { pageSize?: number; maxPages?: number; maxBytes?: number } = {},
  ): AsyncGenerator<NumberReservation> {
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    const maxPages = options.maxPages ?? MAX_LIST_PAGES;
    const maxBytes = options.maxBytes ?? MAX_LIST_BYTES;
    let previous = "";
    let bytesRead = 0;
    for (let pageNumber = 1; ; pageNumber++) {
      const { body, requestId, bytes } = await this.fetchPage(filters, { pageNumber, pageSize });
      bytesRead += bytes;
      if (bytesRead > maxBytes) {
        throw this.listError(
          requestId,
          `the list's answers add up to more than ${sizeText(maxBytes)} by page ${pageNumber}, the most the client reads for one list; ` +
            "narrow it with filters (status, customer reference, phone number, creation time)",
        );
      }
      const { data, meta } = body;
      const ids = JSON.stringify(data.map((r) => r.id));
      if (data.length > 0 && ids === previous) {
        throw this.listError(requestId, `page ${pageNumber} repeats page ${pageNumber - 1} (the server ignores page[number])`);
      }
      previous = ids;
      yield* data;
      const totalPages = meta.total_pages !== undefined && Number.isFinite(meta.total_pages) ? meta.total_pages : undefined;
      const last = totalPages !== undefined ? pageNumber >= totalPages : data.length < pageSize;
      if (last || data.length === 0) return;
      if (pageNumber >= maxPages) {
        throw this.listError(requestId, `the list has more than ${maxPages} pages, the most the client fetches; narrow it with filters`);
      }
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
    const { body } = await this.transport.request({
      method: "POST",
      path: "/number_reservations",
      idempotent: false,
      body: request,
      decode: reservationAnswer,
    });
    return body;
  }

  async retrieve(id: string): Promise<NumberReservation> {
    const { body } = await this.transport.request({
      method: "GET",
      path: `/number_reservations/${encodeURIComponent(id)}`,
      idempotent: true,
      decode: reservationAnswer,
    });
    return body;
  }

  /** Move every held number's expiry on (Telnyx adds about 30 minutes). */
  async extend(id: string): Promise<NumberReservation> {
    const { body } = await this.transport.request({
      method: "POST",
      path: `/number_reservations/${encodeURIComponent(id)}/actions/extend`,
      // Extending twice only moves the expiry to the same "now + 30 min": safe to repeat.
      idempotent: true,
      decode: reservationAnswer,
    });
    return body;
  }

  /**
   * Numbers available to buy or reserve that match `criteria`: one call, at most `options.limit`
   * numbers (default DEFAULT_SEARCH_LIMIT). Criteria and limit are checked first: a wrong one
   * throws a `TelnyxInputError` naming it, and nothing is sent.
   */
  async searchAvailablePhoneNumbers(criteria: SearchCriteria, options: SearchOptions = {}): Promise<AvailablePhoneNumbersPage> {
    const query = searchQuery(checkSearchCriteria(criteria), checkSearchOptions(options));
    const { body } = await this.transport.request({
      method: "GET",
      path: "/available_phone_numbers",
      idempotent: true,
      decode: availableNumbersAnswer,
      query,
    });
    return body;
  }

  /** Now on Telnyx's clock (ms since epoch), as of the last response. */
  serverNow(): number {
    return this.transport.serverNow();
  }

  /** Whether a response has told this client Telnyx's time yet (else `serverNow` is the local clock). */
  hasServerClock(): boolean {
    return this.transport.hasServerClock();
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

  private fetchPage(filters: ReservationFilters, page: PageOptions) {
    return this.transport.request({
      method: "GET",
      path: "/number_reservations",
      idempotent: true,
      decode: pageAnswer,
      query: {
        "filter[status]": filters.status,
        "filter[customer_reference]": filters.customerReference,
        "filter[phone_numbers.phone_number]": filters.phoneNumber,
        "filter[created_at][gt]": filters.createdAfter,
        "filter[created_at][lt]": filters.createdBefore,
        "page[number]": page.pageNumber,
        "page[size]": page.pageSize,
      } satisfies Record<ListQueryParameter, string | number | undefined>,
    });
  }

  private listError(requestId: string | undefined, cause: string) {
    return this.transport.error(
      { method: "GET", path: "/number_reservations" },
      { kind: "unexpected_response", status: 200, requestId, cause },
    );
  }
}

/**
 * The key goes into an HTTP header: a line break, a control character, a space
 * or a non-ASCII character there is a copy-paste slip (or a header injection),
 * and sending it could only fail, after every retry. Say so at once, without
 * printing the key.
 */
function checkApiKey(key: string): void {
  const bad = /[^\x21-\x7e]/.exec(key);
  if (!bad) return;
  const char = bad[0];
  const what = /\s/.test(char) ? "whitespace or a line break" : char < " " || char === "\x7f" ? "a control character" : "a non-ASCII character";
  throw new TelnyxConfigurationError(
    `The Telnyx API key cannot be sent in an HTTP header: character ${bad.index + 1} of ${key.length} is ${what}. ` +
      "Check the key for stray whitespace, quotes or line breaks.",
  );
}

/**
 * Why `raw` cannot be a base URL (`is not a URL`, `must be http or https`), or
 * undefined when it can. Exported so the CLI can name its flag or variable in the
 * message (this module's own message speaks of stack config, for the provider).
 */
export function baseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  return url.protocol === "http:" || url.protocol === "https:" ? undefined : "must be http or https";
}

/** `raw` without trailing slashes, or a configuration error quoting it with the key redacted (a swapped variable puts the key there). */
function checkBaseUrl(raw: string, redact: (text: string) => string): string {
  const problem = baseUrlProblem(raw);
  if (problem) throw new TelnyxConfigurationError(redact(`Telnyx base URL "${raw}" ${problem} (set telnyx:baseUrl or TELNYX_BASE_URL).`));
  return raw.replace(/\/+$/, "");
}

/**
 * The warning for a plain-http base URL whose host is not this machine, or
 * undefined. On loopback (the emulator) nothing leaves the machine, so no warning.
 */
function plainHttpWarning(baseUrl: string): string | undefined {
  const url = new URL(baseUrl);
  if (url.protocol !== "http:") return undefined;
  const host = url.hostname;
  if (host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  return (
    `the Telnyx base URL is plain http to ${url.host}, another machine: the API key and every answer ` +
    "cross the network not encrypted. Use https (plain http is meant for the local emulator)."
  );
}

/** "128 MiB" for whole mebibytes, else the byte count. */
function sizeText(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

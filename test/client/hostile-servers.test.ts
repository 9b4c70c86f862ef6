/**
 * TelnyxClient against local servers that misbehave on purpose: redirects to
 * another port, huge and endless bodies, lying or endless pagination, stalls,
 * wrong-shape and non-JSON answers, key echoes, absurd `Retry-After` values and
 * a far-off clock. Each test asserts what the client does (the error it throws,
 * how many requests the server saw), never how long it took.
 */
import type * as http from "http";
import { inspect } from "util";
import { MAX_LIST_BYTES, MAX_LIST_PAGES, MAX_RESPONSE_BYTES, TelnyxApiError, TelnyxClient, TelnyxClientOptions, TelnyxConfigurationError } from "../../provider/telnyx";
import { MAX_TRUSTED_CLOCK_SKEW_MS } from "../../provider/telnyx/transport";
import { HostileHandler, HostileServer, pageNumberOf, reservation, sendJson, startHostileServer } from "./hostile-server";

const KEY = "KEYsecr3t\"Quote\\Back/Slash-9f8e7d6c5b4a";
const ID = "6d1f5c1e-6a4b-4c8f-9d2e-0a1b2c3d4e5f";
const EMPTY_PAGE = { data: [], meta: { page_number: 1, page_size: 250, total_pages: 1, total_results: 0 } };

const servers: HostileServer[] = [];
const clients: TelnyxClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: HostileHandler): Promise<HostileServer> {
  const server = await startHostileServer(handler);
  servers.push(server);
  return server;
}

function client(server: HostileServer, options: TelnyxClientOptions = {}): TelnyxClient {
  const api = new TelnyxClient({ apiKey: KEY, baseUrl: server.url, retry: { baseDelayMs: 5 }, ...options });
  clients.push(api);
  return api;
}

async function failure(promise: Promise<unknown>): Promise<TelnyxApiError> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error).toBeInstanceOf(TelnyxApiError);
  return error as TelnyxApiError;
}

/** Every text form of an error a user or a log could see. */
function renderings(error: Error): string[] {
  return [error.message, String(error), error.stack ?? "", JSON.stringify(error), JSON.stringify({ ...error })];
}

/** No form of the key, nor any 8-character piece of it, in any case. */
function expectNoKey(text: string): void {
  const lower = text.toLowerCase();
  for (const form of [KEY, JSON.stringify(KEY).slice(1, -1), encodeURIComponent(KEY)]) {
    for (let i = 0; i + 8 <= form.length; i++) expect(lower).not.toContain(form.slice(i, i + 8).toLowerCase());
  }
}

describe("redirects are not followed", () => {
  it.each([
    ["GET", (api: TelnyxClient) => api.listPage()],
    ["POST", (api: TelnyxClient) => api.create({ phone_numbers: [{ phone_number: "+19705550001" }] })],
  ])("a 307 on %s to another port is an error naming status and location; nothing reaches the other port", async (method, call) => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const target = `${elsewhere.url}/number_reservations`;
    const server = await serve((_req, res) => {
      res.writeHead(307, { location: target, "x-request-id": "hostile-request-1" });
      res.end();
    });
    const error = await failure(call(client(server)));
    expect(error).toMatchObject({ status: 307, method, attempts: 1, requestId: "hostile-request-1" });
    expect(error.message).toContain("HTTP 307");
    expect(error.message).toContain(target);
    expect(elsewhere.seen).toHaveLength(0);
    expect(server.seen).toHaveLength(1);
  });
});

describe("answer size", () => {
  /** Streams `bytes` of a valid JSON page (padding in a string), as fast as the client reads it. */
  function hugePage(status: number, bytes: number): HostileHandler {
    return (_req, res) => {
      res.writeHead(status, { "content-type": "application/json", "x-request-id": "hostile-request-1" });
      res.write('{"data":[],"meta":{},"pad":"');
      const chunk = "x".repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end('"}');
      };
      res.on("error", () => undefined);
      pump();
    };
  }

  it("refuses a 2xx answer over the limit, once, without retrying", async () => {
    const server = await serve(hugePage(200, MAX_RESPONSE_BYTES + 1024 * 1024));
    const error = await failure(client(server).listPage());
    expect(error.message).toContain(`${MAX_RESPONSE_BYTES} bytes`);
    expect(error).toMatchObject({ method: "GET", path: "/number_reservations", attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });

  it("does not retry an error answer over the limit either", async () => {
    const server = await serve(hugePage(503, MAX_RESPONSE_BYTES + 1024 * 1024));
    const error = await failure(client(server).listPage());
    expect(error.attempts).toBe(1);
    expect(error.message).toContain(`${MAX_RESPONSE_BYTES} bytes`);
    expect(server.seen).toHaveLength(1);
  });

  it("accepts an answer just under the limit", async () => {
    const server = await serve(hugePage(200, MAX_RESPONSE_BYTES - 64 * 1024));
    await expect(client(server).listPage()).resolves.toMatchObject({ data: [] });
  });
});

describe("pagination that does not end", () => {
  /** Distinct one-reservation pages that claim `totalPages` until page `honestAfter`, then end. */
  function lyingPages(meta: (page: number) => Record<string, unknown> | undefined, honestAfter = 50): HostileHandler {
    return (req, res) => {
      const page = pageNumberOf(req);
      const last = page >= honestAfter;
      sendJson(res, 200, {
        data: [reservation(`page-${page}`)],
        ...(last ? { meta: { page_number: page, total_pages: page } } : meta(page) ? { meta: meta(page) } : {}),
      });
    };
  }

  it("stops at the page cap when total_pages lies", async () => {
    const server = await serve(lyingPages((page) => ({ page_number: page, total_pages: 1e9 })));
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const r of client(server).list({}, { pageSize: 1, maxPages: 5 })) seen.push(r.id);
      })(),
    );
    expect(error.message).toMatch(/more than 5 pages/);
    expect(server.seen).toHaveLength(5);
  });

  it("stops at the page cap when meta is missing and every page is full", async () => {
    const server = await serve(lyingPages(() => undefined));
    const error = await failure(
      (async () => {
        for await (const _ of client(server).list({}, { pageSize: 1, maxPages: 3 })) void _;
      })(),
    );
    expect(error.message).toMatch(/more than 3 pages/);
    expect(server.seen).toHaveLength(3);
  });

  it(`stops at ${MAX_LIST_PAGES} pages by default`, async () => {
    const server = await serve(lyingPages((page) => ({ page_number: page, total_pages: 1e9 }), MAX_LIST_PAGES + 5));
    const error = await failure(client(server).listAll());
    expect(error.message).toContain(`more than ${MAX_LIST_PAGES} pages`);
    expect(server.seen).toHaveLength(MAX_LIST_PAGES);
  });

  it("stops when a page repeats the previous one (the server ignores page[number])", async () => {
    let served = 0;
    const server = await serve((_req, res) => {
      served++;
      sendJson(res, 200, { data: [reservation(ID)], meta: { page_number: 1, total_pages: served >= 50 ? 1 : 1e9 } });
    });
    const error = await failure(client(server).listAll());
    expect(error.message).toMatch(/page 2 repeats page 1/);
    expect(server.seen).toHaveLength(2);
  });
});

describe("stalls end at the call's deadline", () => {
  it("a server that never answers", async () => {
    const server = await serve(() => undefined);
    const error = await failure(client(server, { timeoutMs: 600_000, retry: { deadlineMs: 300 } }).listPage());
    expect(error).toMatchObject({ kind: "timeout", method: "GET" });
    expect(error.message).toMatch(/deadline of 300 ms/);
  }, 10_000);

  it("a server that sends headers and then stalls the body", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":[');
    });
    const error = await failure(client(server, { timeoutMs: 600_000, retry: { deadlineMs: 300 } }).retrieve(ID));
    expect(error).toMatchObject({ kind: "timeout" });
    expect(error.message).toMatch(/deadline of 300 ms/);
  }, 10_000);
});

describe("answers of the wrong shape", () => {
  const calls: Array<[string, string, string, unknown, (api: TelnyxClient) => Promise<unknown>]> = [
    ["retrieve", "GET", `/number_reservations/${ID}`, { data: 5 }, (api) => api.retrieve(ID)],
    ["retrieve", "GET", `/number_reservations/${ID}`, { data: null }, (api) => api.retrieve(ID)],
    ["retrieve", "GET", `/number_reservations/${ID}`, { data: { id: ID, phone_numbers: "none" } }, (api) => api.retrieve(ID)],
    ["extend", "POST", `/number_reservations/${ID}/actions/extend`, { data: { id: 7, phone_numbers: [] } }, (api) => api.extend(ID)],
    ["create", "POST", "/number_reservations", { data: [] }, (api) => api.create({ phone_numbers: [{ phone_number: "+19705550001" }] })],
    ["listPage", "GET", "/number_reservations", { data: 5 }, (api) => api.listPage()],
    ["listPage", "GET", "/number_reservations", { data: [5] }, (api) => api.listPage()],
    ["listPage", "GET", "/number_reservations", { data: [{ id: ID, phone_numbers: [{ phone_number: 5 }] }] }, (api) => api.listPage()],
    ["listPage", "GET", "/number_reservations", { data: [], meta: "page 1" }, (api) => api.listPage()],
    ["listPage", "GET", "/number_reservations", [1, 2], (api) => api.listPage()],
    ["search", "GET", "/available_phone_numbers", { data: { phone_number: "+19702210100" } }, (api) => api.searchAvailablePhoneNumbers({ countryCode: "US" })],
    ["search", "GET", "/available_phone_numbers", { data: [{ phone_number: 19702210100 }] }, (api) => api.searchAvailablePhoneNumbers({ countryCode: "US" })],
    ["search", "GET", "/available_phone_numbers", { data: [{ phone_number: "+19702210100", features: "sms" }] }, (api) => api.searchAvailablePhoneNumbers({ countryCode: "US" })],
    ["search", "GET", "/available_phone_numbers", { data: [{ phone_number: "+19702210100", reservable: "yes" }] }, (api) => api.searchAvailablePhoneNumbers({ countryCode: "US" })],
    ["search", "GET", "/available_phone_numbers", { data: [{ phone_number: "+19702210100", cost_information: { monthly_cost: 1 } }] }, (api) => api.searchAvailablePhoneNumbers({ countryCode: "US" })],
    ["search", "GET", "/available_phone_numbers", { data: [], meta: { total_results: "2" } }, (api) => api.searchAvailablePhoneNumbers({ countryCode: "US" })],
  ];

  it.each(calls)("%s (%s %s) answered with %j is a TelnyxApiError, not retried", async (_name, method, path, body, call) => {
    const server = await serve((_req, res) => sendJson(res, 200, body));
    const error = await failure(call(client(server)));
    expect(error).toMatchObject({ kind: "unexpected_response", status: 200, method, path, requestId: "hostile-request-1", attempts: 1 });
    expect(error.message).toContain(`Telnyx ${method} ${path} failed: HTTP 200`);
    expect(error.message).toContain("request id hostile-request-1");
    expect(server.seen).toHaveLength(1);
  });

  it("a create answered with the wrong shape may have taken effect", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: 5 }));
    const error = await failure(client(server).create({ phone_numbers: [{ phone_number: "+19705550001" }] }));
    expect(error.outcomeUnknown).toBe(true);
  });

  it("a non-JSON 200 is reported as such, without quoting it, and not retried", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "x-request-id": "hostile-request-1" });
      res.end(`<html><body>Welcome, your key is ${KEY}</body></html>`);
    });
    const error = await failure(client(server).listPage());
    expect(error).toMatchObject({ kind: "unexpected_response", status: 200, attempts: 1 });
    expect(error.message).toMatch(/not JSON \(text\/html, \d+ bytes\)/);
    expect(error.message).not.toContain("<html");
    renderings(error).forEach(expectNoKey);
    expect(server.seen).toHaveLength(1);
  });
});

describe("the key never comes back out (see also client.test.ts for Telnyx-shaped echoes)", () => {
  const forms = {
    plain: KEY,
    lower: KEY.toLowerCase(),
    upper: KEY.toUpperCase(),
    jsonEscaped: JSON.stringify(KEY).slice(1, -1),
    urlEncoded: encodeURIComponent(KEY),
  };
  // [how, handler, a text of the answer that must be replaced or left out]
  const echoes: Array<[string, (req: http.IncomingMessage, res: http.ServerResponse) => void, string]> = [
    [
      "in a non-JSON error body",
      (req, res) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`upstream failed for ${req.headers.authorization} ${forms.lower}`);
      },
      "not JSON (text/plain",
    ],
    [
      "in a redirect's Location",
      (_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.1:9/steal/${forms.upper}?k=${forms.urlEncoded}&raw=${forms.lower}#${forms.plain}` });
        res.end();
      },
      "redirected to http://127.0.0.1:9/steal/[redacted]?k=[redacted]&raw=[redacted]#[redacted]",
    ],
  ];

  it.each(echoes)("when the server echoes it %s", async (_how, handler, expected) => {
    const server = await serve(handler);
    const error = await failure(client(server, { maxRetries: 0 }).listPage());
    expect(server.seen[0].authorization).toBe(`Bearer ${KEY}`);
    renderings(error).forEach(expectNoKey);
    expect(error.message).toContain(expected);
  });

  it.each([
    ["a trailing newline", `${KEY}\n`],
    ["a header injection", "KEYabc\r\nx-injected: 1"],
    ["a leading space", ` ${KEY}`],
    ["a non-ASCII character", "KEYключ0123"],
  ])("a key with %s fails at once with a configuration error, before any request", async (_what, badKey) => {
    const server = await serve((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    let thrown: unknown;
    try {
      new TelnyxClient({ apiKey: badKey, baseUrl: server.url });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TelnyxConfigurationError);
    expect((thrown as Error).message).toMatch(/API key .*HTTP header/);
    expect((thrown as Error).message).not.toContain(badKey.trim());
    expect(server.seen).toHaveLength(0);
  });
});

describe("server-requested waits never outlast the call", () => {
  /** A 429 asking for `headers` on the first request; every later request succeeds. */
  function limitedOnce(headers: Record<string, string>): HostileHandler {
    return (_req, res, seen) => {
      if (seen.length === 1) sendJson(res, 429, { errors: [{ code: "10011", title: "Too many requests" }] }, headers);
      else sendJson(res, 200, EMPTY_PAGE);
    };
  }

  it.each([
    ["Retry-After: 999999", { "retry-after": "999999" }],
    ["Retry-After: 1e308", { "retry-after": "1e308" }],
    ["x-ratelimit-reset: 999999", { "x-ratelimit-reset": "999999" }],
  ])("%s: the call fails at once naming the deadline, and the next call is not held up", async (_what, headers) => {
    const server = await serve(limitedOnce(headers));
    const api = client(server);
    const error = await failure(api.listPage());
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, attempts: 1 });
    expect(error.message).toMatch(/beyond the call's deadline of 120000 ms/);
    // No retry followed, so no shared pause was taken: the next call goes straight out.
    await expect(api.listPage()).resolves.toMatchObject({ data: [] });
    expect(server.seen).toHaveLength(2);
  }, 10_000);

  it("a wait that fits is taken, and the retry succeeds", async () => {
    const server = await serve(limitedOnce({ "retry-after": "0" }));
    await expect(client(server).listPage()).resolves.toMatchObject({ data: [] });
    expect(server.seen).toHaveLength(2);
  });
});

describe("the server's clock", () => {
  function dated(offsetMs: number): HostileHandler {
    return (_req, res) => sendJson(res, 200, EMPTY_PAGE, { date: new Date(Date.now() + offsetMs).toUTCString() });
  }

  it("is followed within the trusted skew", async () => {
    const warnings: string[] = [];
    const server = await serve(dated(2 * 3_600_000));
    const now = await client(server, { onWarning: (w) => warnings.push(w) }).syncedServerNow();
    expect(now - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(warnings).toEqual([]);
  });

  it.each([
    ["ahead", 3 * 24 * 3_600_000],
    ["behind", -(MAX_TRUSTED_CLOCK_SKEW_MS + 3_600_000)],
  ])("is ignored, with one warning, when it is further %s than the bound", async (_dir, offset) => {
    const warnings: string[] = [];
    const server = await serve(dated(offset));
    const api = client(server, { onWarning: (w) => warnings.push(w) });
    const now = await api.syncedServerNow();
    expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
    await api.listPage();
    await api.listPage();
    expect(Math.abs(api.serverNow() - Date.now())).toBeLessThan(60_000);
    expect(warnings).toHaveLength(1);
    const serverYearMonthDay = new Date(Date.now() + offset).toISOString().slice(0, 10);
    expect(warnings[0]).toContain(serverYearMonthDay);
    expect(warnings[0]).toContain(new Date().toISOString().slice(0, 10));
    expect(warnings[0]).toMatch(/local clock/);
  });

  it("bounds the skew at 12 hours", () => {
    expect(MAX_TRUSTED_CLOCK_SKEW_MS).toBe(12 * 3_600_000);
  });
});

describe("pagination's total size is bounded, not only each answer", () => {
  const MiB = 1024 * 1024;

  /** Distinct one-reservation pages of exactly `bytes` each (padding at the top level), ending after `pages`. */
  function paddedPages(bytes: number, pages: number): HostileHandler {
    return (req, res) => {
      const page = pageNumberOf(req);
      const body = { data: [reservation(`page-${page}`)], meta: { page_number: page, page_size: 1, total_pages: pages }, pad: "" };
      const text = JSON.stringify(body).replace('"pad":""', `"pad":"${"x".repeat(bytes - JSON.stringify(body).length)}"`);
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "hostile-request-1" });
      res.end(text);
    };
  }

  it("list stops once the pages add up to more than its byte budget, naming the limit and filters", async () => {
    const server = await serve(paddedPages(MiB, 40));
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const r of client(server).list({}, { pageSize: 1, maxBytes: 16 * MiB })) seen.push(r.id);
      })(),
    );
    expect(error).toMatchObject({ kind: "unexpected_response", method: "GET", path: "/number_reservations" });
    expect(error.message).toMatch(/more than 16 MiB/);
    expect(error.message).toMatch(/narrow it with filters/);
    // 16 pages of exactly 1 MiB fit; the 17th goes over and is not handed out.
    expect(server.seen).toHaveLength(17);
    expect(seen).toHaveLength(16);
  });

  it(`listAll stops at MAX_LIST_BYTES (${MAX_LIST_BYTES / MiB} MiB) by default, long before the page cap`, async () => {
    const pageBytes = MAX_RESPONSE_BYTES - 64 * 1024;
    const server = await serve(paddedPages(pageBytes, 60));
    const error = await failure(client(server).listAll());
    expect(error.message).toContain(`more than ${MAX_LIST_BYTES / MiB} MiB`);
    expect(server.seen).toHaveLength(Math.floor(MAX_LIST_BYTES / pageBytes) + 1);
  }, 30_000);

  it("a list within the budget is read whole", async () => {
    const server = await serve(paddedPages(MiB, 10));
    const all: string[] = [];
    for await (const r of client(server).list({}, { pageSize: 1, maxBytes: 10 * MiB })) all.push(r.id);
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => `page-${i + 1}`));
  });
});

describe("plain http to another machine", () => {
  function warningsFor(baseUrl: string): string[] {
    const warnings: string[] = [];
    const api = new TelnyxClient({ apiKey: KEY, baseUrl, onWarning: (w) => warnings.push(w) });
    clients.push(api);
    return warnings;
  }

  it.each(["http://198.51.100.7/v2", "http://telnyx.example.com:8080/v2", "http://localhost.evil.example/v2", "http://10.0.0.5/v2"])(
    "%s: one warning that the key crosses the network unencrypted, without the key",
    (baseUrl) => {
      const warnings = warningsFor(baseUrl);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(new URL(baseUrl).host);
      expect(warnings[0]).toMatch(/not encrypted.*https/);
      expectNoKey(warnings[0]);
    },
  );

  it.each(["http://127.0.0.1:4010/v2", "http://localhost:4010/v2", "http://[::1]:4010/v2", "http://127.8.9.10/v2", "https://api.telnyx.com/v2"])(
    "%s: no warning (loopback, as the emulator, or https)",
    (baseUrl) => {
      expect(warningsFor(baseUrl)).toEqual([]);
    },
  );

  it("the emulator-like loopback server stays silent through real calls too", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const warnings: string[] = [];
    const api = client(server, { onWarning: (w) => warnings.push(w) });
    await api.listPage();
    await api.listPage();
    expect(warnings).toEqual([]);
  });
});

describe("the key stays out of a client's printed forms", () => {
  it("util.inspect (every option) and JSON.stringify of a client that has made calls show no key", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, EMPTY_PAGE));
    const api = client(server);
    await api.listPage();
    const forms = [
      inspect(api),
      inspect(api, { showHidden: true, depth: Infinity, getters: true }),
      JSON.stringify(api),
      JSON.stringify({ ...api }),
      inspect({ ...api }, { showHidden: true, depth: Infinity }),
    ];
    forms.forEach(expectNoKey);
    expect(inspect(api)).toContain(server.url);
    expect(JSON.parse(JSON.stringify(api))).toEqual({ baseUrl: server.url });
  });

  it.each([
    ["is the key itself (swapped variables)", KEY],
    ["holds the key in an unsupported scheme", `ftp://${encodeURIComponent(KEY)}@example.com/v2`],
  ])("a base URL that %s fails with a configuration error that does not print the key", (_what, baseUrl) => {
    let thrown: unknown;
    try {
      new TelnyxClient({ apiKey: KEY, baseUrl });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TelnyxConfigurationError);
    expect((thrown as Error).message).toMatch(/base URL/);
    expect((thrown as Error).message).toContain("[redacted]");
    renderings(thrown as Error).forEach(expectNoKey);
  });

  it("a working base URL that carries the key is redacted when the client is printed", () => {
    const api = new TelnyxClient({ apiKey: KEY, baseUrl: `https://api.telnyx.com/v2?token=${encodeURIComponent(KEY)}` });
    clients.push(api);
    [inspect(api), JSON.stringify(api)].forEach(expectNoKey);
    expect(inspect(api)).toContain("https://api.telnyx.com/v2?token=[redacted]");
  });
});

/**
 * The built CLI against local servers that misbehave on purpose, and against
 * hostile input: whatever the server sends, the CLI prints no terminal control
 * sequence and no forged line, fails with one line and exit 1 (never a raw
 * TypeError, never the key), and refuses bad filter values with exit 2 before
 * any request.
 */
import { MAX_LIST_PAGES, MAX_RESPONSE_BYTES } from "../../provider/telnyx";
import { HostileHandler, HostileServer, pageNumberOf, reservation, sendJson, startHostileServer } from "../client/hostile-server";
import { requireBuiltCli, runCliInProcess } from "./support";

const KEY = "KEYcli-hostile-7c6b5a4d3e2f1a0b";
/** Control characters and the invisible ones a terminal acts on: ESC, BEL, CR, LF, C1 CSI, bidi overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

beforeAll(requireBuiltCli);

const servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: HostileHandler): Promise<HostileServer> {
  const server = await startHostileServer(handler);
  servers.push(server);
  return server;
}

function cli(server: HostileServer, ...args: string[]) {
  return runCliInProcess(args, { TELNYX_API_KEY: KEY, TELNYX_BASE_URL: server.url });
}

/** Exactly one error line, prefixed with the program name, free of control characters. */
function errorLine(stderr: string): string {
  expect(stderr).toMatch(/^telnyx-reservations: [^\n]+\n$/);
  expect(stderr.slice(0, -1)).not.toMatch(CONTROL);
  return stderr.slice("telnyx-reservations: ".length).trimEnd();
}

const EVIL = {
  id: "\u001b[2J\u001b[31mevil-id\u001b]0;pwned\u0007",
  reference: "ref\r\n9999  +19995550000  success  forged-row\u202etxt",
  status: "success\u009b31m",
  reason: "\u001b[1Aoverwritten\rline",
};

function evilReservation(): Record<string, unknown> {
  const r = reservation(EVIL.id, "+19705550001");
  return {
    ...r,
    status: EVIL.status,
    customer_reference: EVIL.reference,
    phone_numbers: [
      { phone_number: "+19705550001", status: "success", expired_at: "2099-01-01T00:00:00Z" },
      { phone_number: "+19705550002\u001b[8m", status: "failure", errors: EVIL.reason },
    ],
  };
}

describe("control characters from the server never reach the terminal", () => {
  it("list: the table has one row per reservation and no control sequence", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [evilReservation()], meta: { total_pages: 1 } }));
    const result = await cli(server, "list");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("evil-id");
    // The reference's line break is a space: its text stays in the last cell of the one row.
    expect(lines[1]).toMatch(/  ref 9999  \+19995550000  success  forged-rowtxt$/);
  });

  it("list --json: the data survives, escaped, and parses back to what the server sent", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [evilReservation()], meta: { total_pages: 1 } }));
    const result = await cli(server, "list", "--json");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
    const [summary] = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ id: EVIL.id, customerReference: EVIL.reference, status: EVIL.status });
  });

  it("import: notes on stderr and the generated program carry no control sequence", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [evilReservation()], meta: { total_pages: 1 } }));
    const result = await cli(server, "import");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const stderrLines = result.stderr.trimEnd().split("\n");
    expect(stderrLines).toHaveLength(2); // one note (a number not held), one count
    expect(stderrLines[0]).toContain("overwritten");
  });

  it("an error's detail cannot add lines or sequences to stderr", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 422, { errors: [{ code: "10015", title: "Bad\u001b[2K", detail: "one\nfake-line\r\u001b[31mred\u0007" }] }),
    );
    const result = await cli(server, "list");
    expect(result.code).toBe(1);
    expect(errorLine(result.stderr)).toMatch(/HTTP 422; code 10015 Bad.*one fake-line.*red/);
  });

  it("a usage error quoting user input prints no control sequence", async () => {
    const result = await runCliInProcess(["list", "--bogus\u001b[31m=1", "\u001b]0;x\u0007"], {});
    expect(result.code).toBe(2);
    errorLine(result.stderr);
  });
});

describe("filter values are checked before any request", () => {
  it.each([
    ["--created-after", "1", /--created-after "1" is not an ISO-8601 date-time/],
    ["--created-after", "tomorrow", /--created-after "tomorrow" is not an ISO-8601 date-time/],
    ["--created-before", "2025-02-30", /--created-before "2025-02-30" is not an ISO-8601 date-time/],
    ["--created-before", "2025-01-31T25:00:00Z", /--created-before .* is not an ISO-8601 date-time/],
    ["--status", "bogus", /--status "bogus" must be one of pending, success, failure, partial_success, failed/],
    ["--status", "SUCCESS", /--status "SUCCESS" must be one of pending, success, failure, partial_success, failed/],
  ])("%s %s is a usage error", async (flag, value, message) => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [], meta: { total_pages: 1 } }));
    for (const command of ["list", "import"]) {
      const result = await cli(server, command, flag, value);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(errorLine(result.stderr)).toMatch(message);
    }
    expect(server.seen).toHaveLength(0);
  });

  it.each([
    ["--created-after", "2025-01-31", "filter[created_at][gt]", "2025-01-31T00:00:00.000Z"],
    ["--created-before", "2025-01-31T12:30:00+02:00", "filter[created_at][lt]", "2025-01-31T10:30:00.000Z"],
    ["--status", "pending", "filter[status]", "pending"],
  ])("%s %s is sent as %s=%s", async (flag, value, param, sent) => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [], meta: { total_pages: 1 } }));
    const result = await cli(server, "list", flag, value);
    expect(result.code).toBe(0);
    expect(new URL(server.seen[0].url, server.origin).searchParams.get(param)).toBe(sent);
  });
});

describe("hostile servers end in one error line and exit 1", () => {
  it("a redirect to another port is not followed", async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, { data: [], meta: { total_pages: 1 } }));
    const server = await serve((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/number_reservations` });
      res.end();
    });
    const result = await cli(server, "list");
    expect(result.code).toBe(1);
    expect(errorLine(result.stderr)).toContain(`HTTP 307; redirected to ${elsewhere.url}/number_reservations; redirects are not followed`);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it("a huge answer", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.on("error", () => undefined);
      res.end(`{"data":[],"pad":"${"x".repeat(MAX_RESPONSE_BYTES + 1024)}"}`);
    });
    const result = await cli(server, "list");
    expect(result.code).toBe(1);
    expect(errorLine(result.stderr)).toContain(`larger than ${MAX_RESPONSE_BYTES} bytes`);
    expect(server.seen).toHaveLength(1);
  });

  it("pagination that never ends", async () => {
    const server = await serve((req, res) => {
      const page = pageNumberOf(req);
      // Honest only well past the cap, so a client without one still ends (and fails this test).
      const totalPages = page > MAX_LIST_PAGES + 5 ? page : 1e9;
      sendJson(res, 200, { data: [reservation(`r-${page}`)], meta: { page_number: page, total_pages: totalPages } });
    });
    const result = await cli(server, "list", "--json");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(errorLine(result.stderr)).toContain(`more than ${MAX_LIST_PAGES} pages`);
    expect(server.seen).toHaveLength(MAX_LIST_PAGES);
  });

  it("a stalled server ends at the --timeout deadline", async () => {
    const server = await serve(() => undefined);
    const result = await cli(server, "list", "--timeout", "300ms");
    expect(result.code).toBe(1);
    expect(errorLine(result.stderr)).toMatch(/timed out; no answer within the call's deadline of 300 ms/);
  }, 15_000);

  it("--timeout must be a duration", async () => {
    const server = await serve(() => undefined);
    const result = await cli(server, "list", "--timeout", "10");
    expect(result.code).toBe(2);
    expect(errorLine(result.stderr)).toMatch(/--timeout .*duration/);
    expect(server.seen).toHaveLength(0);
  });

  it.each([
    ["{\"data\":5}", { data: 5 }],
    ["a reservation without numbers", { data: [{ id: "x" }] }],
  ])("an answer of the wrong shape (%s) is named, not a TypeError", async (_what, body) => {
    const server = await serve((_req, res) => sendJson(res, 200, body));
    for (const command of ["list", "import"]) {
      const result = await cli(server, command);
      expect(result.code).toBe(1);
      const message = errorLine(result.stderr);
      expect(message).toMatch(/^Telnyx GET \/number_reservations failed: HTTP 200; the answer is not what the API documents: /);
      expect(message).toContain("request id hostile-request-1");
      expect(message).not.toMatch(/TypeError|Cannot read/);
    }
  });

  it("a non-JSON 200 is said to be one, once", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html>${KEY}</html>`);
    });
    const result = await cli(server, "list");
    expect(result.code).toBe(1);
    expect(errorLine(result.stderr)).toMatch(/HTTP 200; the answer is not JSON \(text\/html, \d+ bytes\)/);
    expect(result.stderr).not.toContain(KEY);
    expect(server.seen).toHaveLength(1);
  });

  it("a server echoing the key", async () => {
    const server = await serve((req, res) =>
      sendJson(res, 403, { errors: [{ code: "10010", title: req.headers.authorization, detail: KEY.toUpperCase() }] }),
    );
    const result = await cli(server, "list");
    expect(result.code).toBe(1);
    expect(result.stderr.toLowerCase()).not.toContain(KEY.toLowerCase().slice(3, 15));
    expect(errorLine(result.stderr)).toContain("Bearer [redacted]");
  });

  it.each(["999999", "1e308"])("a 429 asking to wait %s s fails at once, naming the deadline", async (seconds) => {
    const server = await serve((_req, res) => sendJson(res, 429, { errors: [{ code: "10011", title: "Too many requests" }] }, { "retry-after": seconds }));
    const result = await cli(server, "list");
    expect(result.code).toBe(1);
    expect(errorLine(result.stderr)).toContain(`Telnyx asked to wait (Retry-After: ${seconds}), beyond the call's deadline of 120000 ms`);
    expect(server.seen).toHaveLength(1);
  }, 15_000);

  it("a server clock days off is ignored, with one warning", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { data: [reservation("a"), reservation("b", "+19705550002")], meta: { total_pages: 1 } }, {
        date: new Date(Date.now() + 5 * 24 * 3_600_000).toUTCString(),
      }),
    );
    const result = await cli(server, "import");
    expect(result.code).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.startsWith("telnyx-reservations: warning: "));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Telnyx's clock says .* but this machine's says .*local clock/);
    // Judged on the local clock, holds until 2099 are live: both are declared.
    expect(result.stderr).toContain("declared 2 reservations");
  });
});

/**
 * What the CLI says when the base URL is wrong: a connection failure names the
 * host (never a key, not even one written into the URL), a base URL without
 * `/v2` that answers 404 gets a hint, and a malformed base URL is reported
 * against the flag or variable it came from, not stack config the CLI never reads.
 */
import * as net from "net";
import { withEmulator } from "../helpers/emulator";
import { requireBuiltCli, runCliInProcess } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The single error line, without the program prefix. */
function errorMessage(stderr: string): string {
  expect(stderr).toMatch(/^telnyx-reservations: [^\n]+\n$/);
  return stderr.slice("telnyx-reservations: ".length).trimEnd();
}

describe("connection failures name the host", () => {
  it("connection refused: the host and port, never the key", async () => {
    const port = await closedPort();
    const key = "KEYsecret-connection-0123";
    const result = await runCliInProcess(["list", "--base-url", `http://127.0.0.1:${port}/v2`, "--timeout", "1s"], { TELNYX_API_KEY: key });
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toMatch(new RegExp(`^Telnyx GET /number_reservations failed: no response; ECONNREFUSED talking to 127\\.0\\.0\\.1:${port};`));
    expect(result.stderr).not.toContain(key);
  });

  it("a key written into the URL (user:key@host) is not shown with the host", async () => {
    const port = await closedPort();
    const result = await runCliInProcess(["import", "--base-url", `http://user:KEYinurl-secret@127.0.0.1:${port}/v2`, "--timeout", "1s"], {
      TELNYX_API_KEY: "another-key-0123",
    });
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toContain(`ECONNREFUSED talking to 127.0.0.1:${port}`);
    expect(result.stderr).not.toContain("KEYinurl-secret");
    expect(result.stderr).not.toContain("user:");
  });
});

describe("a base URL without /v2", () => {
  it("that answers 404 gets a hint to add /v2", async () => {
    const result = await runCliInProcess(["list", "--base-url", emulator.origin], { TELNYX_API_KEY: emulator.apiKey });
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toMatch(
      new RegExp(`HTTP 404.*; the base URL ${emulator.origin} does not end in /v2: did you mean ${emulator.origin}/v2\\?$`),
    );
  });

  it("gets no hint when it does end in /v2 (a 404 there is something else)", async () => {
    await emulator.control.addFault({ method: "GET", path: "/v2/number_reservations", count: 1, status: 404 });
    const result = await runCliInProcess(["list"], { TELNYX_API_KEY: emulator.apiKey, TELNYX_BASE_URL: emulator.url });
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toMatch(/HTTP 404/);
    expect(result.stderr).not.toContain("did you mean");
  });
});

describe("a malformed base URL is reported against the flag or variable", () => {
  it.each([
    ["not a url", '--base-url "not a url" is not a URL (e.g. https://api.telnyx.com/v2)'],
    ["ftp://example.com/v2", '--base-url "ftp://example.com/v2" must be http or https (e.g. https://api.telnyx.com/v2)'],
  ])("--base-url %j: a usage error naming the flag, before any API call", async (value, message) => {
    const result = await runCliInProcess(["list", "--base-url", value], { TELNYX_API_KEY: "k" });
    expect(result.code).toBe(2);
    expect(errorMessage(result.stderr)).toBe(message);
  });

  it("TELNYX_BASE_URL: a configuration error naming the variable, and no stack config", async () => {
    const result = await runCliInProcess(["import"], { TELNYX_API_KEY: "k", TELNYX_BASE_URL: "localhost:4010/v2" });
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toBe('TELNYX_BASE_URL "localhost:4010/v2" must be http or https (e.g. https://api.telnyx.com/v2)');
    expect(result.stderr).not.toMatch(/telnyx:baseUrl|stack|pulumi config/);
  });

  it("never echoes the API key, even when it was pasted as the base URL", async () => {
    const key = "KEY0123456789abcdefSECRET";
    const result = await runCliInProcess(["list", "--base-url", key], { TELNYX_API_KEY: key });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(key);
    expect(errorMessage(result.stderr)).toMatch(/^--base-url ".*" is not a URL/);
  });
});

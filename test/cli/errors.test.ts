/**
 * How the CLI fails: one line `telnyx-reservations: <message>` on stderr, nothing
 * on stdout, exit 1 for API and configuration errors, exit 2 for usage errors.
 * The built CLI's `main` runs in this process; "as a process" checks that the
 * spawned CLI exits with the same code and prints the same on the same streams.
 */
import { withEmulator } from "../helpers/emulator";
import { emulatorEnv, requireBuiltCli, runCli, runCliInProcess } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

/** Exactly one error line, prefixed with the program name. */
function errorMessage(stderr: string): string {
  expect(stderr).toMatch(/^telnyx-reservations: [^\n]+\n$/);
  return stderr.slice("telnyx-reservations: ".length).trimEnd();
}

describe("API and configuration errors: exit 1", () => {
  it.each([["list"], ["import"]])("%s without an API key names TELNYX_API_KEY", async (command) => {
    const result = await runCliInProcess([command], { TELNYX_BASE_URL: emulator.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(errorMessage(result.stderr)).toMatch(/TELNYX_API_KEY/);
  });

  it("a wrong key gives Telnyx's 401 / 10009 with the request id, and never the key", async () => {
    const key = "KEYwrong-0123456789abcdef";
    const result = await runCliInProcess(["list"], { TELNYX_API_KEY: key, TELNYX_BASE_URL: emulator.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const message = errorMessage(result.stderr);
    expect(message).toMatch(/HTTP 401/);
    expect(message).toMatch(/10009/);
    expect(message).toMatch(/request id [0-9a-f-]{36}/);
    expect(result.stderr).not.toContain(key);
  });

  it("a wrong --api-key flag is reported the same way, and never echoed", async () => {
    const result = await runCliInProcess(["import", "--api-key", "s3cr3t-flag-key", "--base-url", emulator.url]);
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toMatch(/HTTP 401.*10009/);
    expect(result.stderr).not.toContain("s3cr3t-flag-key");
  });

  it("an API error after retries is printed as the client describes it", async () => {
    await emulator.control.addFault({ method: "GET", path: "/v2/number_reservations", count: 1, status: 400 });
    const result = await runCliInProcess(["list", "--json"], emulatorEnv(emulator));
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toMatch(/^Telnyx GET \/number_reservations failed: HTTP 400/);
  });

  it("a TELNYX_BASE_URL that is not a URL is a configuration error (the --base-url flag: connection.test.ts)", async () => {
    const result = await runCliInProcess(["list"], { TELNYX_API_KEY: "k", TELNYX_BASE_URL: "not a url" });
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toMatch(/^TELNYX_BASE_URL "not a url" is not a URL/);
  });

  it("import --out into a missing directory fails, naming the directory", async () => {
    const result = await runCliInProcess(["import", "--out", "/nonexistent-dir/x.ts"], emulatorEnv(emulator));
    expect(result.code).toBe(1);
    expect(errorMessage(result.stderr)).toBe("--out /nonexistent-dir/x.ts: the directory /nonexistent-dir does not exist");
  });
});

describe("usage errors: exit 2, naming the culprit", () => {
  it.each([
    [["list", "--bogus"], /unknown flag --bogus for list/],
    [["import", "-x"], /unknown flag -x for import/],
    [["emulator", "--status", "x"], /unknown flag --status for emulator/],
    [["list", "--status"], /--status needs a value/],
    [["list", "--status", "--json"], /--status needs a value/],
    [["list", "--customer-reference="], /--customer-reference needs a value/],
    [["list", "--json=yes"], /--json takes no value/],
    [["list", "extra"], /unexpected argument "extra" for list/],
    [["list", "--phone-number", "12345"], /--phone-number "12345" must start with \+/],
    [["list", "--created-after", "yesterday"], /--created-after "yesterday" is not an ISO-8601 date-time/],
    [["emulator", "--port", "http"], /--port must be a whole number/],
    [["emulator", "--port", "70000"], /port must be an integer from 0 to 65535/],
    [["emulator", "--settle-delay-ms", "-5"], /--settle-delay-ms needs a value/],
    [["frobnicate"], /unknown command "frobnicate" \(commands: list, search, import, emulator, plugin-tarball, help, version\)/],
    [["--bogus"], /unknown flag --bogus/],
  ])("%j", async (args, expected) => {
    const result = await runCliInProcess(args, emulatorEnv(emulator));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(errorMessage(result.stderr)).toMatch(expected);
  });

  it("no command at all prints the help on stderr and exits 2", async () => {
    const result = await runCliInProcess([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: telnyx-reservations <command>/);
    expect(result.stderr).toMatch(/telnyx-reservations: missing command\n$/);
  });

  it("makes no API call when the command line is wrong", async () => {
    await emulator.control.clearRequests();
    await runCliInProcess(["list", "--phone-number", "nope"], emulatorEnv(emulator));
    expect(await emulator.control.requests()).toEqual([]);
  });
});

describe("as a process", () => {
  it.each([
    [1, ["list"]],
    [2, []],
    [2, ["list", "--bogus"]],
  ])("exits %d for %j, printing what main prints on the same streams", async (code, args) => {
    const env = { TELNYX_BASE_URL: emulator.url };
    const spawned = await runCli(args, env);
    expect(spawned.code).toBe(code);
    expect(spawned.stdout).toBe("");
    expect(spawned.stderr).toMatch(/telnyx-reservations: [^\n]+\n$/);
    expect(spawned).toEqual(await runCliInProcess(args, env));
  });
});

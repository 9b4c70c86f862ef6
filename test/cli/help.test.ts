/**
 * `--help` at the top level and on every command, and `--version`: printed on
 * stdout with exit 0, and listing exactly the flags the parser accepts. The
 * built CLI's `main` runs in this process; "as a process" checks that the
 * spawned CLI exits with its code and prints the same on the same streams.
 */
import * as fs from "fs";
import * as path from "path";
import { COMMANDS } from "../../cli/main";
import { REPO_ROOT, requireBuiltCli, runCli, runCliInProcess } from "./support";

beforeAll(requireBuiltCli);

describe("--help", () => {
  it.each([["--help"], ["-h"]])("%s at the top level lists every command and the exit codes", async (flag) => {
    const result = await runCliInProcess([flag]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Usage: telnyx-reservations <command> \[flags\]/);
    for (const command of ["list", "import", "emulator", "plugin-tarball"]) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(result.stdout).toMatch(/Exit codes: 0 success, 1 failure .*, 2 usage error/);
  });

  it.each([
    ["list", ["--status", "--customer-reference", "--phone-number", "--created-after", "--created-before", "--json", "--api-key", "--base-url"]],
    ["import", ["--status", "--customer-reference", "--phone-number", "--created-after", "--created-before", "--out", "--api-key", "--base-url"]],
    ["emulator", ["--port", "--api-key", "--settle-delay-ms", "--state-file"]],
    ["plugin-tarball", ["--out"]],
  ])("%s --help lists its flags and examples", async (command, flags) => {
    for (const helpFlag of ["--help", "-h"]) {
      const result = await runCliInProcess([command, helpFlag]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(new RegExp(`^Usage: telnyx-reservations ${command} \\[flags\\]`));
      for (const flag of [...flags, "--help"]) expect(result.stdout).toContain(flag);
      expect(result.stdout).toMatch(new RegExp(`^Examples:\\n  telnyx-reservations ${command}`, "m"));
    }
  });

  it("documents exactly the flags each command declares", async () => {
    for (const command of COMMANDS) {
      const { stdout } = await runCliInProcess([command.name, "--help"]);
      const listed = [...stdout.matchAll(/^\s+(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]).sort();
      expect(listed).toEqual([...Object.keys(command.flags), "help"].sort());
    }
  });

  it("wins over other flags and makes no API call", async () => {
    const result = await runCliInProcess(["list", "--status", "success", "--help"], { TELNYX_BASE_URL: "http://127.0.0.1:9/v2" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: telnyx-reservations list/);
  });
});

describe("help <command>, as gh and kubectl users type it", () => {
  it("`help` alone is the top-level help, which names `help <command>` and `version`", async () => {
    const result = await runCliInProcess(["help"]);
    expect(result).toMatchObject({ code: 0, stderr: "", stdout: (await runCliInProcess(["--help"])).stdout });
    expect(result.stdout).toMatch(/^  help \[command\] +Show help for the program or a command\.$/m);
    expect(result.stdout).toMatch(/^  version +Print the version\.$/m);
    expect(result.stdout).toMatch(/^  -v, --version +Print the version and exit\.$/m);
  });

  it.each([["list"], ["import"], ["emulator"], ["plugin-tarball"]])("`help %s` prints the same as its --help", async (command) => {
    const result = await runCliInProcess(["help", command]);
    expect(result).toMatchObject({ code: 0, stderr: "", stdout: (await runCliInProcess([command, "--help"])).stdout });
  });

  it.each([[["help", "help"]], [["help", "version"]], [["help", "--help"]], [["version", "-h"]]])("%j prints the top-level help", async (args) => {
    const result = await runCliInProcess(args);
    expect(result).toMatchObject({ code: 0, stderr: "", stdout: (await runCliInProcess(["--help"])).stdout });
  });

  it.each([
    [["help", "frobnicate"], /^telnyx-reservations: unknown command "frobnicate" \(commands: list, search, import, emulator, plugin-tarball, help, version\)\n$/],
    [["help", "list", "extra"], /^telnyx-reservations: unexpected argument "extra" for help\n$/],
    [["version", "--json"], /^telnyx-reservations: unexpected argument "--json" for version\n$/],
  ])("%j is a usage error", async (args, expected) => {
    const result = await runCliInProcess(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(expected);
  });
});

describe("what the filters match, in --help", () => {
  it.each([["list"], ["import"]])("%s --help says --status is Telnyx's status and --phone-number matches failed holds too", async (command) => {
    const { stdout } = await runCliInProcess([command, "--help"]);
    expect(stdout).toMatch(/--status <status> +Telnyx's reservation status, filtered by Telnyx: pending, success, failure, partial_success, failed\. Not the hold: `success` stays after every hold has lapsed\./);
    expect(stdout).toMatch(/--phone-number <number> +Reservations that include this number \(any common format\), whether their hold on it is live, lapsed or failed\./);
  });
});

describe("version", () => {
  it.each([["--version"], ["-v"], ["version"]])("%s prints the package version", async (flag) => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const result = await runCliInProcess([flag]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("as a process", () => {
  it.each([[["--help"]], [["import", "-h"]], [["version"]], [["help", "frobnicate"]]])("%j exits with main's code, printing the same on the same streams", async (args) => {
    const spawned = await runCli(args);
    expect(spawned.code).toBe(args[1] === "frobnicate" ? 2 : 0);
    expect(spawned).toEqual(await runCliInProcess(args));
  });
});

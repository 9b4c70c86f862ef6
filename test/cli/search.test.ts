/**
 * `telnyx-reservations search` end to end: the built CLI against the emulator's inventory. The
 * table, `--json` (the lookup's objects), `--format program` (type-checked with tsc against the
 * repo's SDK, read back through TypeScript's parser), and bad flags: exit 2 naming the flag,
 * before any call.
 */
import { renderSearchProgram } from "../../cli/search";
import type { AvailableNumber } from "../../provider/lookups";
import { withEmulator } from "../helpers/emulator";
import { readDeclarations, typeCheck } from "./generated-program";
import { emulatorEnv, requireBuiltCli, runCliInProcess } from "./support";

const emulator = withEmulator();

beforeAll(requireBuiltCli);

const search = (...args: string[]) => runCliInProcess(["search", ...args], emulatorEnv(emulator));

it("prints a table of number, locality, region, features and monthly cost; the count on stderr", async () => {
  const result = await search("--national-destination-code", "970", "--locality", "Fort Collins", "--features", "sms, mms", "--limit", "3");
  expect(result).toMatchObject({ code: 0, stderr: "showing 3 of 4 numbers (--limit shows more)\n" });
  expect(result.stdout).toBe(
    [
      "NUMBER        LOCALITY      REGION  FEATURES                     MONTHLY COST",
      "+19702210100  Fort Collins  CO, US  voice,emergency,sms,mms,fax  1.00 USD",
      "+19702210102  Fort Collins  CO, US  voice,emergency,sms,mms      1.00 USD",
      "+19702210108  Fort Collins  CO, US  voice,emergency,sms,mms      1.00 USD",
      "",
    ].join("\n"),
  );
  expect((await emulator.control.requests()).map((r) => r.query)).toEqual([
    {
      "filter[country_code]": "US",
      "filter[national_destination_code]": "970",
      "filter[locality]": "Fort Collins",
      "filter[features]": "sms,mms",
      "filter[reservable]": "true",
      "filter[exclude_held_numbers]": "true",
      "filter[limit]": "3",
    },
  ]);
});

it("marks near matches with ~ and says how many there are", async () => {
  const result = await search("--locality", "Loveland", "--features", "fax", "--best-effort", "--limit", "3");
  expect(result.code).toBe(0);
  expect(result.stdout.split("\n").slice(1, 4).map((line) => line.split(/\s{2,}/)[0])).toEqual(["+19706670100", "+19706670103", "+13032920100 ~"]);
  expect(result.stderr).toBe("showing 3 of 16 numbers (--limit shows more); 1 near (best-effort) match, marked ~\n");
});

it("--json prints the lookup's objects; held and unreservable numbers only when asked", async () => {
  await emulator.request("POST", "/number_reservations", { json: { phone_numbers: [{ phone_number: "+13032920100" }] } });
  const result = await search("--locality", "Denver", "--json");
  expect(result.code).toBe(0);
  const found = JSON.parse(result.stdout) as AvailableNumber[];
  expect(found.map((n) => n.phoneNumber)).toEqual(["+13032920101", "+13032920102", "+13032920103", "+13032920104", "+13032920105", "+13032920107", "+13032920108", "+13032920109"]);
  expect(found[0]).toEqual(expect.objectContaining({ locality: "Denver", administrativeArea: "CO", monthlyCost: "1.00", bestEffort: false }));
  const everything = JSON.parse((await search("--locality", "Denver", "--format", "json", "--include-held", "--include-unreservable")).stdout) as AvailableNumber[];
  expect(everything).toHaveLength(10);
});

it("says when nothing matches, and which criteria to loosen", async () => {
  const result = await search("--locality", "Nowhere", "--features", "fax");
  expect(result).toEqual(expect.objectContaining({ code: 0, stdout: "No numbers found.\n" }));
  expect(result.stderr).toBe("no number matches: loosen --locality, --features, or add --best-effort for near matches\n");
  const program = await search("--locality", "Nowhere", "--format", "program");
  expect(program).toEqual(expect.objectContaining({ code: 1, stdout: "" }));
  expect(program.stderr).toBe("telnyx-reservations: no number matches: loosen --locality, or add --best-effort for near matches\n");
});

describe("bad flags: exit 2 naming the flag, before any call", () => {
  it.each([
    [["--country-code", "USA"], '--country-code must be a two-letter ISO country code such as US; got "USA"'],
    [["--features", "sms,telepathy"], '--features[1] "telepathy" must be one of sms, mms, voice, fax, emergency, hd_voice, international_sms, local_calling'],
    [["--phone-number-type", "landline"], '--phone-number-type must be one of local, toll_free, mobile, national, shared_cost; got "landline"'],
    [["--starts-with", "97x"], '--starts-with must be digits only (1 to 15); got "97x"'],
    [["--limit", "101"], "--limit must be a whole number from 1 to 100; got 101"],
    [["--limit", "ten"], '--limit must be a whole number from 1 to 100; got "ten"'],
    [["--format", "yaml"], '--format must be one of table, json, program; got "yaml"'],
    [["--json", "--format", "program"], "--json and --format program disagree: give one of them"],
    [["--name", "x"], "--name only applies with --format program"],
    [["--area-code", "970"], "unknown flag --area-code for search (see telnyx-reservations search --help)"],
  ])("%j", async (args, message) => {
    const result = await search(...args);
    expect(result).toEqual({ code: 2, signal: null, stdout: "", stderr: `telnyx-reservations: ${message}\n` });
    expect(await emulator.control.requests()).toEqual([]);
  });

  it("a Telnyx error is exit 1 with Telnyx's words", async () => {
    const result = await runCliInProcess(["search"], { ...emulatorEnv(emulator), TELNYX_API_KEY: "wrong" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^telnyx-reservations: Telnyx GET \/available_phone_numbers failed: HTTP 401/);
    expect(result.stderr).not.toContain("wrong");
  });
});

it("--help lists every criterion flag", async () => {
  const result = await runCliInProcess(["search", "--help"]);
  expect(result.code).toBe(0);
  for (const flag of ["--country-code", "--national-destination-code", "--locality", "--administrative-area", "--rate-center", "--phone-number-type", "--features", "--starts-with", "--contains", "--ends-with", "--quickship", "--best-effort", "--limit", "--json", "--format"]) {
    expect(result.stdout).toContain(`${flag} `);
  }
});

// Last: tsc runs synchronously for seconds, and the keep-alive socket of the next control call
// could meet the emulator closing it meanwhile (ECONNRESET), a race of the test, not of the CLI.
describe("--format program", () => {
  it("prints a NumberReservation of the numbers found, which tsc accepts against the SDK", async () => {
    const result = await search("--national-destination-code", "303", "--limit", "2", "--format", "program", "--name", "Support Line");
    expect(result).toMatchObject({ code: 0, stderr: "showing 2 of 9 numbers (--limit shows more)\n" });
    expect(readDeclarations(result.stdout)).toEqual([{ identifier: "supportLine", name: "support-line", phoneNumbers: ["+13032920100", "+13032920101"] }]);
    const unnamed = (await search("--phone-number-type", "toll_free", "--limit", "1", "--format", "program")).stdout;
    expect(readDeclarations(unnamed)).toEqual([{ identifier: "reservation18333900100", name: "reservation-18333900100", phoneNumbers: ["+18333900100"] }]);

    const checked = typeCheck({
      "named.ts": result.stdout,
      "unnamed.ts": unnamed,
      "reserved-word.ts": renderSearchProgram(["+19702210100"], "class"),
      // A control: proves the run really type-checks against NumberReservationArgs.
      "broken.ts": renderSearchProgram(["+19702210100"]).replace('["+19702210100"]', "42"),
    });
    const errorLines = checked.output.filter((line) => /error TS\d+/.test(line));
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.every((line) => line.startsWith("broken.ts("))).toBe(true);
  });
});

/**
 * The native `telnyx` plugin as users load it: the `plugin/` folder of the
 * installed package, from a Pulumi YAML program (no TypeScript), driven by the
 * real engine against the emulator. The shared lifecycle runs in
 * lifecycle.test.ts; here are what only the native plugin offers: the engine's
 * own `pulumi import`, the schema, functions, and provider configuration.
 */
import { execFile, execFileSync } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as path from "path";
import { TelnyxClient } from "../../provider/telnyx";
import { searchAvailablePhoneNumbers } from "../../sdk";
import { withEmulator } from "../helpers/emulator";
import { testNumbers } from "../../testing/numbers";
import { engineWorkspace } from "../../testing/workspace";
import { EXAMPLES, apiCalls, liveReservations, projects, telnyxConfig } from "./support";

const emulator = withEmulator();
const project = projects();
const [A, B, C] = testNumbers(3);

const TYPE = "telnyx:index:NumberReservation";

/** A YAML program's header: loads the plugin from the installed package. */
const HEADER = `name: telnyx-native
runtime: yaml
plugins:
  providers:
    - name: telnyx
      path: ./node_modules/pulumi-telnyx-reservations/plugin
`;

/** A reservation made at the emulator outside Pulumi (as by the portal). */
async function existingReservation(numbers: string[], reference: string): Promise<string> {
  const client = new TelnyxClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
  try {
    const record = await client.create({ phone_numbers: numbers.map((n) => ({ phone_number: n })), customer_reference: reference });
    return record.id;
  } finally {
    client.close();
  }
}

it("ships an executable plugin whose schema `pulumi package get-schema` prints, generated from the property definition", () => {
  const ws = engineWorkspace();
  const plugin = path.join(ws.dir, "node_modules/pulumi-telnyx-reservations/plugin/pulumi-resource-telnyx");
  fs.accessSync(plugin, fs.constants.X_OK);
  const home = fs.mkdtempSync(path.join(ws.dir, ".schema-home-"));
  try {
    const out = execFileSync(path.join(ws.cliRoot, "bin/pulumi"), ["package", "get-schema", plugin], {
      env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" },
      encoding: "utf8",
    });
    const schema = JSON.parse(out);
    expect(schema.name).toBe("telnyx");
    expect(Object.keys(schema.functions).sort()).toEqual([
      "telnyx:index:getNumberReservation",
      "telnyx:index:listNumberReservations",
      "telnyx:index:searchAvailablePhoneNumbers",
    ]);
    const search = schema.functions["telnyx:index:searchAvailablePhoneNumbers"];
    expect(search.inputs.required).toEqual(["countryCode"]);
    expect(search.inputs.properties).toMatchObject({ features: { type: "array" }, bestEffort: { type: "boolean" }, limit: { type: "integer" } });
    const resource = schema.resources[TYPE];
    expect(Object.keys(resource.inputProperties).sort()).toEqual(
      ["customerReference", "extendTrigger", "keepAliveWindow", "pendingTimeout", "phoneNumbers", "search"],
    );
    // Exactly one of phoneNumbers or search: check says so, the schema can require neither.
    expect(resource.requiredInputs ?? []).toEqual([]);
    expect(resource.inputProperties.search).toEqual(expect.objectContaining({ $ref: "#/types/telnyx:index:SearchRequest" }));
    expect(schema.types["telnyx:index:SearchRequest"]).toMatchObject({
      type: "object",
      required: ["countryCode"],
      properties: { count: { type: "integer" }, features: { type: "array" }, bestEffort: { type: "boolean" } },
    });
    expect(resource.inputProperties.phoneNumbers).toMatchObject({ type: "array", replaceOnChanges: true });
    expect(resource.required).toEqual(["phoneNumbers", "reservationId", "status", "numbers"]);
    expect(schema.config.variables.apiKey.secret).toBe(true);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

it("`pulumi import` adopts a reservation by id, writes its YAML declaration, creates nothing, and the declaration then plans no change", async () => {
  const id = await existingReservation([A, B], "portal");
  const p = await project({ files: { "Pulumi.yaml": HEADER }, config: telnyxConfig(emulator) });
  await emulator.control.clearRequests();

  const imported = await p.stack.import({ resources: [{ type: TYPE, name: "legacy", id }], generateCode: true, protect: false });
  expect(imported.summary.resourceChanges).toEqual({ create: 1, import: 1 });
  expect((await apiCalls(emulator)).filter((c) => c.startsWith("POST"))).toEqual([]);
  expect(await apiCalls(emulator)).toContain(`GET /v2/number_reservations/${id}`);
  expect(imported.generatedCode).toMatch(/legacy:\n\s+type: telnyx:NumberReservation\n\s+properties:/);
  expect(imported.generatedCode).toContain("customerReference: portal");
  expect(imported.generatedCode).toContain(`- '${A}'`);
  expect(imported.generatedCode).toContain(`- '${B}'`);
  const [adopted] = await p.reservations();
  expect(adopted).toMatchObject({ id, outputs: { phoneNumbers: [A, B], customerReference: "portal", status: "success" } });

  // The program with the generated declaration matches what was adopted.
  fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), HEADER + imported.generatedCode);
  expect((await p.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 2 });
  await emulator.control.clearRequests();
  expect((await p.up()).summary.resourceChanges).toEqual({ same: 2 });
  expect((await apiCalls(emulator)).filter((c) => c.startsWith("POST"))).toEqual([]);
  expect((await liveReservations(emulator)).map((r) => r.id)).toEqual([id]);
});

it("`pulumi import --file` of `telnyx-reservations import --format pulumi-import` adopts every live reservation, creating nothing", async () => {
  const first = await existingReservation([A], "support");
  const second = await existingReservation([B, C], "sales");
  const p = await project({ files: { "Pulumi.yaml": HEADER }, config: telnyxConfig(emulator) });
  const file = path.join(p.dir, "import.json");
  // Asynchronously: the emulator answers from this process.
  const run = promisify(execFile);
  await run(process.execPath, [path.resolve(__dirname, "../../dist/cli/main.js"), "import", "--format", "pulumi-import", "--out", file], {
    env: { ...process.env, TELNYX_API_KEY: emulator.apiKey, TELNYX_BASE_URL: emulator.url },
  });
  await emulator.control.clearRequests();
  const out = path.join(p.dir, "generated.yaml");
  await run(p.pulumiBinary, ["import", "--file", file, "--yes", "--protect=false", "--out", out, "--stack", "test", "--non-interactive"], {
    cwd: p.dir,
    env: { ...process.env, ...p.env },
  });
  expect((await apiCalls(emulator)).filter((c) => c.startsWith("POST"))).toEqual([]);
  // The engine imports in parallel: state order varies.
  const adopted = (await p.reservations()).map((r) => [r.urn.split("::").pop(), r.id]).sort();
  expect(adopted).toEqual([
    ["sales", second],
    ["support", first],
  ]);
  const generated = fs.readFileSync(out, "utf8");
  expect(generated).toMatch(/support:\n\s+type: telnyx:NumberReservation/);
  expect(generated).toMatch(/sales:\n\s+type: telnyx:NumberReservation/);
});

it("answers getNumberReservation and listNumberReservations from a YAML program", async () => {
  const id = await existingReservation([C], "lookup-me");
  await existingReservation([A], "someone-else");
  const p = await project({
    files: {
      "Pulumi.yaml": `${HEADER}variables:
  one:
    fn::invoke:
      function: telnyx:getNumberReservation
      arguments:
        id: ${id}
  found:
    fn::invoke:
      function: telnyx:listNumberReservations
      arguments:
        customerReference: lookup-me
outputs:
  oneNumbers: \${one.phoneNumbers}
  oneReference: \${one.customerReference}
  found: \${found.reservations}
`,
    },
    config: telnyxConfig(emulator),
  });
  await p.up();
  const outputs = await p.outputs();
  expect(outputs).toMatchObject({ oneNumbers: [C], oneReference: "lookup-me" });
  expect((outputs.found as Array<{ id: string; phoneNumbers: string[] }>).map((r) => [r.id, r.phoneNumbers])).toEqual([[id, [C]]]);
});

it("searches available numbers from a YAML program: reservable ones not yet held, limited, flattened as in TypeScript", async () => {
  const held = "+13032920100";
  await existingReservation([held], "held");
  const p = await project({
    files: {
      "Pulumi.yaml": `${HEADER}variables:
  fax:
    fn::invoke:
      function: telnyx:searchAvailablePhoneNumbers
      arguments:
        countryCode: us
        locality: Denver
        features: [fax]
  one:
    fn::invoke:
      function: telnyx:searchAvailablePhoneNumbers
      arguments:
        countryCode: US
        limit: 1
outputs:
  fax: \${fax.numbers}
  one: \${one.numbers}
`,
    },
    config: telnyxConfig(emulator),
  });
  await emulator.control.clearRequests();
  await p.up();
  const outputs = await p.outputs();
  const fax = outputs.fax as Array<Record<string, unknown>>;
  expect(fax.map((n) => n.phoneNumber)).toEqual(["+13032920103", "+13032920109"]);
  // The same answer as the TypeScript lookup's, field for field.
  expect(fax).toEqual(await searchAvailablePhoneNumbers({ countryCode: "US", locality: "Denver", features: ["fax"] }, { apiKey: emulator.apiKey, baseUrl: emulator.url }));
  expect(fax[0]).toMatchObject({ locality: "Denver", administrativeArea: "CO", features: expect.arrayContaining(["fax"]), monthlyCost: "1.00" });
  expect(outputs.one).toHaveLength(1);
  const searches = (await emulator.control.requests()).filter((r) => r.path.endsWith("/available_phone_numbers"));
  expect(searches.map((r) => r.query)).toContainEqual(
    expect.objectContaining({ "filter[country_code]": "US", "filter[locality]": "Denver", "filter[reservable]": "true", "filter[exclude_held_numbers]": "true", "filter[limit]": "20" }),
  );
});

/** A YAML program whose only work is one lookup, `function` with `argument: value`. */
function lookupProgram(fn: string, argument: string, value: string) {
  const program = `${HEADER}variables:\n  found:\n    fn::invoke:\n      function: ${fn}\n      arguments:\n        ${argument}: ${value}\noutputs:\n  found: \${found}\n`;
  return project({ files: { "Pulumi.yaml": program }, config: telnyxConfig(emulator) });
}

it("refuses a lookup's bad arguments, naming each, before any API call", async () => {
  const wrongCase = await lookupProgram("telnyx:listNumberReservations", "status", "Success");
  await expect(wrongCase.preview()).rejects.toThrow(/status.*"Success" must be one of pending, success, failure, partial_success, failed/s);
  const blank = await lookupProgram("telnyx:getNumberReservation", "id", '"  "');
  await expect(blank.preview()).rejects.toThrow(/id.*must be a non-empty reservation id/s);
  const tooMany = await lookupProgram("telnyx:searchAvailablePhoneNumbers", "countryCode: US\n        limit", "500");
  await expect(tooMany.preview()).rejects.toThrow(/limit must be a whole number from 1 to 100; got 500/);
  const kind = await lookupProgram("telnyx:searchAvailablePhoneNumbers", "countryCode: US\n        phoneNumberType", "landline");
  await expect(kind.preview()).rejects.toThrow(/phoneNumberType must be one of local, .*; got "landline"/);
  expect(await emulator.control.requests()).toEqual([]);
});

it("refuses a malformed telnyx:baseUrl in CheckConfig, naming it, before any API call", async () => {
  const p = await project({
    from: path.join(EXAMPLES, "yaml"),
    objectConfig: { phoneNumbers: [A] },
    config: telnyxConfig(emulator, { "telnyx:baseUrl": { value: "localhost:4010/v2" } }),
  });
  await expect(p.preview()).rejects.toThrow(/baseUrl.*must be an http\(s\) URL/s);
  expect(await emulator.control.requests()).toEqual([]);
});

it("keeps a key from the environment out of the state (secrets shown), and uses it", async () => {
  const p = await project({
    from: path.join(EXAMPLES, "yaml"),
    objectConfig: { phoneNumbers: [A, B] },
    env: { TELNYX_API_KEY: emulator.apiKey, TELNYX_BASE_URL: emulator.url },
  });
  await p.up();
  await p.refresh();
  const state = await p.exportedState();
  expect(state).toContain((await p.outputs()).reservationId as string);
  expect(state).not.toContain(emulator.apiKey);
  const shown = execFileSync(p.pulumiBinary, ["stack", "export", "--show-secrets", "--stack", "test"], {
    cwd: p.dir,
    env: { ...process.env, ...p.env },
  });
  expect(shown.toString()).toContain("telnyx:index:NumberReservation");
  expect(shown.toString()).not.toContain(emulator.apiKey);
});

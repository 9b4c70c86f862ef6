/**
 * The SDK's interfaces come from the one definition (provider/properties.ts):
 * sdk/number-reservation-properties.ts is generated from it (tools/properties-gen/)
 * and sdk/property-ties.ts ties its types back to the definition's. These tests
 * fail when either drifts: the committed file is not what the generator makes of
 * the definition, or the ties no longer type-check.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { RESERVATION_PROPERTIES, RESERVED_NUMBER_FIELDS } from "../../provider/properties";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderSdkProperties } = require("../../tools/properties-gen/render");

const ROOT = path.resolve(__dirname, "..", "..");

it("sdk/number-reservation-properties.ts is what the generator makes of the definition", () => {
  const committed = fs.readFileSync(path.join(ROOT, "sdk", "number-reservation-properties.ts"), "utf8");
  expect(committed).toBe(renderSdkProperties(RESERVATION_PROPERTIES, RESERVED_NUMBER_FIELDS));
  // Each description reaches the TSDoc a program's editor shows.
  expect(committed).toContain(RESERVATION_PROPERTIES.customerReference.description);
});

it("the generated interfaces have the definition's types (sdk/property-ties.ts type-checks)", () => {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const file = path.join(ROOT, "sdk", "property-ties.ts");
  const program = ts.createProgram([file], { ...options, noEmit: true });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(errors).toEqual([]);
});

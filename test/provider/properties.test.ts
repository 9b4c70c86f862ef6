/**
 * One definition of the properties (provider/properties.ts) feeds INPUT_KEYS,
 * the native schema and the docs' property table. The interfaces are tied to it
 * at compile time (properties.ts's `DefinitionMatchesInterfaces`, which ts-jest
 * type-checks here too); these tests check what is derived at run time.
 */
import * as fs from "fs";
import * as path from "path";
import { INPUT_KEYS } from "../../provider/inputs";
import { NATIVE_PROPERTIES, RESERVATION_PROPERTIES } from "../../provider/properties";
import { RESOURCE_TOKEN, packageSchema } from "../../native-provider/schema";
import { renderPropertyTable } from "../../native-provider/property-table";

const names = Object.keys(RESERVATION_PROPERTIES);

it("derives INPUT_KEYS from the definition", () => {
  expect([...INPUT_KEYS]).toEqual(["phoneNumbers", "customerReference", "keepAliveWindow", "extendTrigger", "pendingTimeout", "adopt"]);
  expect([...INPUT_KEYS]).toEqual(names.filter((n) => RESERVATION_PROPERTIES[n as keyof typeof RESERVATION_PROPERTIES].input));
});

it("generates the native resource's schema from it, without the dynamic-only `adopt`", () => {
  const resource = (packageSchema("1.2.3").resources as Record<string, any>)[RESOURCE_TOKEN];
  expect(Object.keys(resource.properties)).toEqual(NATIVE_PROPERTIES);
  expect(NATIVE_PROPERTIES).not.toContain("adopt");
  expect(Object.keys(resource.inputProperties)).toEqual(["phoneNumbers", "customerReference", "keepAliveWindow", "extendTrigger", "pendingTimeout"]);
  expect(resource.requiredInputs).toEqual(["phoneNumbers"]);
  const replacing = Object.entries(resource.inputProperties as Record<string, { replaceOnChanges?: boolean }>)
    .filter(([, p]) => p.replaceOnChanges)
    .map(([n]) => n);
  expect(replacing).toEqual(["phoneNumbers", "customerReference"]);
  expect(resource.properties.numbers.items).toEqual({ $ref: "#/types/telnyx:index:ReservedNumber" });
});

it("docs/installation.md carries the generated property table", () => {
  const page = fs.readFileSync(path.resolve(__dirname, "../../docs/installation.md"), "utf8");
  const table = page.split("<!-- properties:start -->\n")[1]?.split("<!-- properties:end -->")[0];
  expect(table).toBe(renderPropertyTable());
});

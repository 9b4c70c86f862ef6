/**
 * One definition of the properties (provider/properties.ts) feeds INPUT_KEYS,
 * the native schema and the docs' property table. The provider's types are
 * derived from it by type; the SDK's generated interfaces are checked in
 * test/sdk/properties.test.ts; these tests check what is derived at run time.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_PENDING_TIMEOUT, INPUT_KEYS, checkInputs, durationMs } from "../../provider/inputs";
import { INPUT_NAMES, NATIVE_PROPERTIES, RESERVATION_PROPERTIES, registeredProperties, type PropertySpec } from "../../provider/properties";
import { RESOURCE_TOKEN, packageSchema } from "../../native-provider/schema";
import { renderPropertyTable } from "../../native-provider/property-table";

const names = Object.keys(RESERVATION_PROPERTIES);

it("derives INPUT_KEYS from the definition", () => {
  expect([...INPUT_KEYS]).toEqual(["phoneNumbers", "search", "customerReference", "keepAliveWindow", "extendTrigger", "pendingTimeout", "adopt"]);
  expect([...INPUT_KEYS]).toEqual(names.filter((n) => RESERVATION_PROPERTIES[n as keyof typeof RESERVATION_PROPERTIES].input));
});

it("generates the native resource's schema from it, without the dynamic-only `adopt`", () => {
  const resource = (packageSchema("1.2.3").resources as Record<string, any>)[RESOURCE_TOKEN];
  expect(Object.keys(resource.properties)).toEqual(NATIVE_PROPERTIES);
  expect(NATIVE_PROPERTIES).not.toContain("adopt");
  expect(Object.keys(resource.inputProperties)).toEqual(["phoneNumbers", "search", "customerReference", "keepAliveWindow", "extendTrigger", "pendingTimeout"]);
  // phoneNumbers or search: check requires exactly one, so the schema requires neither.
  expect(resource.requiredInputs).toEqual([]);
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

describe("registeredProperties (what NumberReservation registers)", () => {
  const engineFilled = ["status", "numbers", "expiresAt", "createdAt", "updatedAt"];

  it("registers the inputs that are set and every output the engine fills in, and names the unset exposed inputs", () => {
    const { props, unset } = registeredProperties({ phoneNumbers: ["+19705555098"], extendTrigger: "1" }, undefined);
    expect(Object.keys(props).sort()).toEqual(["extendTrigger", "phoneNumbers", ...engineFilled].sort());
    expect(props.phoneNumbers).toEqual(["+19705555098"]);
    expect(props.extendTrigger).toBe("1");
    for (const name of engineFilled) expect(props[name]).toBeUndefined();
    // Exposed by the class as outputs of undefined; `adopt` is not exposed, so not named.
    expect(unset.sort()).toEqual(["customerReference", "keepAliveWindow", "pendingTimeout", "search"]);
  });

  it("registers phoneNumbers for a search resource too: the provider fills it with the numbers found", () => {
    const { props, unset } = registeredProperties({ search: { countryCode: "US" } }, undefined);
    expect(props).toHaveProperty("phoneNumbers", undefined);
    expect(unset).not.toContain("phoneNumbers");
  });

  it("registers adopt only when the import option is given", () => {
    expect(registeredProperties({ phoneNumbers: ["+1"] }, "id-1").props.adopt).toBe("id-1");
    expect("adopt" in registeredProperties({ phoneNumbers: ["+1"] }, undefined).props).toBe(false);
  });

  it("registers every property but reservationId for a lookup by id (no args), so the read fills them all", () => {
    const { props, unset } = registeredProperties(undefined, undefined);
    expect(Object.keys(props).sort()).toEqual(Object.keys(RESERVATION_PROPERTIES).filter((n) => n !== "reservationId").sort());
    expect(unset).toEqual([]);
  });

  it("never registers reservationId: the class gives its id (the dynamic provider does not store it)", () => {
    expect(names.filter((n) => (RESERVATION_PROPERTIES[n as keyof typeof RESERVATION_PROPERTIES] as PropertySpec).sameAsId)).toEqual(["reservationId"]);
    for (const args of [{ phoneNumbers: ["+1"] }, undefined]) expect(registeredProperties(args, "id-1").props).not.toHaveProperty("reservationId");
  });

  it("together, registered, unset and the id cover every output the class declares", () => {
    const { props, unset } = registeredProperties({ phoneNumbers: ["+1"] }, undefined);
    const exposed = names.filter((n) => n !== "adopt");
    expect([...Object.keys(props), ...unset, "reservationId"].sort()).toEqual(exposed.sort());
  });
});

describe("check applies the definition's rules (and the descriptions quote them)", () => {
  const seconds = (text: string) => durationMs(text, text) / 1000;

  it.each(INPUT_NAMES.filter((n) => (RESERVATION_PROPERTIES[n] as PropertySpec).check?.kind === "duration"))(
    "%s: accepts its rule's bounds and refuses a second beyond, naming the property",
    (name) => {
      const rule = (RESERVATION_PROPERTIES[name] as PropertySpec).check as { min: string; max: string };
      const base = { phoneNumbers: ["+19705555098"] };
      expect(checkInputs({ ...base, [name]: rule.max }).failures).toEqual([]);
      expect(checkInputs({ ...base, [name]: rule.min }).failures).toEqual([]);
      const over = checkInputs({ ...base, [name]: `${seconds(rule.max) + 1}s` }).failures;
      expect(over).toEqual([{ property: name, reason: expect.stringMatching(/^must be between /) }]);
      expect(RESERVATION_PROPERTIES[name].description).toContain(`"${rule.min}" to "${rule.max}"`);
    },
  );

  it("customerReference: accepts its rule's length and refuses one more character", () => {
    const { maxLength } = RESERVATION_PROPERTIES.customerReference.check;
    const base = { phoneNumbers: ["+19705555098"] };
    expect(checkInputs({ ...base, customerReference: "r".repeat(maxLength) }).failures).toEqual([]);
    expect(checkInputs({ ...base, customerReference: "r".repeat(maxLength + 1) }).failures).toEqual([
      { property: "customerReference", reason: `must be at most ${maxLength} characters (got ${maxLength + 1})` },
    ]);
  });

  it("pendingTimeout's default is the rule's, and its description says so", () => {
    expect(DEFAULT_PENDING_TIMEOUT).toBe(RESERVATION_PROPERTIES.pendingTimeout.check.default);
    expect(RESERVATION_PROPERTIES.pendingTimeout.description).toContain(`default "${DEFAULT_PENDING_TIMEOUT}"`);
  });
});

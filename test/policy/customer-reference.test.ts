/** Policy `customer-reference-pattern`: a customer reference is set and matches the configured pattern. */
import { customerReferencePattern } from "../../policy/rules";
import { PolicySettings, UNKNOWN_VALUE, asEngineSends, expectNames, resourceArgs, validateResource } from "./support";

const NUMBERS = ["+19705555098"];
const check = (props: Record<string, unknown>, config?: PolicySettings) =>
  validateResource(customerReferencePattern, resourceArgs("office", { phoneNumbers: NUMBERS, ...props }, { config }));

describe("customer-reference-pattern", () => {
  it("is advisory by default", () => {
    expect(customerReferencePattern.enforcementLevel).toBe("advisory");
  });

  describe("with the default pattern (any non-blank text)", () => {
    it("passes any reference", async () => {
      expect(await check({ customerReference: "anything at all" })).toEqual([]);
    });

    it("reports a missing reference, naming the fix", async () => {
      const [message, ...rest] = await check({});
      expect(rest).toEqual([]);
      expectNames(message, { resource: "office", property: "customerReference", value: "(not set)", fix: "set customerReference to text matching /\\S/" });
    });

    it("reports a blank reference", async () => {
      const [message] = await check({ customerReference: "   " });
      expectNames(message, { resource: "office", property: "customerReference", value: `"   "`, fix: "customerReference" });
    });

    it("reports a reference that is not text", async () => {
      const [message] = await check({ customerReference: 42 });
      expectNames(message, { resource: "office", property: "customerReference", value: "42", fix: "set customerReference" });
      expect(message).toContain("is not text");
    });
  });

  describe("with a configured pattern", () => {
    const config = { pattern: "^team-[a-z]+$" };

    it("passes a matching reference", async () => {
      expect(await check({ customerReference: "team-sales" }, config)).toEqual([]);
    });

    it("reports a reference that does not match, with the pattern in the message", async () => {
      const [message] = await check({ customerReference: "Sales Team" }, config);
      expectNames(message, { resource: "office", property: "customerReference", value: `"Sales Team"`, fix: "/^team-[a-z]+$/" });
      expect(message).toContain("does not match /^team-[a-z]+$/");
    });

    it("refuses an invalid regular expression in the config, naming the key", async () => {
      await expect(check({ customerReference: "x" }, { pattern: "([" })).rejects.toThrow(/customer-reference-pattern.*config pattern "\(\[".*not a valid regular expression/);
    });
  });

  it("skips an unknown reference during preview", async () => {
    const props = asEngineSends({ phoneNumbers: NUMBERS, customerReference: UNKNOWN_VALUE });
    const config = { pattern: "^team-" };
    expect(await validateResource(customerReferencePattern, resourceArgs("office", props, { config }))).toEqual([]);
    expect(await check({ customerReference: UNKNOWN_VALUE }, config)).toEqual([]);
  });
});

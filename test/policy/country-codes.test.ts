/** Policy `allowed-country-calling-codes`: only numbers with a configured country calling code. */
import { allowedCountryCallingCodes } from "../../policy/rules";
import { PolicySettings, UNKNOWN_VALUE, asEngineSends, expectNames, resourceArgs, validateResource } from "./support";

const US = "+19705555098";
const UK = "+44 20 7946 0958";
const FR = "+33 1 42 68 53 00";
const check = (phoneNumbers: unknown[], config?: PolicySettings) =>
  validateResource(allowedCountryCallingCodes, resourceArgs("office", { phoneNumbers }, { config }));

describe("allowed-country-calling-codes", () => {
  it("is mandatory and allows every country by default", async () => {
    expect(allowedCountryCallingCodes.enforcementLevel).toBe("mandatory");
    expect(await check([US, UK, FR])).toEqual([]);
    expect(await check([US, UK, FR], { allowedCountryCallingCodes: [] })).toEqual([]);
  });

  it("fails each number outside the allowed codes, naming the code and the fix", async () => {
    const messages = await check([US, UK, FR], { allowedCountryCallingCodes: ["1", "33"] });
    expect(messages).toHaveLength(1);
    expectNames(messages[0], { resource: "office", property: "phoneNumbers[1]", value: JSON.stringify(UK), fix: `add "44" to allowedCountryCallingCodes` });
    expect(messages[0]).toContain("has country calling code +44, which is not allowed (allowedCountryCallingCodes: +1, +33)");
    expect(messages[0]).toContain("country calling code +1 or +33 instead");
  });

  it("accepts codes written with a leading +", async () => {
    expect(await check([US, UK], { allowedCountryCallingCodes: ["+1", "+44"] })).toEqual([]);
    expect(await check([FR], { allowedCountryCallingCodes: ["+1"] })).toHaveLength(1);
  });

  it("tells apart codes sharing a prefix (+1 vs +1 268 Antigua, same calling code; +3 vs +33)", async () => {
    // Antigua and Barbuda is in the North American plan: its calling code is 1.
    expect(await check(["+1 268 464 1234"], { allowedCountryCallingCodes: ["1"] })).toEqual([]);
    expect(await check([FR], { allowedCountryCallingCodes: ["3"] })).toHaveLength(1);
  });

  it("leaves invalid numbers to phone-numbers-e164", async () => {
    expect(await check(["+99 12", "not a number"], { allowedCountryCallingCodes: ["1"] })).toEqual([]);
  });

  it("skips unknown numbers during preview and checks the known ones", async () => {
    const props = asEngineSends({ phoneNumbers: [UNKNOWN_VALUE, UK] });
    const messages = await validateResource(allowedCountryCallingCodes, resourceArgs("office", props, { config: { allowedCountryCallingCodes: ["1"] } }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("phoneNumbers[1]");
  });

  it("checks a search's country by its calling code, as search.countryCode", async () => {
    const search = (countryCode: unknown, config?: PolicySettings) =>
      validateResource(allowedCountryCallingCodes, resourceArgs("found", { search: { countryCode, count: 1 } }, { config }));
    expect(await search("US", { allowedCountryCallingCodes: ["1"] })).toEqual([]);
    expect(await search("ca", { allowedCountryCallingCodes: ["+1"] })).toEqual([]);
    const [message, ...rest] = await search("GB", { allowedCountryCallingCodes: ["1", "33"] });
    expect(rest).toEqual([]);
    expectNames(message, { resource: "found", property: "search.countryCode", value: `"GB"`, fix: `add "44" to allowedCountryCallingCodes` });
    expect(message).toContain("has country calling code +44, which is not allowed (allowedCountryCallingCodes: +1, +33)");
    // Unknown or malformed countries are search-criteria's to report.
    expect(await search("XX", { allowedCountryCallingCodes: ["1"] })).toEqual([]);
    expect(await search(undefined, { allowedCountryCallingCodes: ["1"] })).toEqual([]);
  });
});

/**
 * Policy `search-criteria`: a reservation's `search` passes the provider's own checks of search
 * criteria (provider/search-criteria.ts), so preview flags what `up` would refuse, naming the
 * property as `search.<criterion>`.
 */
import { searchCriteria } from "../../policy/rules";
import { UNKNOWN_VALUE, asEngineSends, expectNames, resourceArgs, validateResource } from "./support";

const check = (search: unknown) => validateResource(searchCriteria, resourceArgs("found", { search }));

describe("search-criteria", () => {
  it("is mandatory", () => {
    expect(searchCriteria.enforcementLevel).toBe("mandatory");
  });

  it("passes good criteria, and a reservation without a search", async () => {
    expect(await check({ countryCode: "us", nationalDestinationCode: "970", features: ["sms", "voice"], bestEffort: true, count: 2 })).toEqual([]);
    expect(await validateResource(searchCriteria, resourceArgs("office", { phoneNumbers: ["+19705555098"] }))).toEqual([]);
  });

  it("flags a search without countryCode, naming search.countryCode", async () => {
    const [message, ...rest] = await check({ nationalDestinationCode: "970", count: 2 });
    expect(rest).toEqual([]);
    expectNames(message, { resource: "found", property: "search.countryCode", value: "(not set)", fix: "set search.countryCode" });
    expect(message).toContain("is required");
  });

  it("flags a wrong or misspelt criterion by its name under search", async () => {
    const [feature] = await check({ countryCode: "US", features: ["telepathy"] });
    expectNames(feature, { resource: "found", property: "search.features", value: `["telepathy"]`, fix: "set search.features" });
    expect(feature).toContain(`search.features[0] "telepathy" must be one of sms`);
    const [misspelt] = await check({ countryCode: "US", areaCode: "970" });
    expectNames(misspelt, { resource: "found", property: "search.areaCode", value: `"970"`, fix: "remove search.areaCode" });
    expect(misspelt).toContain("nationalDestinationCode");
    const [country] = await check({ countryCode: "USA" });
    expectNames(country, { resource: "found", property: "search.countryCode", value: `"USA"`, fix: "two letters" });
  });

  it("skips criteria not known yet during preview and still checks the known ones", async () => {
    expect(await validateResource(searchCriteria, resourceArgs("found", asEngineSends({ search: UNKNOWN_VALUE })))).toEqual([]);
    const unknownCountry = asEngineSends({ search: { countryCode: UNKNOWN_VALUE, locality: "Fort Collins", count: UNKNOWN_VALUE } });
    expect(await validateResource(searchCriteria, resourceArgs("found", unknownCountry))).toEqual([]);
    const badFeature = asEngineSends({ search: { countryCode: UNKNOWN_VALUE, features: ["telepathy"] } });
    const [message] = await validateResource(searchCriteria, resourceArgs("found", badFeature));
    expect(message).toContain("search.features");
    // A country that is missing stays missing, whatever else is not known yet.
    const missing = asEngineSends({ search: { locality: UNKNOWN_VALUE } });
    const [required] = await validateResource(searchCriteria, resourceArgs("found", missing));
    expect(required).toContain("search.countryCode (not set) is required");
  });
});

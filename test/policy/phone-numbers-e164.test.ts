/** Policy `phone-numbers-e164`: valid E.164 numbers, judged by the provider's own parser. */
import { phoneNumbersE164 } from "../../policy/rules";
import { UNKNOWN_VALUE, asEngineSends, expectNames, resourceArgs, validateResource } from "./support";

const check = (props: Record<string, unknown>, name = "office") => validateResource(phoneNumbersE164, resourceArgs(name, props));

describe("phone-numbers-e164", () => {
  it("is mandatory", () => {
    expect(phoneNumbersE164.enforcementLevel).toBe("mandatory");
  });

  it("passes valid numbers, in E.164 or written the way people write them", async () => {
    expect(await check({ phoneNumbers: ["+19705555098", "+1 970-555-5099", "+1 (970) 555 5100", "+442079460958"] })).toEqual([]);
  });

  it("fails each invalid number, naming the reservation, the entry, the value and the fix", async () => {
    const messages = await check({ phoneNumbers: ["+19705555098", "9705555098", "+1 555", "call me"] }, "annex");
    expect(messages).toHaveLength(3);
    expectNames(messages[0], { resource: "annex", property: "phoneNumbers[1]", value: `"9705555098"`, fix: `"+19705555098"` });
    expect(messages[0]).toContain("must start with + and a country calling code");
    expectNames(messages[1], { resource: "annex", property: "phoneNumbers[2]", value: `"+1 555"`, fix: "country calling code" });
    expectNames(messages[2], { resource: "annex", property: "phoneNumbers[3]", value: `"call me"`, fix: "or remove it" });
  });

  it("fails a number with an extension and a non-string entry", async () => {
    const messages = await check({ phoneNumbers: ["+19705555098 ext. 12", 19705555098] });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("must not carry an extension");
    expectNames(messages[1], { resource: "office", property: "phoneNumbers[1]", value: "19705555098", fix: "E.164" });
  });

  it("fails an empty list and a missing one", async () => {
    const [empty] = await check({ phoneNumbers: [] });
    expectNames(empty, { resource: "office", property: "phoneNumbers", value: "[]", fix: "add one or more numbers" });
    const [missing, ...rest] = await check({ customerReference: "team-a" });
    expect(rest).toEqual([]);
    expectNames(missing, { resource: "office", property: "phoneNumbers", value: "(not set)", fix: "set phoneNumbers" });
    expect(missing).toContain("nor is search");
    expect(missing).toContain(`or set search to what to find, e.g. { countryCode: "US", count: 1 }`);
  });

  it("accepts a search instead of phoneNumbers, and one not known yet", async () => {
    expect(await check({ search: { countryCode: "US", nationalDestinationCode: "970", count: 2 } })).toEqual([]);
    expect(await validateResource(phoneNumbersE164, resourceArgs("office", asEngineSends({ search: UNKNOWN_VALUE })))).toEqual([]);
  });

  it("fails a reservation declaring both phoneNumbers and search, naming search and the choice", async () => {
    const messages = await check({ phoneNumbers: ["+19705555098"], search: { countryCode: "US" } });
    expect(messages).toHaveLength(1);
    expectNames(messages[0], { resource: "office", property: "search", value: `{"countryCode":"US"}`, fix: "remove phoneNumbers or search" });
    expect(messages[0]).toContain("is declared beside phoneNumbers");
  });

  it("fails a search that is not an object", async () => {
    const [message] = await check({ search: "970" });
    expectNames(message, { resource: "office", property: "search", value: `"970"`, fix: `{ countryCode: "US", count: 1 }` });
  });

  it("skips unknown numbers during preview and still checks the known ones", async () => {
    const props = asEngineSends({ phoneNumbers: [UNKNOWN_VALUE, "+1 555"] });
    const messages = await validateResource(phoneNumbersE164, resourceArgs("office", props));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("phoneNumbers[1]");
  });

  it("skips a list that is unknown as a whole", async () => {
    expect(await validateResource(phoneNumbersE164, resourceArgs("office", asEngineSends({ phoneNumbers: UNKNOWN_VALUE })))).toEqual([]);
    expect(await check({ phoneNumbers: UNKNOWN_VALUE })).toEqual([]);
  });
});

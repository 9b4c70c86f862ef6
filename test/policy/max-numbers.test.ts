/** Policy `max-numbers-per-reservation`: at most `maxNumbers` numbers in one reservation. */
import { maxNumbersPerReservation } from "../../policy/rules";
import { PolicySettings, UNKNOWN_VALUE, asEngineSends, expectNames, resourceArgs, validateResource } from "./support";

/** `count` distinct valid numbers. */
const numbers = (count: number) => Array.from({ length: count }, (_, i) => `+1970555${String(5000 + i)}`);
const check = (phoneNumbers: unknown, config?: PolicySettings) =>
  validateResource(maxNumbersPerReservation, resourceArgs("bulk", { phoneNumbers }, { config }));

describe("max-numbers-per-reservation", () => {
  it("is mandatory and allows 10 numbers by default", async () => {
    expect(maxNumbersPerReservation.enforcementLevel).toBe("mandatory");
    expect(await check(numbers(10))).toEqual([]);
    const [message, ...rest] = await check(numbers(11));
    expect(rest).toEqual([]);
    expectNames(message, { resource: "bulk", property: "phoneNumbers", value: "(11 numbers)", fix: "at most 10 each" });
    expect(message).toContain("more than the 10 allowed (maxNumbers)");
  });

  it("follows the configured maximum", async () => {
    expect(await check(numbers(2), { maxNumbers: 2 })).toEqual([]);
    const [message] = await check(numbers(3), { maxNumbers: 2 });
    expectNames(message, { resource: "bulk", property: "phoneNumbers", value: "(3 numbers)", fix: "raise maxNumbers" });
    expect(await check(numbers(50), { maxNumbers: 50 })).toEqual([]);
  });

  it("counts unknown numbers, which are numbers all the same", async () => {
    const props = asEngineSends({ phoneNumbers: [UNKNOWN_VALUE, UNKNOWN_VALUE, "+19705555098"] });
    const messages = await validateResource(maxNumbersPerReservation, resourceArgs("bulk", props, { config: { maxNumbers: 2 } }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("(3 numbers)");
  });

  it("skips a list that is unknown as a whole, or missing (phone-numbers-e164 reports that)", async () => {
    const props = asEngineSends({ phoneNumbers: UNKNOWN_VALUE });
    expect(await validateResource(maxNumbersPerReservation, resourceArgs("bulk", props, { config: { maxNumbers: 1 } }))).toEqual([]);
    expect(await check(undefined, { maxNumbers: 1 })).toEqual([]);
  });

  it("covers a search's count: more numbers than allowed are flagged as search.count", async () => {
    const search = (count: unknown, config?: PolicySettings) =>
      validateResource(maxNumbersPerReservation, resourceArgs("found", { search: { countryCode: "US", count } }, { config }));
    expect(await search(10)).toEqual([]);
    expect(await search(undefined, { maxNumbers: 1 })).toEqual([]); // count defaults to 1
    const [message, ...rest] = await search(11);
    expect(rest).toEqual([]);
    expectNames(message, { resource: "found", property: "search.count", value: "11", fix: "at most 10 each" });
    expect(message).toContain("asks for more than the 10 numbers allowed (maxNumbers)");
    expect(await search(3, { maxNumbers: 3 })).toEqual([]);
    expect(await search(4, { maxNumbers: 3 })).toHaveLength(1);
  });

  it("skips a search count not known yet", async () => {
    const props = asEngineSends({ search: { countryCode: "US", count: UNKNOWN_VALUE } });
    expect(await validateResource(maxNumbersPerReservation, resourceArgs("found", props, { config: { maxNumbers: 1 } }))).toEqual([]);
  });
});

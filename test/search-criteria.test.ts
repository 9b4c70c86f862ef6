/**
 * provider/search-criteria.ts, the one definition of search criteria that the client, the
 * lookup, the CLI and (next) the resource share: what a check normalizes, how each caller's
 * property names reach the message, and the exact `filter[...]` query. Pure functions, no HTTP:
 * the client, lookup and CLI tests cover the same module through the emulator.
 */
import { checkSearchCriteria, checkSearchOptions, searchQuery, underSearch } from "../provider/search-criteria";
import { TelnyxInputError } from "../provider/telnyx";

function inputError(check: () => unknown): TelnyxInputError {
  try {
    check();
  } catch (err) {
    if (err instanceof TelnyxInputError) return err;
    throw err;
  }
  throw new Error("expected a TelnyxInputError");
}

it("normalizes: country upper case, texts trimmed, features once each, absent criteria left out", () => {
  expect(
    checkSearchCriteria({ countryCode: "us", locality: "  Fort Collins ", features: ["sms", "voice", "sms"], nationalDestinationCode: undefined }),
  ).toEqual({ countryCode: "US", locality: "Fort Collins", features: ["sms", "voice"] });
  expect(checkSearchCriteria({ countryCode: "CA", features: [] })).toEqual({ countryCode: "CA" });
});

it("names the property as the resource spells it: search.<criterion>", () => {
  const missing = inputError(() => checkSearchCriteria({ locality: "Denver" }, underSearch));
  expect([missing.argument, missing.message]).toEqual(["search.countryCode", "search.countryCode is required: the ISO country to search in, e.g. US"]);
  const notAnObject = inputError(() => checkSearchCriteria("US", underSearch));
  expect(notAnObject.argument).toBe("search.countryCode");
  const feature = inputError(() => checkSearchCriteria({ countryCode: "US", features: "sms" }, underSearch));
  expect(feature.message).toBe('search.features must be a list, e.g. ["sms", "voice"]');
  const typo = inputError(() => checkSearchCriteria({ countryCode: "US", count: 2 }, underSearch));
  expect(typo.argument).toBe("search.count");
  const blank = inputError(() => checkSearchCriteria({ countryCode: "US", rateCenter: " " }, underSearch));
  expect(blank.message).toBe('search.rateCenter must be a non-empty string; got " "');
});

it("checks the options: limit 1 to 100 (20 by default), flags booleans", () => {
  expect(checkSearchOptions({})).toEqual({ limit: 20, reservable: undefined, excludeHeldNumbers: undefined });
  expect(inputError(() => checkSearchOptions({ limit: 2.5 })).argument).toBe("limit");
  expect(inputError(() => checkSearchOptions({ limit: 0 })).argument).toBe("limit");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  expect(inputError(() => checkSearchOptions({ reservable: "yes" as any })).message).toBe('reservable must be true or false; got "yes"');
});

it("maps to the spec's filter parameters: lists comma-joined, booleans as words, nothing for absent criteria", () => {
  // Every parameter on the wire: test/client/search.test.ts, through the emulator's request log.
  const defined = (query: Record<string, unknown>) => Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  expect(defined(searchQuery({ countryCode: "US" }))).toEqual({ "filter[country_code]": "US" });
  expect(defined(searchQuery({ countryCode: "US", features: ["sms", "voice"], quickship: false }, { limit: 2, excludeHeldNumbers: true }))).toEqual({
    "filter[country_code]": "US",
    "filter[features]": "sms,voice",
    "filter[quickship]": "false",
    "filter[exclude_held_numbers]": "true",
    "filter[limit]": 2,
  });
});

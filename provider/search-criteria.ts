/**
 * Search criteria for available numbers, in one place: their type, their checks (each error
 * names the property as its caller spells it: `countryCode` for the lookup, `search.countryCode`
 * for a resource, `--country-code` for the CLI) and how they become the `filter[...]` query of
 * `GET /available_phone_numbers`. The lookup, the CLI and the client use it, so a criterion
 * added here reaches all of them, and none can send what the others would refuse.
 */
import { PHONE_NUMBER_TYPES, SEARCH_FEATURES, type SearchQueryParameter } from "../wire";
import { TelnyxInputError } from "./telnyx/errors";

/** A feature a number can offer (`filter[features]`). */
export type SearchFeature = (typeof SEARCH_FEATURES)[number];
/** A kind of number (`filter[phone_number_type]`). */
export type PhoneNumberType = (typeof PHONE_NUMBER_TYPES)[number];
export { PHONE_NUMBER_TYPES, SEARCH_FEATURES };

/** What numbers to look for. Only the country is required; every criterion given must match. */
export interface SearchCriteria {
  /** ISO 3166 country, two letters (`US`, `CA`); any case. */
  countryCode: string;
  /** Area code in NANP countries (`970`), else the national destination code; digits. */
  nationalDestinationCode?: string;
  /** City, e.g. `Fort Collins`. */
  locality?: string;
  /** US state or Canadian province, e.g. `CO`. */
  administrativeArea?: string;
  /** Rate center (US and Canada), e.g. `FORT COLLINS`. */
  rateCenter?: string;
  /** `local`, `toll_free`, `mobile`, `national` or `shared_cost`. */
  phoneNumberType?: PhoneNumberType;
  /** Features every number must offer, e.g. `["sms", "voice"]`. */
  features?: SearchFeature[];
  /** Digits the number starts with (after the national destination code when one is given). */
  startsWith?: string;
  /** Digits the number contains (after the national destination code when one is given). */
  contains?: string;
  /** Digits the number ends with. */
  endsWith?: string;
  /** Only numbers that work at once after purchase (toll-free, at Telnyx). */
  quickship?: boolean;
  /** Also accept near matches when exact ones are too few (US and Canada); each is marked `bestEffort`. */
  bestEffort?: boolean;
}

/** A resource's `search` input: criteria, and how many matching numbers to hold. */
export type SearchRequest = SearchCriteria & {
  /** How many numbers to hold, 1 to {@link MAX_SEARCH_COUNT}; default 1. */
  count?: number;
};

/**
 * The most numbers one search resource holds. One reservation holds them, and a race lost on
 * any of them costs the whole resource a retry; 20 is far above a team's need for one service.
 */
export const MAX_SEARCH_COUNT = 20;

/** How a search is run, beside what it looks for. */
export interface SearchOptions {
  /** At most this many numbers, 1 to {@link MAX_SEARCH_LIMIT}. */
  limit?: number;
  /** Only numbers that can be reserved (`filter[reservable]`). */
  reservable?: boolean;
  /** Leave out numbers the account already holds (`filter[exclude_held_numbers]`). */
  excludeHeldNumbers?: boolean;
}

/** How many numbers a lookup or the CLI asks for when not told: a screenful, one quick answer. */
export const DEFAULT_SEARCH_LIMIT = 20;
/** The most a search asks for: more is a listing of Telnyx's stock, not a choice of numbers. */
export const MAX_SEARCH_LIMIT = 100;

/** Each criterion, described once (the native schema and docs can read it). */
export const SEARCH_CRITERIA = {
  countryCode: "ISO 3166 country, two letters (US, CA); required.",
  nationalDestinationCode: "Area code in NANP countries (970), else the national destination code; digits.",
  locality: "City, e.g. Fort Collins.",
  administrativeArea: "US state or Canadian province, e.g. CO.",
  rateCenter: "Rate center (US and Canada), e.g. FORT COLLINS.",
  phoneNumberType: `One of ${PHONE_NUMBER_TYPES.join(", ")}.`,
  features: `Features every number must offer, among ${SEARCH_FEATURES.join(", ")}.`,
  startsWith: "Digits the number starts with (after the national destination code when one is given).",
  contains: "Digits the number contains (after the national destination code when one is given).",
  endsWith: "Digits the number ends with.",
  quickship: "Only numbers that work at once after purchase (toll-free).",
  bestEffort: "Also accept near matches when exact ones are too few (US and Canada).",
} as const satisfies Record<keyof SearchCriteria, string>;

/**
 * Each criterion's value kind, for schemas that describe criteria to other languages (the native
 * plugin's): every one is text except these. Only the country is required.
 */
export const SEARCH_CRITERION_KINDS = {
  features: "string[]",
  quickship: "boolean",
  bestEffort: "boolean",
} as const satisfies Partial<Record<keyof SearchCriteria, "string[]" | "boolean">>;

/** How a caller spells a criterion in messages: `countryCode`, `search.countryCode`, `--country-code`. */
export type PropertyNamer = (key: string) => string;
const plain: PropertyNamer = (key) => key;

/** How a resource names its criteria: as properties of its `search` input. */
export const underSearch: PropertyNamer = (key) => `search.${key}`;

/** The longest text accepted for locality, administrative area or rate center. */
const MAX_TEXT_LENGTH = 100;

/**
 * `value` checked as search criteria, normalized (country upper case, texts trimmed, features
 * without duplicates), undefined criteria left out. Throws a `TelnyxInputError` naming the first
 * wrong property through `name`, before any call: also for values JavaScript or YAML can pass
 * that TypeScript would refuse, and for unknown keys (a misspelt criterion must not widen a search).
 */
export function checkSearchCriteria(value: unknown, name: PropertyNamer = plain): SearchCriteria {
  const fail = (key: string, reason: string): never => {
    throw new TelnyxInputError(name(key), `${name(key)} ${reason}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail("countryCode", "is required, in an object of search criteria (e.g. { countryCode: \"US\" })");
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in SEARCH_CRITERIA) && input[key] !== undefined) {
      fail(key, `is not a search criterion (known: ${Object.keys(SEARCH_CRITERIA).join(", ")})`);
    }
  }
  const text = (key: keyof SearchCriteria): string | undefined => {
    const v = input[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v.trim() === "") return fail(key, `must be a non-empty string; got ${JSON.stringify(v)}`);
    if (v.length > MAX_TEXT_LENGTH) return fail(key, `must be at most ${MAX_TEXT_LENGTH} characters`);
    return v.trim();
  };
  const digits = (key: keyof SearchCriteria, max: number): string | undefined => {
    const v = text(key);
    if (v !== undefined && !new RegExp(`^\\d{1,${max}}$`).test(v)) fail(key, `must be digits only (1 to ${max}); got ${JSON.stringify(v)}`);
    return v;
  };
  const flag = (key: keyof SearchCriteria): boolean | undefined => {
    const v = input[key];
    if (v !== undefined && typeof v !== "boolean") fail(key, `must be true or false; got ${JSON.stringify(v)}`);
    return v as boolean | undefined;
  };

  const countryCode = text("countryCode");
  if (countryCode === undefined) return fail("countryCode", "is required: the ISO country to search in, e.g. US");
  if (!/^[A-Za-z]{2}$/.test(countryCode)) fail("countryCode", `must be a two-letter ISO country code such as US; got ${JSON.stringify(countryCode)}`);
  const type = text("phoneNumberType");
  if (type !== undefined && !(PHONE_NUMBER_TYPES as readonly string[]).includes(type)) {
    fail("phoneNumberType", `must be one of ${PHONE_NUMBER_TYPES.join(", ")}; got ${JSON.stringify(type)}`);
  }
  const criteria: SearchCriteria = {
    countryCode: countryCode.toUpperCase(),
    nationalDestinationCode: digits("nationalDestinationCode", 6),
    locality: text("locality"),
    administrativeArea: text("administrativeArea"),
    rateCenter: text("rateCenter"),
    phoneNumberType: type as PhoneNumberType | undefined,
    features: checkFeatures(input.features, name),
    startsWith: digits("startsWith", 15),
    contains: digits("contains", 15),
    endsWith: digits("endsWith", 15),
    quickship: flag("quickship"),
    bestEffort: flag("bestEffort"),
  };
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined)) as SearchCriteria;
}

function checkFeatures(value: unknown, name: PropertyNamer): SearchFeature[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new TelnyxInputError(name("features"), `${name("features")} must be a list, e.g. ["sms", "voice"]`);
  value.forEach((feature, i) => {
    if (!(SEARCH_FEATURES as readonly unknown[]).includes(feature)) {
      const at = `${name("features")}[${i}]`;
      throw new TelnyxInputError(name("features"), `${at} ${JSON.stringify(feature)} must be one of ${SEARCH_FEATURES.join(", ")}`);
    }
  });
  return value.length === 0 ? undefined : [...new Set(value as SearchFeature[])];
}

/**
 * `options` checked: `limit` a whole number from 1 to {@link MAX_SEARCH_LIMIT} (default
 * {@link DEFAULT_SEARCH_LIMIT}), the flags booleans. Throws a `TelnyxInputError` naming the option.
 */
export function checkSearchOptions(options: SearchOptions, name: PropertyNamer = plain): SearchOptions & { limit: number } {
  const { limit = DEFAULT_SEARCH_LIMIT, reservable, excludeHeldNumbers } = options;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new TelnyxInputError(name("limit"), `${name("limit")} must be a whole number from 1 to ${MAX_SEARCH_LIMIT}; got ${JSON.stringify(limit)}`);
  }
  for (const [key, value] of Object.entries({ reservable, excludeHeldNumbers })) {
    if (value !== undefined && typeof value !== "boolean") throw new TelnyxInputError(name(key), `${name(key)} must be true or false; got ${JSON.stringify(value)}`);
  }
  return { limit, reservable, excludeHeldNumbers };
}

/**
 * The `filter[...]` query of `GET /available_phone_numbers` for checked criteria and options:
 * features comma-separated (as Telnyx's own SDK sends a list), booleans as `true`/`false`,
 * absent ones left out. Typed by the spec, so a parameter it renames fails `tsc` here.
 */
export function searchQuery(criteria: SearchCriteria, options: SearchOptions = {}): Record<SearchQueryParameter, string | number | undefined> {
  const bool = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
  return {
    "filter[country_code]": criteria.countryCode,
    "filter[national_destination_code]": criteria.nationalDestinationCode,
    "filter[locality]": criteria.locality,
    "filter[administrative_area]": criteria.administrativeArea,
    "filter[rate_center]": criteria.rateCenter,
    "filter[phone_number_type]": criteria.phoneNumberType,
    "filter[features]": criteria.features?.length ? criteria.features.join(",") : undefined,
    "filter[phone_number][starts_with]": criteria.startsWith,
    "filter[phone_number][contains]": criteria.contains,
    "filter[phone_number][ends_with]": criteria.endsWith,
    "filter[quickship]": bool(criteria.quickship),
    "filter[best_effort]": bool(criteria.bestEffort),
    "filter[reservable]": bool(options.reservable),
    "filter[exclude_held_numbers]": bool(options.excludeHeldNumbers),
    "filter[limit]": options.limit,
  };
}

/**
 * Read-only lookups shared by the SDK's functions (sdk/lookups.ts) and the
 * native plugin's `telnyx:index:getNumberReservation` and
 * `telnyx:index:listNumberReservations`:
 *
 *   lookupReservation  GET /number_reservations/{id}
 *   listReservations   GET /number_reservations?filter[...]   (every page)
 *   searchNumbers      GET /available_phone_numbers?filter[...] (one call, limited)
 *
 * (and the CLI's `search`, which shares `searchNumbers`).
 */
import { AvailablePhoneNumber, RESERVATION_STATUSES, ReservationFilters, ReservationStatusFilter, TelnyxClient, TelnyxInputError } from "./telnyx";
import { ReservationSummary, summarize } from "./reservation-state";
import { toE164 } from "./phone-numbers";
import { PropertyNamer, SearchCriteria, SearchOptions, checkSearchCriteria, checkSearchOptions } from "./search-criteria";

/** Filters of a reservation list; all optional, combined with AND. */
export interface ListNumberReservationsArgs {
  /** `pending`, `success` or `failure` (or `partial_success`, `failed`); lower case, as Telnyx writes them. */
  status?: ReservationStatusFilter;
  /** Exact customer reference. */
  customerReference?: string;
  /** Reservations holding this number (any common format; normalized to E.164). */
  phoneNumber?: string;
  /** Created after this time (ISO-8601 string or Date). */
  createdAfter?: string | Date;
  /** Created before this time (ISO-8601 string or Date). */
  createdBefore?: string | Date;
}

/** The filters, described once for the native schema (tied to the interface below). */
export const LIST_FILTERS = {
  status: "`pending`, `success` or `failure` (or `partial_success`, `failed`); lower case, as Telnyx writes them.",
  customerReference: "Exact customer reference.",
  phoneNumber: "Reservations holding this number (any common format; normalized to E.164).",
  createdAfter: "Created after this time (ISO-8601).",
  createdBefore: "Created before this time (ISO-8601).",
} as const satisfies Record<keyof ListNumberReservationsArgs, string>;

/**
 * One reservation by id. An empty id would ask for `GET /number_reservations/`,
 * which is the list: refuse it here, naming the argument.
 */
export async function lookupReservation(client: TelnyxClient, id: string): Promise<ReservationSummary> {
  if (typeof id !== "string" || id.trim() === "") {
    throw new TelnyxInputError("id", `id must be a non-empty reservation id; got ${JSON.stringify(id)}`);
  }
  return summarize(await client.retrieve(id));
}

/** Every reservation matching `args`, all pages fetched. */
export async function listReservations(client: TelnyxClient, args: ListNumberReservationsArgs = {}): Promise<ReservationSummary[]> {
  return (await client.listAll(toFilters(args))).map(summarize);
}

/** The filters as Telnyx takes them; a wrong one throws before any call. */
function toFilters(args: ListNumberReservationsArgs): ReservationFilters {
  const time = (t?: string | Date) => (t instanceof Date ? t.toISOString() : t);
  return {
    status: checkStatus(args.status),
    customerReference: args.customerReference,
    phoneNumber: args.phoneNumber ? toE164(args.phoneNumber, "phoneNumber") : undefined,
    createdAfter: time(args.createdAfter),
    createdBefore: time(args.createdBefore),
  };
}

/** The type stops a wrong status in TypeScript; this stops it from JavaScript and from the native plugin. */
function checkStatus(status: unknown): ReservationStatusFilter | undefined {
  if (status === undefined || (RESERVATION_STATUSES as readonly unknown[]).includes(status)) return status as ReservationStatusFilter | undefined;
  throw new TelnyxInputError("status", `status ${JSON.stringify(status)} must be one of ${RESERVATION_STATUSES.join(", ")}`);
}

// ---- searching available numbers ----------------------------------------------------------------

/** What to search for and how many: the criteria plus the search options. */
export interface SearchAvailablePhoneNumbersArgs extends SearchCriteria, SearchOptions {}

/** A number a search found, in camelCase, flattened for programs and the CLI. */
export interface AvailableNumber {
  /** E.164. */
  phoneNumber: string;
  /** City (Telnyx's `location` region). */
  locality?: string;
  /** State or province (Telnyx's `state` region). */
  administrativeArea?: string;
  rateCenter?: string;
  countryCode?: string;
  /** Feature names, e.g. `["sms", "voice"]`. */
  features: string[];
  /** Prices as Telnyx writes them (decimal strings), in `currency`. */
  monthlyCost?: string;
  upfrontCost?: string;
  currency?: string;
  reservable?: boolean;
  quickship?: boolean;
  /** A near match, not an exact one (only with `bestEffort: true`). */
  bestEffort: boolean;
}

/**
 * The fields of an {@link AvailableNumber}, described once for the native schema (tied to the
 * interface: a field added there fails `tsc` here until it is described).
 */
export const AVAILABLE_NUMBER_FIELDS = {
  phoneNumber: { type: "string", required: true, description: "The number, in E.164." },
  locality: { type: "string", description: "City (Telnyx's `location` region)." },
  administrativeArea: { type: "string", description: "State or province (Telnyx's `state` region)." },
  rateCenter: { type: "string", description: "Rate center (US and Canada)." },
  countryCode: { type: "string", description: "ISO 3166 country." },
  features: { type: "string[]", required: true, description: "Feature names, e.g. sms, voice." },
  monthlyCost: { type: "string", description: "Monthly price as Telnyx writes it (a decimal string), in `currency`." },
  upfrontCost: { type: "string", description: "Upfront price as Telnyx writes it (a decimal string), in `currency`." },
  currency: { type: "string", description: "Currency of the prices, e.g. USD." },
  reservable: { type: "boolean", description: "Whether the number can be reserved." },
  quickship: { type: "boolean", description: "Whether the number works at once after purchase." },
  bestEffort: { type: "boolean", required: true, description: "A near match, not an exact one (only with bestEffort)." },
} as const satisfies Record<keyof AvailableNumber, { type: "string" | "string[]" | "boolean"; required?: boolean; description: string }>;

/** One search's numbers, with Telnyx's counts of all matches (before the limit). */
export interface NumberSearchResult {
  numbers: AvailableNumber[];
  /** How many numbers match in all, when Telnyx says. */
  totalResults?: number;
  /** How many of those are near matches, when Telnyx says. */
  bestEffortResults?: number;
}

/**
 * Numbers available now that match `args`: reservable ones the account does not hold yet unless
 * told otherwise (`reservable`, `excludeHeldNumbers` default to true, as Telnyx's own guide
 * searches before reserving), at most `limit` (default DEFAULT_SEARCH_LIMIT). Everything is
 * checked before the call; `name` spells the properties in messages (the CLI passes its flags).
 */
export async function searchNumbers(
  client: TelnyxClient,
  args: SearchAvailablePhoneNumbersArgs,
  name?: PropertyNamer,
): Promise<NumberSearchResult> {
  const { limit, reservable = true, excludeHeldNumbers = true, ...criteria } = args ?? ({} as SearchAvailablePhoneNumbersArgs);
  const checked = checkSearchCriteria(criteria, name);
  const options = checkSearchOptions({ limit, reservable, excludeHeldNumbers }, name);
  const { data, meta } = await client.searchAvailablePhoneNumbers(checked, options);
  return { numbers: data.map(availableNumber), totalResults: meta.total_results, bestEffortResults: meta.best_effort_results };
}

function availableNumber(found: AvailablePhoneNumber): AvailableNumber {
  const region = (type: string) => found.region_information?.find((r) => r.region_type === type)?.region_name;
  const entries = {
    phoneNumber: found.phone_number,
    locality: region("location"),
    administrativeArea: region("state"),
    rateCenter: region("rate_center"),
    countryCode: region("country_code"),
    features: (found.features ?? []).flatMap((f) => (f.name ? [f.name] : [])),
    monthlyCost: found.cost_information?.monthly_cost,
    upfrontCost: found.cost_information?.upfront_cost,
    currency: found.cost_information?.currency,
    reservable: found.reservable,
    quickship: found.quickship,
    bestEffort: found.best_effort === true,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null)) as unknown as AvailableNumber;
}

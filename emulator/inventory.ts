/**
 * The emulated number inventory and its search, free of HTTP (the domain side, beside domain.ts):
 * the numbers `GET /v2/available_phone_numbers` can find, each with the region, features, costs
 * and flags Telnyx reports, plus the numbers "taken by another customer" since a test said so.
 * A fixed default inventory (NANP area codes in the US and Canada, local and toll-free) makes
 * every search answer the same on every run; the control API adds and removes entries.
 *
 * The inventory only adds refusals to what a create already does: a number it lists as not
 * reservable, or as taken, fails in a reservation; a number it does not list is held exactly as
 * before, so reservations of arbitrary test numbers keep working.
 */

import type { WireFeature, WirePhoneNumberType } from "../wire";

/** One number the inventory offers. */
export interface InventoryNumber {
  /** The number in E.164. */
  phoneNumber: string;
  /** ISO 3166 alpha-2 country, upper case (`US`, `CA`). */
  countryCode: string;
  /** The area code (NANP) or other national destination code. */
  nationalDestinationCode: string;
  phoneNumberType: WirePhoneNumberType;
  /** City; absent for toll-free numbers. */
  locality?: string;
  /** US state or Canadian province, e.g. `CO`. */
  administrativeArea?: string;
  /** NANP rate center, e.g. `FORT COLLINS`. */
  rateCenter?: string;
  features: WireFeature[];
  /** Prices as Telnyx writes them: decimal strings. */
  monthlyCost: string;
  upfrontCost: string;
  currency: string;
  /** Whether it may be held by a number reservation. */
  reservable: boolean;
  /** Whether it works at once after purchase (toll-free only, at Telnyx). */
  quickship: boolean;
}

/** What a search asks for; every given criterion must match (except near matches, see {@link Inventory.search}). */
export interface SearchQuery {
  countryCode?: string;
  nationalDestinationCode?: string;
  locality?: string;
  administrativeArea?: string;
  rateCenter?: string;
  phoneNumberType?: WirePhoneNumberType;
  /** Every feature listed must be offered. */
  features: WireFeature[];
  /** Digit patterns on the national number, or on what follows the NDC when `nationalDestinationCode` is given. */
  startsWith?: string;
  contains?: string;
  endsWith?: string;
  /** `true`: quickship numbers only. */
  quickship?: boolean;
  /** `true`: reservable numbers only. */
  reservable?: boolean;
  /** `true`: leave out numbers held by a live or pending reservation. */
  excludeHeldNumbers?: boolean;
  /** `true`: when exact matches are fewer than `limit`, fill up with near matches. */
  bestEffort?: boolean;
  /** Most numbers answered. */
  limit: number;
}

/** What a search found. */
export interface SearchResult {
  /** At most `limit` numbers: exact matches first, then near ones (`bestEffort`). */
  numbers: Array<{ number: InventoryNumber; bestEffort: boolean }>;
  /** How many numbers match in all, before `limit` (near matches counted when asked for). */
  totalResults: number;
  /** How many of those are near matches. */
  bestEffortResults: number;
}

/** Why a number the inventory knows cannot be held, in Telnyx's words. */
const HOLD_REFUSALS = {
  // Held by someone else looks, to this account, like any other hold.
  taken: "Number is already on hold",
  notReservable: "Number is not reservable",
} as const;

// ---- the default inventory ----------------------------------------------------------------------

/** A run of consecutive numbers sharing a place and a type. */
interface Block {
  countryCode: "US" | "CA";
  npa: string;
  /** The three digits after the NPA; never 555, which the tests' own numbers use. */
  exchange: string;
  count: number;
  type: WirePhoneNumberType;
  locality?: string;
  administrativeArea?: string;
  rateCenter?: string;
  monthlyCost: string;
  upfrontCost: string;
}

const BLOCKS: readonly Block[] = [
  { countryCode: "US", npa: "970", exchange: "221", count: 12, type: "local", locality: "Fort Collins", administrativeArea: "CO", rateCenter: "FORT COLLINS", monthlyCost: "1.00", upfrontCost: "1.00" },
  { countryCode: "US", npa: "970", exchange: "667", count: 6, type: "local", locality: "Loveland", administrativeArea: "CO", rateCenter: "LOVELAND", monthlyCost: "1.00", upfrontCost: "1.00" },
  { countryCode: "US", npa: "970", exchange: "242", count: 6, type: "local", locality: "Grand Junction", administrativeArea: "CO", rateCenter: "GRAND JCT", monthlyCost: "1.00", upfrontCost: "1.00" },
  { countryCode: "US", npa: "303", exchange: "292", count: 10, type: "local", locality: "Denver", administrativeArea: "CO", rateCenter: "DENVER", monthlyCost: "1.00", upfrontCost: "1.00" },
  { countryCode: "US", npa: "212", exchange: "390", count: 8, type: "local", locality: "New York", administrativeArea: "NY", rateCenter: "NWYRCYZN01", monthlyCost: "1.50", upfrontCost: "1.00" },
  { countryCode: "US", npa: "415", exchange: "273", count: 8, type: "local", locality: "San Francisco", administrativeArea: "CA", rateCenter: "SNFC CNTRL", monthlyCost: "1.25", upfrontCost: "1.00" },
  { countryCode: "US", npa: "312", exchange: "248", count: 8, type: "local", locality: "Chicago", administrativeArea: "IL", rateCenter: "CHICAGO", monthlyCost: "1.00", upfrontCost: "1.00" },
  { countryCode: "CA", npa: "604", exchange: "227", count: 6, type: "local", locality: "Vancouver", administrativeArea: "BC", rateCenter: "VANCOUVER", monthlyCost: "1.20", upfrontCost: "1.00" },
  { countryCode: "CA", npa: "416", exchange: "238", count: 6, type: "local", locality: "Toronto", administrativeArea: "ON", rateCenter: "TORONTO", monthlyCost: "1.20", upfrontCost: "1.00" },
  { countryCode: "US", npa: "888", exchange: "240", count: 6, type: "toll_free", monthlyCost: "2.00", upfrontCost: "0.00" },
  { countryCode: "US", npa: "833", exchange: "390", count: 4, type: "toll_free", monthlyCost: "2.00", upfrontCost: "0.00" },
];

/**
 * The `i`-th number of a block. Features, reservability and quickship vary with `i` by fixed
 * rules, so that every filter has numbers on both sides of it: every second local number has
 * MMS, every third fax, every fifth lacks SMS, every seventh is not reservable; every second
 * toll-free number is quickship.
 */
function blockNumber(block: Block, i: number): InventoryNumber {
  const local = block.type === "local";
  const features: WireFeature[] = local
    ? ["voice", "emergency", ...(i % 5 === 4 ? [] : (["sms"] as const)), ...(i % 2 === 0 ? (["mms"] as const) : []), ...(i % 3 === 0 ? (["fax"] as const) : [])]
    : ["voice", ...(i % 2 === 0 ? (["sms"] as const) : [])];
  return {
    phoneNumber: `+1${block.npa}${block.exchange}${String(100 + i).padStart(4, "0")}`,
    countryCode: block.countryCode,
    nationalDestinationCode: block.npa,
    phoneNumberType: block.type,
    ...(block.locality !== undefined ? { locality: block.locality } : {}),
    ...(block.administrativeArea !== undefined ? { administrativeArea: block.administrativeArea } : {}),
    ...(block.rateCenter !== undefined ? { rateCenter: block.rateCenter } : {}),
    features,
    monthlyCost: block.monthlyCost,
    upfrontCost: block.upfrontCost,
    currency: "USD",
    reservable: i % 7 !== 6,
    quickship: !local && i % 2 === 0,
  };
}

/** The inventory every emulator starts with (and returns to on reset), in number order. */
export function defaultInventory(): InventoryNumber[] {
  return BLOCKS.flatMap((block) => Array.from({ length: block.count }, (_, i) => blockNumber(block, i))).sort(byNumber);
}

function byNumber(a: InventoryNumber, b: InventoryNumber): number {
  return a.phoneNumber < b.phoneNumber ? -1 : a.phoneNumber > b.phoneNumber ? 1 : 0;
}

// ---- matching -----------------------------------------------------------------------------------

const sameText = (wanted: string | undefined, actual: string | undefined): boolean =>
  wanted === undefined || (actual !== undefined && wanted.toLowerCase() === actual.toLowerCase());

/** Whether the number is where the query asks (the criteria a near match may miss). */
function inPlace(number: InventoryNumber, query: SearchQuery): boolean {
  return (
    sameText(query.locality, number.locality) &&
    sameText(query.rateCenter, number.rateCenter) &&
    (query.nationalDestinationCode === undefined || query.nationalDestinationCode === number.nationalDestinationCode)
  );
}

/** The digits the patterns apply to: the national number, without the NDC when the query names one. */
function patternDigits(number: InventoryNumber, query: SearchQuery): string {
  const national = number.phoneNumber.replace(/^\+1/, "").replace(/^\+/, "");
  return query.nationalDestinationCode !== undefined && national.startsWith(number.nationalDestinationCode)
    ? national.slice(number.nationalDestinationCode.length)
    : national;
}

/** Every criterion but place: country, state, type, features, patterns and flags. */
function matchesKind(number: InventoryNumber, query: SearchQuery): boolean {
  const digits = patternDigits(number, query);
  return (
    sameText(query.countryCode, number.countryCode) &&
    sameText(query.administrativeArea, number.administrativeArea) &&
    (query.phoneNumberType === undefined || query.phoneNumberType === number.phoneNumberType) &&
    query.features.every((feature) => number.features.includes(feature)) &&
    (query.startsWith === undefined || digits.startsWith(query.startsWith)) &&
    (query.contains === undefined || digits.includes(query.contains)) &&
    (query.endsWith === undefined || digits.endsWith(query.endsWith)) &&
    (query.quickship !== true || number.quickship) &&
    (query.reservable !== true || number.reservable)
  );
}

// ---- the inventory ------------------------------------------------------------------------------

/** The numbers on offer, and those another customer has taken. */
export class Inventory {
  private readonly numbers = new Map<string, InventoryNumber>();
  private readonly taken = new Set<string>();

  constructor() {
    this.reset();
  }

  /** Every number on offer (taken ones included), in number order. */
  all(): InventoryNumber[] {
    return [...this.numbers.values()].sort(byNumber);
  }

  /** Adds numbers, replacing any entry with the same phone number. */
  add(numbers: readonly InventoryNumber[]): void {
    for (const number of numbers) this.numbers.set(number.phoneNumber, number);
  }

  /** Removes numbers from the offer; unknown ones are ignored. */
  remove(phoneNumbers: readonly string[]): void {
    for (const phoneNumber of phoneNumbers) this.numbers.delete(phoneNumber);
  }

  /** Marks numbers as held by another customer: no search shows them, and a create fails for them. */
  take(phoneNumbers: readonly string[]): void {
    for (const phoneNumber of phoneNumbers) this.taken.add(phoneNumber);
  }

  /** The numbers marked taken, in the order they were marked. */
  takenNumbers(): string[] {
    return [...this.taken];
  }

  /** Back to the default inventory, nothing taken. */
  reset(): void {
    this.numbers.clear();
    this.taken.clear();
    this.add(defaultInventory());
  }

  /**
   * Why a create cannot hold this number, or undefined: taken by another customer, or listed as
   * not reservable. A number the inventory does not list is not refused here.
   */
  holdRefusal(phoneNumber: string): string | undefined {
    if (this.taken.has(phoneNumber)) return HOLD_REFUSALS.taken;
    const number = this.numbers.get(phoneNumber);
    return number && !number.reservable ? HOLD_REFUSALS.notReservable : undefined;
  }

  /**
   * The numbers matching `query`, in number order. `unlisted` says which numbers no search may
   * show at the moment (marked unavailable; with `excludeHeldNumbers`, held by a reservation);
   * taken numbers are never shown. With `bestEffort`, numbers that match every criterion but
   * place (locality, rate center, NDC: "near" ones, in the same country, state if asked, and of
   * the same kind) follow the exact ones, marked as such: first those in the state(s) of the
   * place asked for, then the others, each in number order.
   */
  search(query: SearchQuery, unlisted: (phoneNumber: string) => boolean): SearchResult {
    const exact: InventoryNumber[] = [];
    const near: InventoryNumber[] = [];
    for (const number of this.all()) {
      if (this.taken.has(number.phoneNumber) || unlisted(number.phoneNumber) || !matchesKind(number, query)) continue;
      if (inPlace(number, query)) exact.push(number);
      else if (query.bestEffort) near.push(number);
    }
    // Nearest first: numbers in a state where the place asked for lies, then the rest.
    const states = new Set(this.all().filter((number) => inPlace(number, query)).map((number) => number.administrativeArea));
    const nearest = [...near.filter((n) => states.has(n.administrativeArea)), ...near.filter((n) => !states.has(n.administrativeArea))];
    const found = [...exact.map((number) => ({ number, bestEffort: false })), ...nearest.map((number) => ({ number, bestEffort: true }))];
    return { numbers: found.slice(0, query.limit), totalResults: found.length, bestEffortResults: near.length };
  }
}

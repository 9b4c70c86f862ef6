/**
 * The list filters shared by `list` and `import`, checked and turned into the
 * client's `ReservationFilters`: numbers normalized to E.164 (the API matches
 * exact strings), times checked as ISO-8601 and sent in UTC, statuses checked
 * against the API's list, so a typo fails here as a usage error instead of
 * silently matching nothing.
 */
import { ReservationFilters } from "../provider/telnyx";
import { normalizePhoneNumber } from "../provider/phone-numbers";
import { UsageError } from "./cli-error";
import { FlagSpecs, FlagValues } from "./flags";

export const FILTER_FLAGS = {
  status: { type: "string", valueName: "status", description: "Only reservations with this status: pending, success or failure." },
  "customer-reference": { type: "string", valueName: "ref", description: "Only reservations with exactly this customer reference." },
  "phone-number": { type: "string", valueName: "number", description: "Only reservations holding this number (any common format)." },
  "created-after": { type: "string", valueName: "time", description: "Only reservations created after this ISO-8601 date-time." },
  "created-before": { type: "string", valueName: "time", description: "Only reservations created before this ISO-8601 date-time." },
} as const satisfies FlagSpecs;

/** The statuses `filter[status]` accepts (the spec's enum). */
export const STATUSES = ["pending", "success", "failure"] as const;

export function filtersFromFlags(flags: FlagValues<typeof FILTER_FLAGS>): ReservationFilters {
  const filters: ReservationFilters = {};
  if (flags.status !== undefined) filters.status = statusFlag(flags.status);
  if (flags["customer-reference"] !== undefined) filters.customerReference = flags["customer-reference"];
  if (flags["phone-number"] !== undefined) filters.phoneNumber = phoneNumberFlag(flags["phone-number"]);
  if (flags["created-after"] !== undefined) filters.createdAfter = timeFlag("--created-after", flags["created-after"]);
  if (flags["created-before"] !== undefined) filters.createdBefore = timeFlag("--created-before", flags["created-before"]);
  return filters;
}

function phoneNumberFlag(value: string): string {
  const result = normalizePhoneNumber(value);
  if (!result.ok) throw new UsageError(`--phone-number ${JSON.stringify(value)} ${result.reason}`);
  return result.e164;
}

function statusFlag(value: string): string {
  if ((STATUSES as readonly string[]).includes(value)) return value;
  throw new UsageError(`--status ${JSON.stringify(value)} must be one of ${STATUSES.join(", ")}`);
}

/**
 * `2025-01-31` (midnight UTC) or `2025-01-31T12:00[:00[.000]][Z|±hh:mm]` (local time
 * without an offset). `Date.parse` alone would take "1" (the year 2001) and roll
 * `2025-02-30` over to March, so the form and every field are checked first.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i;

function timeFlag(flag: string, value: string): string {
  const match = ISO_DATE_TIME.exec(value);
  const ms = Date.parse(value);
  if (!match || Number.isNaN(ms) || !validFields(match.slice(1).map((field) => (field === undefined ? 0 : Number(field))))) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not an ISO-8601 date-time (e.g. 2025-01-31 or 2025-01-31T12:00:00Z)`);
  }
  return new Date(ms).toISOString();
}

function validFields([year, month, day, hour, minute, second]: number[]): boolean {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

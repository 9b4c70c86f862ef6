/**
 * The list filters shared by `list` and `import`, checked and turned into the
 * client's `ReservationFilters`: numbers normalized to E.164 (the API matches
 * exact strings) and times to ISO-8601, so a typo fails here as a usage error
 * instead of silently matching nothing.
 */
import { ReservationFilters } from "../provider/telnyx";
import { normalizePhoneNumber } from "../provider/phone-numbers";
import { UsageError } from "./cli-error";
import { FlagSpecs, FlagValues } from "./flags";

export const FILTER_FLAGS = {
  status: { type: "string", valueName: "status", description: "Only reservations with this status: pending, success or failure." },
  "customer-reference": { type: "string", valueName: "ref", description: "Only reservations with exactly this customer reference." },
  "phone-number": { type: "string", valueName: "number", description: "Only reservations holding this number (any common format)." },
  "created-after": { type: "string", valueName: "time", description: "Only reservations created after this ISO-8601 time." },
  "created-before": { type: "string", valueName: "time", description: "Only reservations created before this ISO-8601 time." },
} as const satisfies FlagSpecs;

export function filtersFromFlags(flags: FlagValues<typeof FILTER_FLAGS>): ReservationFilters {
  const filters: ReservationFilters = {};
  if (flags.status !== undefined) filters.status = flags.status;
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

function timeFlag(flag: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not an ISO-8601 time (e.g. 2025-01-31T12:00:00Z)`);
  return new Date(ms).toISOString();
}

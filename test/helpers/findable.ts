/**
 * What a search resource's search would find at the emulator now: the reservable numbers
 * nobody holds in area code 970 and `locality` offering SMS, in the order a search answers them.
 * The search-resource tests compare what was held with it.
 */
import type { EmulatorFixture } from "./emulator";

export async function findable(emulator: EmulatorFixture, locality = "Fort Collins", limit = 10): Promise<string[]> {
  const query = new URLSearchParams({
    "filter[country_code]": "US",
    "filter[national_destination_code]": "970",
    "filter[locality]": locality,
    "filter[features]": "sms",
    "filter[reservable]": "true",
    "filter[exclude_held_numbers]": "true",
    "filter[limit]": String(limit),
  });
  const body = (await (await emulator.request("GET", `/available_phone_numbers?${query}`)).json()) as { data?: Array<{ phone_number: string }> };
  return (body.data ?? []).map((n) => n.phone_number);
}

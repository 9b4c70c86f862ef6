/**
 * What a search resource's search would find at the emulator now: the reservable numbers
 * nobody holds, in the order a search answers them. The search-resource tests compare what was
 * held with it.
 */
import type { EmulatorFixture } from "./emulator";

/** In area code 970 and `locality`, offering SMS. */
export async function findable(emulator: EmulatorFixture, locality = "Fort Collins", limit = 10): Promise<string[]> {
  return searchFree(emulator, { "filter[national_destination_code]": "970", "filter[locality]": locality, "filter[features]": "sms" }, limit);
}

/** In a US area code, anything else left open (the search of a resource declared by area code and count alone). */
export async function findableInArea(emulator: EmulatorFixture, areaCode: string, limit = 10): Promise<string[]> {
  return searchFree(emulator, { "filter[national_destination_code]": areaCode }, limit);
}

async function searchFree(emulator: EmulatorFixture, criteria: Record<string, string>, limit: number): Promise<string[]> {
  const query = new URLSearchParams({
    "filter[country_code]": "US",
    ...criteria,
    "filter[reservable]": "true",
    "filter[exclude_held_numbers]": "true",
    "filter[limit]": String(limit),
  });
  const body = (await (await emulator.request("GET", `/available_phone_numbers?${query}`)).json()) as { data?: Array<{ phone_number: string }> };
  return (body.data ?? []).map((n) => n.phone_number);
}

/** The area code (national destination code) the emulator's inventory lists for each number; undefined for one it does not list. */
export async function areaCodes(emulator: EmulatorFixture, numbers: string[]): Promise<Array<string | undefined>> {
  const inventory = await emulator.control.inventory();
  return numbers.map((n) => inventory.find((i) => i.phoneNumber === n)?.nationalDestinationCode);
}

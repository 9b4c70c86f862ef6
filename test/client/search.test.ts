/**
 * `TelnyxClient.searchAvailablePhoneNumbers` against the emulator over HTTP: the criteria reach
 * Telnyx as the spec's `filter[...]` parameters, the answer is checked before it is handed out,
 * retries and errors behave as for every other call (the key never shows), and bad criteria fail
 * before anything is sent.
 */
import { TelnyxApiError, TelnyxClient, TelnyxInputError } from "../../provider/telnyx";
import { withEmulator } from "../helpers/emulator";

const emulator = withEmulator();
const client = (options: { maxRetries?: number } = {}) =>
  new TelnyxClient({ apiKey: emulator.apiKey, baseUrl: emulator.url, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });

async function lastQuery(): Promise<Record<string, string>> {
  return (await emulator.control.requests()).at(-1)?.query ?? {};
}

it("sends every criterion as the spec's filter parameter and returns the numbers found", async () => {
  const telnyx = client();
  try {
    const page = await telnyx.searchAvailablePhoneNumbers(
      {
        countryCode: "us",
        nationalDestinationCode: "970",
        locality: "Fort Collins",
        administrativeArea: "CO",
        rateCenter: "FORT COLLINS",
        phoneNumberType: "local",
        features: ["sms", "mms", "sms"],
        startsWith: "221",
        contains: "01",
        endsWith: "0",
        quickship: false,
        bestEffort: false,
      },
      { limit: 5, reservable: true, excludeHeldNumbers: true },
    );
    expect(page.data.map((n) => n.phone_number)).toEqual(["+19702210100", "+19702210110"]);
    expect(page.meta).toEqual({ total_results: 2, best_effort_results: 0 });
    expect(await lastQuery()).toEqual({
      "filter[country_code]": "US",
      "filter[national_destination_code]": "970",
      "filter[locality]": "Fort Collins",
      "filter[administrative_area]": "CO",
      "filter[rate_center]": "FORT COLLINS",
      "filter[phone_number_type]": "local",
      "filter[features]": "sms,mms",
      "filter[phone_number][starts_with]": "221",
      "filter[phone_number][contains]": "01",
      "filter[phone_number][ends_with]": "0",
      "filter[quickship]": "false",
      "filter[best_effort]": "false",
      "filter[reservable]": "true",
      "filter[exclude_held_numbers]": "true",
      "filter[limit]": "5",
    });
  } finally {
    telnyx.close();
  }
});

it("asks for 20 numbers unless told, and sends nothing for criteria not given", async () => {
  const telnyx = client();
  try {
    const page = await telnyx.searchAvailablePhoneNumbers({ countryCode: "US" });
    expect(page.data).toHaveLength(20);
    expect(await lastQuery()).toEqual({ "filter[country_code]": "US", "filter[limit]": "20" });
  } finally {
    telnyx.close();
  }
});

it("retries a 503 like any read, and names the call in errors without the key", async () => {
  const telnyx = client({ maxRetries: 2 });
  try {
    await emulator.control.addFault({ path: "/v2/available_phone_numbers", count: 1, status: 503 });
    expect((await telnyx.searchAvailablePhoneNumbers({ countryCode: "US", locality: "Denver" })).data).toHaveLength(10);
    expect((await emulator.control.requests()).map((r) => r.status)).toEqual([503, 200]);

    await emulator.control.addFault({ path: "/v2/available_phone_numbers", count: 3, status: 500 });
    const err = await telnyx.searchAvailablePhoneNumbers({ countryCode: "US" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelnyxApiError);
    expect((err as TelnyxApiError).status).toBe(500);
    expect((err as Error).message).toContain("GET /available_phone_numbers");
    expect((err as Error).message).not.toContain(emulator.apiKey);
    expect((err as TelnyxApiError).attempts).toBe(3);
  } finally {
    telnyx.close();
  }
});

it("does not retry a 4xx: Telnyx's error is the error", async () => {
  const wrongKey = new TelnyxClient({ apiKey: "not-the-key", baseUrl: emulator.url });
  try {
    const err = await wrongKey.searchAvailablePhoneNumbers({ countryCode: "US" }).catch((e: unknown) => e);
    expect((err as TelnyxApiError).status).toBe(401);
    expect((err as TelnyxApiError).attempts).toBe(1);
    expect((err as Error).message).not.toContain("not-the-key");
  } finally {
    wrongKey.close();
  }
});

it.each([
  [{ countryCode: "USA" }, {}, "countryCode", 'countryCode must be a two-letter ISO country code such as US; got "USA"'],
  [{}, {}, "countryCode", "countryCode is required: the ISO country to search in, e.g. US"],
  [{ countryCode: "US", features: ["sms", "telepathy"] }, {}, "features", 'features[1] "telepathy" must be one of sms, mms, voice, fax, emergency, hd_voice, international_sms, local_calling'],
  [{ countryCode: "US", phoneNumberType: "landline" }, {}, "phoneNumberType", 'phoneNumberType must be one of local, toll_free, mobile, national, shared_cost; got "landline"'],
  [{ countryCode: "US", startsWith: "97-0" }, {}, "startsWith", 'startsWith must be digits only (1 to 15); got "97-0"'],
  [{ countryCode: "US", areaCode: "970" }, {}, "areaCode", "areaCode is not a search criterion (known: countryCode, nationalDestinationCode, locality, administrativeArea, rateCenter, phoneNumberType, features, startsWith, contains, endsWith, quickship, bestEffort)"],
  [{ countryCode: "US", bestEffort: "yes" }, {}, "bestEffort", 'bestEffort must be true or false; got "yes"'],
  [{ countryCode: "US" }, { limit: 101 }, "limit", "limit must be a whole number from 1 to 100; got 101"],
])("bad criteria %j %j fail naming %s, before any call", async (criteria, options, argument, message) => {
  const telnyx = client();
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const err = await telnyx.searchAvailablePhoneNumbers(criteria as any, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelnyxInputError);
    expect((err as TelnyxInputError).argument).toBe(argument);
    expect((err as Error).message).toBe(message);
    expect(await emulator.control.requests()).toEqual([]);
  } finally {
    telnyx.close();
  }
});

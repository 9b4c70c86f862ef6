/**
 * `searchAvailablePhoneNumbers` (and its Output form) through the SDK's public entry, against
 * the emulator: numbers come back flattened (locality, state, features, costs), limited to 20
 * unless told, reservable and not yet held unless told otherwise; a wrong criterion is a
 * `TelnyxInputError` naming it, before any call.
 */
import * as pulumi from "@pulumi/pulumi";
import { searchAvailablePhoneNumbers, searchAvailablePhoneNumbersOutput, TelnyxInputError } from "../../sdk";
import { withEmulator } from "../helpers/emulator";

const emulator = withEmulator();
const options = () => ({ apiKey: emulator.apiKey, baseUrl: emulator.url });

it("returns the numbers found, flattened, reservable and not held by default", async () => {
  const held = "+13032920100";
  await emulator.request("POST", "/number_reservations", { json: { phone_numbers: [{ phone_number: held }] } });
  const found = await searchAvailablePhoneNumbers({ countryCode: "US", locality: "Denver", features: ["fax"] }, options());
  expect(found.map((n) => n.phoneNumber)).toEqual(["+13032920103", "+13032920109"]);
  expect(found[0]).toEqual({
    phoneNumber: "+13032920103",
    locality: "Denver",
    administrativeArea: "CO",
    rateCenter: "DENVER",
    countryCode: "US",
    features: ["voice", "emergency", "sms", "fax"],
    monthlyCost: "1.00",
    upfrontCost: "1.00",
    currency: "USD",
    reservable: true,
    quickship: false,
    bestEffort: false,
  });
  expect((await emulator.control.requests()).at(-1)?.query).toMatchObject({
    "filter[reservable]": "true",
    "filter[exclude_held_numbers]": "true",
    "filter[limit]": "20",
  });
  // Asked for, held and unreservable numbers show too.
  const all = await searchAvailablePhoneNumbers(
    { countryCode: "US", locality: "Denver", features: ["fax"], reservable: false, excludeHeldNumbers: false },
    options(),
  );
  expect(all.map((n) => n.phoneNumber)).toEqual([held, "+13032920103", "+13032920106", "+13032920109"]);
  expect(all.find((n) => n.phoneNumber === "+13032920106")?.reservable).toBe(false);
});

it("is limited: 20 unless told, at most 100", async () => {
  expect(await searchAvailablePhoneNumbers({ countryCode: "US" }, options())).toHaveLength(20);
  expect(await searchAvailablePhoneNumbers({ countryCode: "US", limit: 3 }, options())).toHaveLength(3);
  const err = await searchAvailablePhoneNumbers({ countryCode: "US", limit: 500 }, options()).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TelnyxInputError);
  expect((err as TelnyxInputError).argument).toBe("limit");
});

it("marks near matches with bestEffort", async () => {
  const found = await searchAvailablePhoneNumbers({ countryCode: "US", locality: "Loveland", features: ["fax"], bestEffort: true, limit: 4 }, options());
  expect(found.map((n) => [n.locality === "Loveland", n.bestEffort])).toEqual([
    [true, false],
    [true, false],
    [false, true],
    [false, true],
  ]);
});

it("a wrong criterion fails naming it, before any call", async () => {
  // @ts-expect-error: "landline" is not a phone number type
  const err = await searchAvailablePhoneNumbers({ countryCode: "US", phoneNumberType: "landline" }, options()).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TelnyxInputError);
  expect((err as TelnyxInputError).argument).toBe("phoneNumberType");
  // @ts-expect-error: countryCode is required
  const missing = await searchAvailablePhoneNumbers({ locality: "Denver" }, options()).catch((e: unknown) => e);
  expect((missing as TelnyxInputError).argument).toBe("countryCode");
  expect(await emulator.control.requests()).toEqual([]);
});

it("the Output form searches once its inputs resolve", async () => {
  const ndc = pulumi.output(Promise.resolve("970"));
  const found = searchAvailablePhoneNumbersOutput({ countryCode: "US", nationalDestinationCode: ndc, rateCenter: "LOVELAND" }, options());
  const numbers = await new Promise<string[]>((resolve) => found.apply((list) => resolve(list.map((n) => n.phoneNumber))));
  expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => `+1970667010${i}`));
});

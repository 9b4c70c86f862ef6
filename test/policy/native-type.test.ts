/**
 * The pack applies to `NumberReservation` whichever provider serves it: the
 * dynamic resource's token and the native plugin's `telnyx:index:NumberReservation`,
 * and a stack rule sees both kinds together. Another type is ignored.
 */
import { NATIVE_NUMBER_RESERVATION_TYPE, noSharedNumbersInStack, phoneNumbersE164 } from "../../policy/rules";
import { packageSchema } from "../../native-provider/schema";
import { NUMBER_RESERVATION_TYPE, resourceArgs, stackResource, urnOf, validateResource, validateStack } from "./support";

describe("type tokens", () => {
  it("names the resource the native plugin's schema serves", () => {
    // The token as the plugin announces it to the engine, not as the pack spells it.
    const served = Object.keys(packageSchema("0.0.0").resources as Record<string, unknown>);
    expect(served).toContain(NATIVE_NUMBER_RESERVATION_TYPE);
    expect(NATIVE_NUMBER_RESERVATION_TYPE).toMatch(/:NumberReservation$/);
  });

  it.each([NUMBER_RESERVATION_TYPE, NATIVE_NUMBER_RESERVATION_TYPE])("checks a %s", async (type) => {
    const messages = await validateResource(phoneNumbersE164, resourceArgs("line", { phoneNumbers: ["970-555-5098"] }, { type }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`NumberReservation "line"`);
  });

  it("ignores other types with the same inputs", async () => {
    const args = resourceArgs("line", { phoneNumbers: ["970-555-5098"] }, { type: "telnyx:index:SomethingElse" });
    expect(await validateResource(phoneNumbersE164, args)).toEqual([]);
  });

  it("finds a number shared between a dynamic and a native reservation of one stack", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+19705555098"] }, NUMBER_RESERVATION_TYPE),
      stackResource("annex", { phoneNumbers: ["+1 970 555 5098"] }, NATIVE_NUMBER_RESERVATION_TYPE),
    ];
    const reported = await validateStack(noSharedNumbersInStack, resources);
    expect(reported.map((r) => r.urn)).toEqual([urnOf("office"), urnOf("annex", NATIVE_NUMBER_RESERVATION_TYPE)]);
  });
});

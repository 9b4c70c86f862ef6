/** Policy `no-shared-numbers-in-stack`: a number is declared by one reservation of a stack at most. */
import { noSharedNumbersInStack } from "../../policy/rules";
import { UNKNOWN_VALUE, asEngineSends, expectNames, stackResource, urnOf, validateStack } from "./support";

describe("no-shared-numbers-in-stack", () => {
  it("is a mandatory stack policy", () => {
    expect(noSharedNumbersInStack.enforcementLevel).toBe("mandatory");
    expect(typeof noSharedNumbersInStack.validateStack).toBe("function");
  });

  it("passes reservations with distinct numbers", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+19705555098", "+19705555099"] }),
      stackResource("annex", { phoneNumbers: ["+19705555100"] }),
    ];
    expect(await validateStack(noSharedNumbersInStack, resources)).toEqual([]);
  });

  it("reports every reservation that shares a number, on its own URN, naming the other", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+19705555098", "+19705555099"] }),
      stackResource("annex", { phoneNumbers: ["+19705555100", "+19705555098"] }),
    ];
    const reported = await validateStack(noSharedNumbersInStack, resources);
    expect(reported.map((r) => r.urn)).toEqual([urnOf("office"), urnOf("annex")]);
    expectNames(reported[0].message, { resource: "office", property: "phoneNumbers[0]", value: `"+19705555098"`, fix: `remove it from "office" or from "annex"` });
    expect(reported[0].message).toContain(`is also declared by NumberReservation "annex" (phoneNumbers[1])`);
    expectNames(reported[1].message, { resource: "annex", property: "phoneNumbers[1]", value: `"+19705555098"`, fix: "declare +19705555098 in one reservation only" });
  });

  it("compares numbers in E.164, whatever their spelling", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+1 970-555-5098"] }),
      stackResource("annex", { phoneNumbers: ["+1 (970) 555 5098"] }),
    ];
    const reported = await validateStack(noSharedNumbersInStack, resources);
    expect(reported).toHaveLength(2);
    expect(reported[0].message).toContain(`phoneNumbers[0] "+1 970-555-5098" is also declared by NumberReservation "annex" (phoneNumbers[0]) (as +19705555098)`);
  });

  it("names all other holders when three reservations share a number", async () => {
    const resources = ["a", "b", "c"].map((name) => stackResource(name, { phoneNumbers: ["+19705555098"] }));
    const reported = await validateStack(noSharedNumbersInStack, resources);
    expect(reported).toHaveLength(3);
    expect(reported[1].message).toContain(`NumberReservation "a" (phoneNumbers[0]) and NumberReservation "c" (phoneNumbers[0])`);
  });

  it("leaves repeats inside one reservation, and invalid numbers, to other checks", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+19705555098", "+1 970 555 5098", "12"] }),
      stackResource("annex", { phoneNumbers: ["12"] }),
    ];
    expect(await validateStack(noSharedNumbersInStack, resources)).toEqual([]);
  });

  it("ignores other resource types", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+19705555098"] }),
      stackResource("lookalike", { phoneNumbers: ["+19705555098"] }, "pulumi-nodejs:dynamic:Resource"),
      stackResource("stack", {}, "pulumi:pulumi:Stack"),
    ];
    expect(await validateStack(noSharedNumbersInStack, resources)).toEqual([]);
  });

  it("skips unknown numbers and unknown lists during preview", async () => {
    const resources = [
      stackResource("office", asEngineSends({ phoneNumbers: [UNKNOWN_VALUE, "+19705555098"] })),
      stackResource("annex", asEngineSends({ phoneNumbers: UNKNOWN_VALUE })),
      stackResource("third", asEngineSends({ phoneNumbers: [UNKNOWN_VALUE] })),
    ];
    expect(await validateStack(noSharedNumbersInStack, resources)).toEqual([]);
    resources.push(stackResource("fourth", asEngineSends({ phoneNumbers: ["+19705555098", UNKNOWN_VALUE] })));
    expect(await validateStack(noSharedNumbersInStack, resources)).toHaveLength(2);
  });

  it("passes search reservations beside listed ones: a search finds only numbers nobody holds", async () => {
    const resources = [
      stackResource("office", { phoneNumbers: ["+19705555098"] }),
      stackResource("found", { search: { countryCode: "US", nationalDestinationCode: "970", count: 2 } }),
      stackResource("more", { search: { countryCode: "US", nationalDestinationCode: "970", count: 2 } }),
    ];
    expect(await validateStack(noSharedNumbersInStack, resources)).toEqual([]);
  });
});

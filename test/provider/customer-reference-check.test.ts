/**
 * `customerReference` in the built provider's `check`: a length
 * limit and no control characters, refused before any API call and naming the
 * property (a 2 MB reference used to pass check and fail at create with a 413).
 */
import { apiCalls, withProvider } from "./support";
import { testNumbers } from "../../testing/numbers";

const fx = withProvider();
const [A] = testNumbers(1);

describe("check: customerReference", () => {
  it.each([
    ["256 characters", "r".repeat(256), /at most 255 characters \(got 256\)/],
    ["2 MB", "r".repeat(2 * 1024 * 1024), /at most 255 characters \(got 2097152\)/],
    ["a line break", "support\nforged", /control character \(U\+000A at position 8\)/],
    ["an escape sequence", "\u001b[31msupport", /control character \(U\+001B at position 1\)/],
    ["a C1 control", "support\u009b", /control character \(U\+009B at position 8\)/],
  ])("refuses %s, naming the property, before any call", async (_what, customerReference, reason) => {
    const { failures } = await fx.provider().check({ phoneNumbers: [A], customerReference });
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("customerReference");
    expect(failures[0].reason).toMatch(reason);
    expect(await apiCalls(fx.emulator)).toEqual([]);
  });

  it("accepts 255 characters, any script, and inner spaces", async () => {
    for (const customerReference of ["r".repeat(255), "Zürich – 東京 support", "a b"]) {
      const { inputs, failures } = await fx.provider().check({ phoneNumbers: [A], customerReference });
      expect(failures).toEqual([]);
      expect(inputs.customerReference).toBe(customerReference);
    }
  });
});

/** Policy `keep-alive-required`: keepAliveWindow set when the policy config requires it, within bounds. */
import { keepAliveRequired } from "../../policy/rules";
import { PolicySettings, UNKNOWN_VALUE, asEngineSends, expectNames, resourceArgs, validateResource } from "./support";

const NUMBERS = ["+19705555098"];
const check = (props: Record<string, unknown>, config?: PolicySettings) =>
  validateResource(keepAliveRequired, resourceArgs("office", { phoneNumbers: NUMBERS, ...props }, { config }));

describe("keep-alive-required", () => {
  it("is mandatory and off by default", async () => {
    expect(keepAliveRequired.enforcementLevel).toBe("mandatory");
    expect(await check({})).toEqual([]);
    expect(await check({ keepAliveWindow: "1s" })).toEqual([]);
  });

  describe("with requireKeepAlive: true", () => {
    const config = { requireKeepAlive: true };

    it("passes a reservation that sets a window", async () => {
      expect(await check({ keepAliveWindow: "10m" }, config)).toEqual([]);
    });

    it("fails one that does not, naming the config flag and the fix", async () => {
      const [message, ...rest] = await check({}, config);
      expect(rest).toEqual([]);
      expectNames(message, { resource: "office", property: "keepAliveWindow", value: "(not set)", fix: `set keepAliveWindow to a duration such as "1h"` });
      expect(message).toContain("requireKeepAlive: true");
    });

    it("suggests the configured minimum as the example", async () => {
      const [message] = await check({}, { ...config, minKeepAliveWindow: "30m" });
      expect(message).toContain(`such as "30m"`);
    });
  });

  describe("with bounds", () => {
    const config = { minKeepAliveWindow: "30m", maxKeepAliveWindow: "6h" };

    it("passes windows within them, inclusive", async () => {
      for (const keepAliveWindow of ["30m", "1h", "6h", "360m"]) expect(await check({ keepAliveWindow }, config)).toEqual([]);
    });

    it("fails a window below the minimum", async () => {
      const [message] = await check({ keepAliveWindow: "5m" }, config);
      expectNames(message, { resource: "office", property: "keepAliveWindow", value: `"5m"`, fix: `set keepAliveWindow to "30m" or longer` });
      expect(message).toContain("is shorter than the 30m minimum (minKeepAliveWindow)");
    });

    it("fails a window above the maximum", async () => {
      const [message] = await check({ keepAliveWindow: "1d" }, config);
      expectNames(message, { resource: "office", property: "keepAliveWindow", value: `"1d"`, fix: `set keepAliveWindow to "6h" or shorter` });
    });

    it("fails a window that is not a duration", async () => {
      const [message] = await check({ keepAliveWindow: "10" }, config);
      expectNames(message, { resource: "office", property: "keepAliveWindow", value: `"10"`, fix: "duration with a unit" });
    });

    it("do not require a window by themselves", async () => {
      expect(await check({}, config)).toEqual([]);
    });

    it("refuse a bound that is not a duration, naming the key", async () => {
      await expect(check({ keepAliveWindow: "1h" }, { maxKeepAliveWindow: "soon" })).rejects.toThrow(
        /keep-alive-required.*config maxKeepAliveWindow "soon" is not a duration/,
      );
    });

    it("refuse a minimum above the maximum", async () => {
      await expect(check({ keepAliveWindow: "1h" }, { minKeepAliveWindow: "2h", maxKeepAliveWindow: "1h" })).rejects.toThrow(
        /config minKeepAliveWindow "2h" is longer than maxKeepAliveWindow "1h"/,
      );
    });
  });

  it("skips an unknown window during preview, even when required", async () => {
    const config = { requireKeepAlive: true, minKeepAliveWindow: "30m" };
    const props = asEngineSends({ phoneNumbers: NUMBERS, keepAliveWindow: UNKNOWN_VALUE });
    expect(await validateResource(keepAliveRequired, resourceArgs("office", props, { config }))).toEqual([]);
    expect(await check({ keepAliveWindow: UNKNOWN_VALUE }, config)).toEqual([]);
  });
});

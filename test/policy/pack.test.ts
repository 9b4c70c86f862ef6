/**
 * The pack as a whole: its manifest files, each policy's metadata and config
 * schema, the docs covering every policy and key, and behaviour every policy
 * shares (other resource types ignored, unknown values never fatal).
 */
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { policies } from "../../policy/rules";
import { UNKNOWN_VALUE, asEngineSends, resourceArgs, stackResource, validateResource, validateStack } from "./support";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const isStackPolicy = (p: (typeof policies)[number]): p is StackValidationPolicy => "validateStack" in p;
const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => !isStackPolicy(p));
const stackPolicies = policies.filter(isStackPolicy);

/** Settings that switch every policy fully on, so nothing is skipped for being off. */
const STRICTEST: Record<string, Record<string, unknown>> = {
  "customer-reference-pattern": { pattern: "^team-" },
  "max-numbers-per-reservation": { maxNumbers: 1 },
  "allowed-country-calling-codes": { allowedCountryCallingCodes: ["44"] },
  "keep-alive-required": { requireKeepAlive: true, minKeepAliveWindow: "30m", maxKeepAliveWindow: "6h" },
};

/** Props that break every resource policy. */
const BAD_PROPS = {
  phoneNumbers: ["+1 555", "+19705555098", "+19705555099"],
  search: { countryCode: "GB", areaCode: "970", count: 50 },
  customerReference: "nope",
  keepAliveWindow: "1m",
};

describe("policy pack", () => {
  it("has the seven policies, uniquely named, in the order the docs list them", () => {
    expect(policies.map((p) => p.name)).toEqual([
      "phone-numbers-e164",
      "customer-reference-pattern",
      "max-numbers-per-reservation",
      "search-criteria",
      "allowed-country-calling-codes",
      "no-shared-numbers-in-stack",
      "keep-alive-required",
    ]);
  });

  it.each(policies.map((p) => [p.name, p] as const))("%s has a description, an enforcement level and a config schema", (_name, policy) => {
    expect(policy.description.length).toBeGreaterThan(20);
    expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
    expect(policy.configSchema).toBeDefined();
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      const property = schema as PolicyConfigJSONSchema;
      expect(property.description).toBeTruthy();
      // Every key has a default, except the keep-alive bounds, which are unset unless configured.
      if (!/KeepAliveWindow$/.test(key)) expect(property.default).not.toBeUndefined();
    }
  });

  it("manifest: PulumiPolicy.yaml runs on Node.js; package.json has the package's version and runs the compiled pack", () => {
    expect(read("policy/PulumiPolicy.yaml")).toMatch(/^runtime: nodejs$/m);
    const pack = JSON.parse(read("policy/package.json"));
    const root = JSON.parse(read("package.json"));
    expect(pack.version).toBe(root.version);
    // ts-node skips node_modules: an installed pack must run as JavaScript, built with the package.
    expect(pack.main).toBe("../dist/policy/index.js");
    expect(pack.dependencies).toBeUndefined();
    expect(root.devDependencies["@pulumi/policy"]).toBeDefined();
  });

  it("docs/policy.md covers every policy, its enforcement level and every config key", () => {
    const docs = read("docs/policy.md");
    for (const policy of policies) {
      expect(docs).toContain(`| \`${policy.name}\` | ${policy.enforcementLevel} |`);
      for (const key of Object.keys(policy.configSchema?.properties ?? {})) expect(docs).toContain(`\`${key}\``);
    }
  });

  it.each(resourcePolicies.map((p) => [p.name, p] as const))("%s ignores other resource types", async (name, policy) => {
    for (const type of ["pulumi-nodejs:dynamic:Resource", "telnyx:index:PhoneNumber", "pulumi:pulumi:Stack"]) {
      const args = resourceArgs("lookalike", BAD_PROPS, { type, config: STRICTEST[name] });
      expect(await validateResource(policy, args)).toEqual([]);
    }
  });

  it.each(resourcePolicies.map((p) => [p.name, p] as const))("%s reports bad props (sanity check for the test above)", async (name, policy) => {
    const args = resourceArgs("office", BAD_PROPS, { config: STRICTEST[name] });
    expect((await validateResource(policy, args)).length).toBeGreaterThan(0);
  });

  it.each(resourcePolicies.map((p) => [p.name, p] as const))("%s never fails on a reservation whose every input is unknown", async (name, policy) => {
    const props = asEngineSends({
      phoneNumbers: UNKNOWN_VALUE,
      search: UNKNOWN_VALUE,
      customerReference: UNKNOWN_VALUE,
      keepAliveWindow: UNKNOWN_VALUE,
      extendTrigger: UNKNOWN_VALUE,
      pendingTimeout: UNKNOWN_VALUE,
      adopt: UNKNOWN_VALUE,
      __provider: UNKNOWN_VALUE,
    });
    expect(await validateResource(policy, resourceArgs("office", props, { config: STRICTEST[name] }))).toEqual([]);
  });

  it.each(stackPolicies.map((p) => [p.name, p] as const))("%s never fails on a stack of unknown reservations", async (_name, policy) => {
    const resources = ["a", "b"].map((name) => stackResource(name, asEngineSends({ phoneNumbers: UNKNOWN_VALUE, reservationId: UNKNOWN_VALUE })));
    expect(await validateStack(policy, resources)).toEqual([]);
  });
});

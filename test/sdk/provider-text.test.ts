/**
 * What `NumberReservation` stores as `__provider` when the package is loaded from a checkout (the
 * demo, a program importing `../sdk`): a one-line `require` of the checkout's built provider by
 * absolute path, never the provider's code by value. Pulumi's closure serializer, which by-value
 * serialization went through, mistook any path containing a dependency's name (the `ms` package:
 * `/work/wt-teams`, `/tmp/x-ms/…`) for that package and failed the whole program.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

/** A checkout at `<tmp>/<name>`: this one's package.json, dist/ and node_modules/ linked in. */
function checkoutAt(name: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "provider-text-")), name);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  for (const linked of ["dist", "node_modules"]) fs.symlinkSync(path.join(ROOT, linked), path.join(dir, linked));
  return dir;
}

/**
 * Registers one reservation under Pulumi's mocks from `checkout` (its modules loaded from paths
 * inside it, as a real checkout there would: `--preserve-symlinks`), then loads the `__provider`
 * text it stored the way the dynamic-provider host does, and reports both.
 */
function registerFrom(checkout: string): { text: string; verbs: string[] } {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    let text;
    pulumi.runtime.setMocks({ newResource: (a) => { text = a.inputs.__provider; return { id: "id", state: a.inputs }; }, call: (a) => a.inputs }, "p", "s", false);
    const { NumberReservation } = require(${JSON.stringify(path.join(checkout, "dist/sdk"))});
    new NumberReservation("line", { phoneNumbers: ["+19705550001"] }).id.apply(() => {
      const provider = require("require-from-string")(text).handler();
      const verbs = ["check", "diff", "create", "read", "update", "delete"].filter((v) => typeof provider[v] === "function");
      console.log(JSON.stringify({ text, verbs }));
    });`;
  const out = execFileSync(process.execPath, ["--preserve-symlinks", "-e", script], { cwd: checkout, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out.trim().split("\n").pop()!);
}

it("from a checkout, even one whose path contains a dependency's name, requires the checkout's built provider by absolute path", () => {
  const checkout = checkoutAt("wt-ms");
  try {
    const { text, verbs } = registerFrom(checkout);
    expect(text).toBe(`exports.handler = () => require(${JSON.stringify(path.join(checkout, "dist/provider/instance.js"))});\n`);
    expect(verbs).toEqual(["check", "diff", "create", "read", "update", "delete"]);
  } finally {
    fs.rmSync(path.dirname(checkout), { recursive: true, force: true });
  }
});

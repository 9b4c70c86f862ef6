/**
 * The Python SDK kept in sdk-python/: what tools/sdk-gen/python-sdk generates
 * from the plugin's schema (the one property definition), installable with pip
 * from a wheel built from the repository, and typed: programs written against
 * it pass mypy --strict, and mistakes in them are caught.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PYTHON_SDK, installPythonSdk, runPython } from "../../testing/python";
import { ROOT } from "../../testing/sdk-gen";

// Cold: the venv (pip install pulumi, mypy: about 15 s) and the sdk-gen build (about 10 s with a warm Go module cache).
jest.setTimeout(180_000);

const EXAMPLE = path.join(ROOT, "examples/python");

let work: string;
let site: string;
let wheel: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-python-sdk-"));
  ({ site, wheel } = installPythonSdk(path.join(work, "install")));
}, 180_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Every file below `dir` (relative path → content), ignoring what Python and setuptools leave behind. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (/^(__pycache__|build|dist|.*\.egg-info|\.mypy_cache)$/.test(entry.name)) continue;
      if (entry.isDirectory()) walk(rel);
      else files[rel] = fs.readFileSync(path.join(dir, rel), "utf8");
    }
  };
  walk("");
  return files;
}

it("the committed sdk-python/ is what tools/sdk-gen/python-sdk generates (run it after changing the properties or the version)", () => {
  const fresh = path.join(work, "fresh");
  execFileSync("bash", [path.join(ROOT, "tools/sdk-gen/python-sdk"), fresh], { stdio: ["ignore", "ignore", "pipe"] });
  const committed = tree(PYTHON_SDK);
  const generated = tree(fresh);
  expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
  for (const file of Object.keys(generated)) expect([file, committed[file]]).toEqual([file, generated[file]]);
});

it("builds a wheel that pip installs, at the npm package's version, asking the engine for the `telnyx` plugin", () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(path.basename(wheel)).toBe(`pulumi_telnyx_reservations-${version}-py3-none-any.whl`);
  const probe = `
import importlib.metadata, json, pulumi_telnyx_reservations as telnyx
from pulumi_telnyx_reservations import _utilities
print(json.dumps({
    "version": importlib.metadata.version("pulumi_telnyx_reservations"),
    "plugin": _utilities.get_version(),
    "typed": (importlib.resources.files(telnyx) / "py.typed").is_file(),
    "names": sorted(n for n in ["NumberReservation", "NumberReservationArgs", "Provider", "get_number_reservation", "list_number_reservations", "search_available_phone_numbers", "search_available_phone_numbers_output"] if hasattr(telnyx, n)),
    "pluginJson": json.loads((importlib.resources.files(telnyx) / "pulumi-plugin.json").read_text()),
}))
`;
  const out = JSON.parse(runPython("python", ["-c", `import importlib.resources\n${probe}`], { env: { ...process.env, PYTHONPATH: site } }));
  expect(out).toEqual({
    version,
    plugin: version,
    typed: true,
    names: ["NumberReservation", "NumberReservationArgs", "Provider", "get_number_reservation", "list_number_reservations", "search_available_phone_numbers", "search_available_phone_numbers_output"],
    pluginJson: { resource: true, name: "telnyx", version },
  });
});

it("the SDK's own code passes mypy (Pulumi's generated helpers included)", () => {
  // On the sources: mypy reports nothing about an installed package's own modules.
  const out = runPython("mypy", ["--cache-dir", path.join(work, "mypy-cache"), "-p", "pulumi_telnyx_reservations"], { cwd: PYTHON_SDK });
  expect(out).toMatch(/^Success: no issues found in \d+ source files/);
});

it("programs using it pass mypy --strict (examples/python), and a misspelled or mistyped input fails", () => {
  const mypy = (files: string[], cwd: string) =>
    runPython("mypy", ["--strict", "--cache-dir", path.join(work, "mypy-cache"), ...files], { cwd, env: { ...process.env, PYTHONPATH: site } });
  expect(mypy(["__main__.py", "reservations.py", "search.py", "automation.py"], EXAMPLE)).toMatch(/^Success: no issues found in 4 source files/);

  const bad = path.join(work, "bad");
  fs.mkdirSync(bad);
  fs.writeFileSync(
    path.join(bad, "program.py"),
    `import pulumi_telnyx_reservations as telnyx

telnyx.NumberReservation("a", phone_numbers=["+19705555098"], keep_alive_windw="10m")
telnyx.NumberReservation("b", phone_numbers="+19705555098", customer_reference=7)
telnyx.search_available_phone_numbers(country_code="US", limit="5")
`,
  );
  let output = "";
  try {
    mypy(["program.py"], bad);
  } catch (error) {
    output = (error as Error).message;
  }
  expect(output).toContain('Unexpected keyword argument "keep_alive_windw" for overloaded function "NumberReservation"; did you mean "keep_alive_window"?');
  expect(output).toMatch(/program\.py:4: error: No overload variant of "NumberReservation" matches argument types "str", "str", "int"/);
  expect(output).toMatch(/program\.py:5: error: Argument "limit" to "search_available_phone_numbers" has incompatible type "str"; expected "int \| None"/);
});

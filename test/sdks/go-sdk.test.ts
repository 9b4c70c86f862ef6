/**
 * The generated Go SDK compiles: tools/sdk-gen/gen-sdks writes it from the
 * plugin's schema, and a small Go program using its resource, functions and
 * config (test/fixtures/go-program) passes `go build` and `go vet` against
 * github.com/pulumi/pulumi/sdk/v3 from the Go module proxy. No Go language
 * host exists here, so the program is compiled, not run.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GO_SDK_MODULE, generateSdks } from "../../testing/sdk-gen";

// Cold, `go build` compiles the Pulumi Go SDK (about 80 s on 2 cores); Go's build cache makes reruns fast.
jest.setTimeout(300_000);

const FIXTURE = path.resolve(__dirname, "../fixtures/go-program");

let work: string;
/** The program's module; the SDK is a module of its own inside it (sdk/, with its go.mod). */
let dir: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "telnyx-go-sdk-"));
  dir = path.join(work, "program");
  fs.mkdirSync(dir);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs go in the program's folder; a failure shows the compiler's output. */
function go(args: string[]): void {
  try {
    // -mod=mod: `go mod tidy` fills go.sum from the module cache or the proxy.
    execFileSync("go", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" }, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`go ${args.join(" ")} failed:\n${stderr ?? ""}${stdout ?? ""}`);
  }
}

it("a Go program using the generated SDK passes go build and go vet", () => {
  const sdks = generateSdks(path.join(work, "generated"));
  fs.cpSync(path.join(sdks, "go"), path.join(dir, "sdk/go"), { recursive: true });
  fs.writeFileSync(path.join(dir, "sdk/go.mod"), `module ${GO_SDK_MODULE}\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n`);
  for (const file of ["go.mod", "main.go"]) fs.copyFileSync(path.join(FIXTURE, file), path.join(dir, file));

  go(["mod", "tidy"]);
  go(["build", "-o", path.join(dir, "program"), "."]);
  expect(fs.statSync(path.join(dir, "program")).size).toBeGreaterThan(0);
  // Vet the SDK's own packages too, not only what the program calls.
  go(["vet", ".", `${GO_SDK_MODULE}/go/telnyx/...`]);
});

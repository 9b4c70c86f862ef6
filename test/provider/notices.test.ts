/**
 * Engine warnings from the dynamic provider (provider/notices.ts), through real parts: the built
 * module runs in a child Node process started the way the engine starts a dynamic provider
 * (a script under `dynamic-provider/`, flags, then the engine address), and a real gRPC server
 * in this process plays the engine's `Log` endpoint.
 *
 * Needs `npm run build` (npm test does it): it loads dist/provider/notices.js, as users do.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

const ROOT = path.resolve(__dirname, "../..");
const NODE_MODULES = path.join(ROOT, "node_modules");

/** A gRPC server with the engine's `Log` method, recording what it receives. */
async function fakeEngine(): Promise<{ address: string; messages: string[]; close(): void }> {
  const messages: string[] = [];
  const server = new grpc.Server();
  server.addService(EngineService, {
    log: (call: grpc.ServerUnaryCall<LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) => {
      messages.push(call.request.getMessage());
      callback(null, new Empty());
    },
  } as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, messages, close: () => server.forceShutdown() };
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const net = await import("net");
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/**
 * A folder holding a `dynamic-provider/driver.js` that calls `notify("warning", message)` from
 * `noticesModule` and prints whether it resolved; returns the script's path.
 */
function driver(noticesModule: string, root = fs.mkdtempSync(path.join(os.tmpdir(), "notices-"))): string {
  dirs.push(root);
  const script = path.join(root, "dynamic-provider", "driver.js");
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(
    script,
    `require(${JSON.stringify(noticesModule)}).notify("warning", "held until 09:30Z", "urn:x")
       .then(() => console.log("resolved"), (e) => console.log("rejected: " + e.message));`,
  );
  return script;
}

function run(script: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script, ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(Object.assign(err, { message: `${err.message}\n${stderr}` })) : resolve({ stdout, stderr }),
    ),
  );
}

const builtNotices = path.join(ROOT, "dist/provider/notices.js");

it("finds the engine address after the flags the engine puts before it", async () => {
  const engine = await fakeEngine();
  try {
    const flags = ["--logtostderr", "-v=9", "--logflow", "--tracing", "127.0.0.1:4", "--tracing=127.0.0.1:5"];
    const result = await run(driver(builtNotices), [...flags, engine.address]);
    expect(result.stdout.trim()).toBe("resolved");
    expect(engine.messages).toEqual(["held until 09:30Z"]);
  } finally {
    engine.close();
  }
});

it("writes to stderr, and resolves, when the engine cannot be reached", async () => {
  const result = await run(driver(builtNotices), [`127.0.0.1:${await closedPort()}`]);
  expect(result.stdout.trim()).toBe("resolved");
  expect(result.stderr).toContain("warning: held until 09:30Z");
});

it("uses @pulumi/pulumi's copy of @grpc/grpc-js when npm installed a second one beside this package", async () => {
  // node_modules as npm lays it out when the user's tree pins an older grpc-js: @pulumi/pulumi with
  // its copy, this package with a nested copy of its own. gRPC's credential check fails across copies.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "notices-two-grpc-"));
  const modules = path.join(root, "node_modules");
  const link = (name: string) => {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(path.join(NODE_MODULES, name), path.join(modules, name));
  };
  ["@pulumi/pulumi", "@grpc/proto-loader", "@js-sdsl/ordered-map", "google-protobuf"].forEach(link);
  const pkg = path.join(modules, "pulumi-telnyx-reservations");
  fs.mkdirSync(path.join(pkg, "dist/provider"), { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "pulumi-telnyx-reservations", version: "0.0.0" }));
  fs.copyFileSync(builtNotices, path.join(pkg, "dist/provider/notices.js"));
  fs.cpSync(path.join(NODE_MODULES, "@grpc/grpc-js"), path.join(pkg, "node_modules/@grpc/grpc-js"), { recursive: true });

  const engine = await fakeEngine();
  try {
    const result = await run(driver(path.join(pkg, "dist/provider/notices.js"), root), [engine.address]);
    expect(result.stdout.trim()).toBe("resolved");
    expect(engine.messages).toEqual(["held until 09:30Z"]);
  } finally {
    engine.close();
  }
});

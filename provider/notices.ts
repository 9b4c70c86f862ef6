/**
 * Messages for the person running `pulumi` ("these numbers stay held until 09:30Z")
 * as real engine diagnostics. `pulumi.log` in a dynamic provider never reaches the
 * engine as one (pulumi/pulumi#18249), so this module calls the engine's `Log` RPC
 * itself, at the address the engine passes after its own flags; outside the engine,
 * or when it cannot be reached, messages go to stderr. See
 * docs/how-it-works.md#pulumi-limits-designed-around.
 */
import * as path from "path";
import type { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";

type Severity = "info" | "warning";

/** Cached on `process`: this module may be loaded more than once (e.g. from two installs of the package). */
const CACHE_KEY = "__pulumiTelnyxReservationsEngine";

/** How long a message may take to reach the engine before it goes to stderr instead. */
const LOG_DEADLINE_MS = 10_000;

/** Engine flags that take a value as the next argument (`--tracing <endpoint>`). */
const FLAGS_WITH_VALUE: ReadonlySet<string> = new Set(["--tracing", "-tracing"]);

/**
 * The engine address a dynamic-provider host was started with (`argv` as in
 * `process.argv`), if this is one: the first argument that is not a flag or a
 * flag's value, e.g. `node .../dynamic-provider/index.js --logtostderr -v=9
 * --tracing 127.0.0.1:7 127.0.0.1:43215`.
 */
export function engineAddressFrom(argv: readonly string[]): string | undefined {
  if (!/dynamic-provider/.test(argv[1] ?? "")) return undefined;
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (FLAGS_WITH_VALUE.has(args[i])) i++;
    else if (!args[i].startsWith("-")) return /^\S+:\d+$/.test(args[i]) ? args[i] : undefined;
  }
  return undefined;
}

function engine(): EngineClient | undefined {
  const holder = process as unknown as Record<string, EngineClient | null | undefined>;
  if (holder[CACHE_KEY] !== undefined) return holder[CACHE_KEY] ?? undefined;
  holder[CACHE_KEY] = null; // if connecting throws, later messages go straight to stderr
  const address = engineAddressFrom(process.argv);
  return address ? connectEngine(address) : undefined;
}

/**
 * Sends this process's messages to the engine at `address` from now on. The native plugin calls it
 * with its own engine address: the engine hides a native plugin's stderr, so without it the
 * warnings would be lost.
 */
export function connectEngine(address: string): EngineClient {
  const { EngineClient: Client } = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
  const client = new Client(address, pulumiGrpc().credentials.createInsecure());
  (process as unknown as Record<string, EngineClient>)[CACHE_KEY] = client;
  return client;
}

/** The parts of @grpc/grpc-js this module needs. */
interface Grpc {
  credentials: { createInsecure(): ConstructorParameters<typeof EngineClient>[1] };
  Metadata: new () => Parameters<EngineClient["log"]>[1];
}

/**
 * @grpc/grpc-js as @pulumi/pulumi (and so its generated EngineClient) resolves it, not a
 * dependency of ours: grpc-js checks credentials with `instanceof`, so credentials from a
 * second copy (npm nests one when versions differ) make the client throw.
 */
function pulumiGrpc(): Grpc {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi"));
  return require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
}

function send(client: EngineClient, severity: Severity, message: string, urn: string): Promise<void> {
  const { LogRequest, LogSeverity } = require("@pulumi/pulumi/proto/engine_pb") as typeof import("@pulumi/pulumi/proto/engine_pb");
  const request = new LogRequest();
  request.setSeverity(severity === "warning" ? LogSeverity.WARNING : LogSeverity.INFO);
  request.setMessage(message);
  request.setUrn(urn);
  return new Promise((resolve, reject) =>
    client.log(request, new (pulumiGrpc().Metadata)(), { deadline: Date.now() + LOG_DEADLINE_MS }, (err) => (err ? reject(err) : resolve())),
  );
}

/**
 * Send a message to the engine's diagnostics for `urn` (or the stack). Never rejects: a warning
 * must not fail the verb that raised it, so any failure sends the message to stderr instead.
 */
export async function notify(severity: Severity, message: string, urn = ""): Promise<void> {
  try {
    const client = engine();
    if (client) return await send(client, severity, message, urn);
  } catch {
    // fall through to stderr
  }
  try {
    process.stderr.write(`${severity}: ${message}\n`);
  } catch {
    // stderr closed: nowhere left to tell
  }
}

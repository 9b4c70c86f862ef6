/**
 * Telling the person running `pulumi up` what they must know, e.g. "Telnyx has
 * no release call: these numbers stay held until 09:30Z".
 *
 * `pulumi.log` inside a Node dynamic provider does not reach the engine as a
 * diagnostic (pulumi/pulumi#18249): the provider host never connects its
 * engine client, so messages fall back to the plugin's stderr, which the CLI
 * relays only as plain text (never counted as a warning, never in `onEvent`
 * warnings). The engine does pass its address to the provider process as the
 * first argument, so this module calls the engine's `Log` RPC itself and the
 * message shows as a real warning. Outside the engine (unit tests, scripts)
 * messages go to stderr.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

type Severity = "info" | "warning";

/** Cached on `process`: this module may be loaded more than once from serialized providers. */
const CACHE_KEY = "__pulumiTelnyxReservationsEngine";

function engine(): EngineClient | undefined {
  const holder = process as unknown as Record<string, EngineClient | null | undefined>;
  if (holder[CACHE_KEY] !== undefined) return holder[CACHE_KEY] ?? undefined;
  const address = engineAddress();
  let client: EngineClient | null = null;
  if (address) {
    client = new EngineClient(address, grpc.credentials.createInsecure());
  }
  holder[CACHE_KEY] = client;
  return client ?? undefined;
}

/** The engine address the dynamic-provider host was started with, if this is one. */
function engineAddress(): string | undefined {
  const script = process.argv[1] ?? "";
  const address = process.argv[2];
  return /dynamic-provider/.test(script) && address && /:\d+$/.test(address) ? address : undefined;
}

/** Send a message to the engine's diagnostics for `urn` (or the stack), never throwing. */
export async function notify(severity: Severity, message: string, urn = ""): Promise<void> {
  const client = engine();
  if (!client) {
    process.stderr.write(`${severity}: ${message}\n`);
    return;
  }
  const request = new LogRequest();
  request.setSeverity(severity === "warning" ? LogSeverity.WARNING : LogSeverity.INFO);
  request.setMessage(message);
  request.setUrn(urn);
  await new Promise<void>((resolve) => client.log(request, () => resolve()));
}

/**
 * Entry point of the `pulumi-resource-telnyx` plugin (plugin/pulumi-resource-telnyx
 * runs it with Node.js). The engine starts it with its own gRPC address as the
 * last argument; `main()` serves the provider and prints the port it listens on.
 */
import * as grpc from "@grpc/grpc-js";
import { main } from "@pulumi/pulumi/provider";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { packageVersion } from "../provider/package-version";
import { withConfiguration } from "./configuration";
import { NativeReservationProvider } from "./provider";

/**
 * provider/notices.ts sends warnings (the delete notice, a vanished
 * reservation) through the engine's `Log` RPC, finding the engine from a
 * dynamic-provider host's arguments; it caches the client on `process`. Seed
 * that cache with this plugin's engine address: the engine hides a native
 * plugin's stderr, so without it the warnings would be lost.
 */
function connectNotices(args: string[]): void {
  const address = args.filter((a) => !a.startsWith("-")).pop();
  if (!address || !/:\d+$/.test(address)) return;
  (process as unknown as Record<string, unknown>).__pulumiTelnyxReservationsEngine = new EngineClient(
    address,
    grpc.credentials.createInsecure(),
  );
}

const args = process.argv.slice(2);
const provider = new NativeReservationProvider(packageVersion());
connectNotices(args);
withConfiguration(provider, () => main(provider, args)).catch((err: Error) => {
  console.error(`pulumi-resource-telnyx: ${err.message}`);
  process.exit(1);
});

/**
 * Entry point of the `pulumi-resource-telnyx` plugin (plugin/pulumi-resource-telnyx
 * runs it with Node.js). The engine starts it with its own gRPC address as the
 * last argument; `main()` serves the provider and prints the port it listens on.
 */
import { main } from "@pulumi/pulumi/provider";
import { connectEngine } from "../provider/notices";
import { packageVersion } from "../provider/package-version";
import { withConfiguration } from "./configuration";
import { NativeReservationProvider } from "./provider";

/**
 * provider/notices.ts sends warnings (the delete notice, a vanished reservation) through the
 * engine's `Log` RPC. The engine passes this plugin its address as the last argument.
 */
function connectNotices(args: string[]): void {
  const address = args.filter((a) => !a.startsWith("-")).pop();
  if (address && /:\d+$/.test(address)) connectEngine(address);
}

const args = process.argv.slice(2);
const provider = new NativeReservationProvider(packageVersion());
connectNotices(args);
withConfiguration(provider, () => main(provider, args)).catch((err: Error) => {
  console.error(`pulumi-resource-telnyx: ${err.message}`);
  process.exit(1);
});

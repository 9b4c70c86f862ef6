/**
 * A Telnyx client for code running in a Pulumi program (lookups): the same
 * settings as the provider, read from this stack's config (`telnyx:apiKey`,
 * `telnyx:baseUrl`) or the environment. Outside a Pulumi program only the
 * environment applies.
 */
import * as pulumi from "@pulumi/pulumi";
import { TelnyxClient, TelnyxClientOptions } from "../provider/telnyx";
import { clientOptionsFromConfig } from "../provider/config";

/** Settings a lookup accepts; unset fields come from stack config, then the environment. */
export type LookupOptions = TelnyxClientOptions;

export function programClient(options: LookupOptions = {}): TelnyxClient {
  if (options.apiKey) return new TelnyxClient(options);
  // `runtime.getConfig` reads the raw value (also of secrets) without registering anything.
  const fromStack = clientOptionsFromConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  return new TelnyxClient({ ...options, apiKey: fromStack.apiKey, baseUrl: options.baseUrl ?? fromStack.baseUrl });
}

/**
 * Where the provider's Telnyx settings come from, read in `configure()` so that
 * nothing secret is ever captured into the serialized provider:
 * stack config `telnyx:apiKey` (a secret) and `telnyx:baseUrl`, falling back to
 * the environment variables `TELNYX_API_KEY` and `TELNYX_BASE_URL`.
 */
import { TelnyxClientOptions } from "./telnyx";

/** The part of `pulumi.dynamic.Config` (or `pulumi.Config`) used here. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export const CONFIG_KEYS = { apiKey: "telnyx:apiKey", baseUrl: "telnyx:baseUrl" } as const;

export function clientOptionsFromConfig(config?: ConfigSource): TelnyxClientOptions {
  return {
    apiKey: config?.get(CONFIG_KEYS.apiKey) || process.env.TELNYX_API_KEY,
    baseUrl: config?.get(CONFIG_KEYS.baseUrl) || process.env.TELNYX_BASE_URL,
  };
}

/**
 * Where the provider's Telnyx settings come from, read in `configure()` so that
 * nothing secret is ever captured into the serialized provider:
 * stack config `telnyx:apiKey` (a secret) and `telnyx:baseUrl`, falling back to
 * the environment variables `TELNYX_API_KEY` and `TELNYX_BASE_URL`.
 */
import { TelnyxClientOptions, TelnyxConfigurationError } from "./telnyx";

/** The part of `pulumi.dynamic.Config` (or `pulumi.Config`) used here. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export const CONFIG_KEYS = { apiKey: "telnyx:apiKey", baseUrl: "telnyx:baseUrl" } as const;

/** Client options from Pulumi config, else the environment; throws naming both places when there is no key. */
export function clientOptionsFromConfig(config?: ConfigSource): TelnyxClientOptions {
  const apiKey = config?.get(CONFIG_KEYS.apiKey) || process.env.TELNYX_API_KEY;
  if (!apiKey) {
    throw new TelnyxConfigurationError(
      "No Telnyx API key: set the environment variable TELNYX_API_KEY, " +
        "or the stack config `pulumi config set --secret telnyx:apiKey <key>`.",
    );
  }
  return { apiKey, baseUrl: config?.get(CONFIG_KEYS.baseUrl) || process.env.TELNYX_BASE_URL };
}

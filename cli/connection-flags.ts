/**
 * The flags that say which Telnyx account to talk to, and the client built from
 * them. Flags win over `TELNYX_API_KEY` / `TELNYX_BASE_URL`, which the client
 * reads itself when a flag is absent.
 */
import { TelnyxClient, TelnyxConfigurationError } from "../provider/telnyx";
import { FlagSpecs, FlagValues } from "./flags";

export const CONNECTION_FLAGS = {
  "api-key": {
    type: "string",
    valueName: "key",
    description: "Telnyx API key (default: $TELNYX_API_KEY; prefer the variable, flags show up in `ps`).",
  },
  "base-url": {
    type: "string",
    valueName: "url",
    description: "API base URL including /v2 (default: $TELNYX_BASE_URL, then https://api.telnyx.com/v2).",
  },
} as const satisfies FlagSpecs;

export function clientFromFlags(flags: FlagValues<typeof CONNECTION_FLAGS>): TelnyxClient {
  // The client's own "no key" message points Pulumi users at stack config, which a CLI
  // does not read; say what applies here instead.
  if (!flags["api-key"] && !process.env.TELNYX_API_KEY) {
    throw new TelnyxConfigurationError("No Telnyx API key: set the environment variable TELNYX_API_KEY or pass --api-key.");
  }
  return new TelnyxClient({ apiKey: flags["api-key"], baseUrl: flags["base-url"] });
}

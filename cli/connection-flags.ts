/**
 * The flags that say which Telnyx account to talk to and how long to wait for
 * it, and the client built from them. Flags win over `TELNYX_API_KEY` /
 * `TELNYX_BASE_URL`, which the client reads itself when a flag is absent.
 */
import { parseDuration } from "../provider/durations";
import { DEFAULT_RETRY_POLICY, TelnyxClient, TelnyxConfigurationError } from "../provider/telnyx";
import { UsageError } from "./cli-error";
import { CommandIO } from "./command";
import { FlagSpecs, FlagValues } from "./flags";
import { PROGRAM } from "./program-name";
import { printable } from "./terminal-text";

const TIMEOUT_BOUNDS = { minMs: 1, maxMs: 3_600_000 };

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
  timeout: {
    type: "string",
    valueName: "duration",
    description: `Give up on an API call after this long, retries included, e.g. 30s (default ${DEFAULT_RETRY_POLICY.deadlineMs / 60_000}m).`,
  },
} as const satisfies FlagSpecs;

export function clientFromFlags(flags: FlagValues<typeof CONNECTION_FLAGS>, io: CommandIO): TelnyxClient {
  const deadlineMs = flags.timeout === undefined ? undefined : timeoutFlag(flags.timeout);
  // The client's own "no key" message points Pulumi users at stack config, which a CLI
  // does not read; say what applies here instead.
  if (!flags["api-key"] && !process.env.TELNYX_API_KEY) {
    throw new TelnyxConfigurationError("No Telnyx API key: set the environment variable TELNYX_API_KEY or pass --api-key.");
  }
  return new TelnyxClient({
    apiKey: flags["api-key"],
    baseUrl: flags["base-url"],
    ...(deadlineMs === undefined ? {} : { retry: { deadlineMs } }),
    onWarning: (message) => io.stderr.write(`${PROGRAM}: warning: ${printable(message)}\n`),
  });
}

function timeoutFlag(value: string): number {
  const parsed = parseDuration(value, TIMEOUT_BOUNDS);
  if (!parsed.ok) throw new UsageError(`--timeout ${parsed.reason}`);
  return parsed.ms;
}

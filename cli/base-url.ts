/**
 * The base URL as the CLI reports on it. A malformed one is named by the flag or
 * variable it came from (the client's own message speaks of stack config, which
 * the CLI does not read), and a 404 from a base URL not ending in /v2 gets a hint.
 * Neither shows the key: a swapped variable can put the key where the URL
 * belongs, and a URL can carry it as `user:password@`.
 */
import { DEFAULT_BASE_URL, TelnyxApiError } from "../provider/telnyx";
import { baseUrlProblem } from "../provider/telnyx/client";
import { keyRedactor } from "../provider/telnyx/redact";

/** "--base-url "x" is not a URL (e.g. …)", or undefined when `raw` will do. `source` names where it came from. */
export function baseUrlMessage(source: string, raw: string, apiKey: string | undefined): string | undefined {
  const problem = baseUrlProblem(raw);
  if (!problem) return undefined;
  const shown = apiKey ? keyRedactor(apiKey)(raw) : raw;
  return `${source} ${JSON.stringify(shown)} ${problem} (e.g. ${DEFAULT_BASE_URL})`;
}

/**
 * `error`, with a hint appended when it is a 404 from a base URL whose path does
 * not end in /v2: every Telnyx path lives under /v2, so the URL most likely lacks it.
 */
export function withVersionHint(error: unknown, baseUrl: string): unknown {
  if (!(error instanceof TelnyxApiError) || error.status !== 404) return error;
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/v2")) return error;
  const shown = `${url.protocol}//${url.host}${path}`;
  error.message = `${error.message}; the base URL ${shown} does not end in /v2: did you mean ${shown}/v2?`;
  return error;
}

/**
 * How the CLI fails: one line on stderr and an exit code a script can branch on.
 *
 *   0  success
 *   1  the work failed: Telnyx answered an error, no API key, a bad base URL, a file not written
 *   2  the command line was wrong: unknown command or flag, a missing or malformed value
 */

import { printable } from "./terminal-text";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong; the message names the flag or argument. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The exit code for an error thrown while running a command. */
export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * The one line printed for an error. A `TelnyxApiError` message already carries the
 * status, code, detail and request id (and never the key); but its details and a usage
 * error's echo of the command line are someone else's text, so control characters go
 * (see terminal-text.ts) and line breaks are folded: scripts read one line per error.
 */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return printable(text.replace(/\s*\n\s*/g, " ")).trim();
}

/**
 * What the CLI prints, and the rule behind it: data on stdout, everything for
 * humans on stderr, and no text from a server or a user printed raw. A
 * reservation id, a customer reference or an error detail may carry terminal
 * escape sequences (clear the screen, rewrite lines, set the window title),
 * carriage returns or newlines that forge table rows, or bidi overrides that
 * reorder what is shown, so every such text goes through `printable` or
 * `escapeInvisibles`. The table is for people; scripts should use `--json`.
 * This module imports nothing from the rest of cli/: every other file uses it.
 */
import { ReservationSummary } from "../provider/reservation-state";

/** The executable's name, as installed by package.json `bin`; used in help and error lines. */
export const PROGRAM = "telnyx-reservations";

/** Where a command writes: data on stdout, everything for humans on stderr. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  /** `isTTY` decides whether progress is shown. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

// ---------------------------------------------------------------------------
// Terminal-safe text

// Escape sequences: CSI (ESC [ … or the one-byte C1 form), string commands (OSC,
// DCS, SOS, PM, APC: ESC ] … BEL or ESC \), and two-character ESC forms.
const ESCAPE_SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -~]?/g;
// What is left that a terminal acts on: C0 (tab, CR, LF included), DEL and C1 controls.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
// Invisible characters that reorder or break lines: bidi marks, embeddings, overrides and isolates, LS, PS.
const INVISIBLES = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** One line of plain text: escape sequences and invisibles removed, each run of other controls a space. */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(INVISIBLES, "").replace(CONTROLS, " ");
}

/**
 * JSON (or a JavaScript string literal) with the characters `JSON.stringify`
 * leaves raw but a terminal acts on (DEL, C1, bidi, LS, PS) written as `\uXXXX`.
 * The data is unchanged: parsing gives back exactly what the server sent.
 */
export function escapeInvisibles(json: string): string {
  return json.replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// ---------------------------------------------------------------------------
// The `list` table: one row per reservation, columns padded to the widest cell.

const HEADERS = ["ID", "NUMBERS", "STATUS", "EARLIEST EXPIRY"];

export function renderReservationTable(summaries: readonly ReservationSummary[]): string {
  if (summaries.length === 0) return "No reservations found.\n";
  const rows = [
    HEADERS,
    ...summaries.map((s) => [s.id, s.phoneNumbers.join(", "), s.status, s.expiresAt ?? "-"].map(printable)),
  ];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  // The last column is not padded, so lines carry no trailing spaces.
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ");
  return rows.map(line).join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// Progress: a line on stderr for work that takes more than a moment. It appears
// only after `delayMs` (fast runs print nothing) and only on a terminal: piped or
// captured stderr (CI logs, tests) stays free of carriage-return noise. The line
// is rewritten in place and erased when the work is done.

export interface ProgressOptions {
  /** Show nothing before this much time has passed (default 1000 ms). */
  delayMs?: number;
  /** How often the line is refreshed once shown (default 250 ms). */
  intervalMs?: number;
  /** Whether to show anything (default: the stream is a TTY). */
  enabled?: boolean;
}

export interface Progress {
  /** Record the latest count; cheap enough to call per item. */
  update(count: number): void;
  /** Stop and erase the line, if one was shown. */
  done(): void;
}

const ERASE_LINE = "\r\x1b[K";

export function startProgress(
  stream: CommandIO["stderr"],
  describe: (count: number) => string,
  options: ProgressOptions = {},
): Progress {
  const { delayMs = 1000, intervalMs = 250, enabled = stream.isTTY === true } = options;
  let count = 0;
  let shown = false;
  let interval: NodeJS.Timeout | undefined;
  const draw = () => {
    shown = true;
    stream.write(`${ERASE_LINE}${describe(count)}`);
  };
  // Unref'd: a progress line must never be what keeps the process alive.
  const delay = enabled
    ? setTimeout(() => {
        draw();
        interval = setInterval(draw, intervalMs).unref();
      }, delayMs).unref()
    : undefined;
  return {
    update(latest) {
      count = latest;
    },
    done() {
      clearTimeout(delay);
      clearInterval(interval);
      if (shown) stream.write(ERASE_LINE);
      shown = false;
    },
  };
}

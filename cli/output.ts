/**
 * What the CLI prints, and the rule behind it: data on stdout, everything for
 * humans on stderr, and no text from a server or a user printed raw. A
 * reservation id, a customer reference or an error detail may carry terminal
 * escape sequences (clear the screen, rewrite lines, set the window title),
 * carriage returns or newlines that forge table rows, or bidi overrides that
 * reorder what is shown, so every such text goes through `printable` or
 * `escapeInvisibles`. The table is for people; scripts should use `--json`.
 * Of the rest of cli/ this module imports only hold.ts's types: every other file uses it.
 */
import { ReservationSummary } from "../provider/reservation-state";
import type { Hold } from "./hold";

/** The executable's name, as installed by package.json `bin`; used in help and error lines. */
export const PROGRAM = "telnyx-reservations";

/** Where a command writes: data on stdout, everything for humans on stderr. */
export interface CommandIO {
  /** `isTTY` decides between relative and absolute times, and whether colour is used. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** `isTTY` decides whether progress is shown. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Read for NO_COLOR and FORCE_COLOR; default `process.env`. */
  env?: NodeJS.ProcessEnv;
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
// On a terminal, times are relative ("28m left") and the hold is coloured; piped
// (a file, `grep`, a CI log) the same cells carry absolute times and no escapes.

/** How the table is drawn; `tableStyle` picks it from where stdout goes. */
export interface TableStyle {
  /** "held, 28m left" rather than "held until 2026-…". */
  relativeTimes: boolean;
  /** ANSI colour on the HOLD cell. */
  colour: boolean;
}

/**
 * Relative times on a terminal only. Colour on a terminal unless NO_COLOR is set
 * (any non-empty value, no-color.org); FORCE_COLOR (non-empty) wins over both, as
 * in Node itself: `0` or `false` turns colour off, anything else on, even piped.
 */
export function tableStyle(io: CommandIO): TableStyle {
  const tty = io.stdout.isTTY === true;
  const env = io.env ?? process.env;
  const force = env.FORCE_COLOR;
  const colour = force ? force !== "0" && force !== "false" : tty && !env.NO_COLOR;
  return { relativeTimes: tty, colour };
}

/** A reservation as `list` prints it: the summary and its hold at the moment of listing. */
export type ListedReservation = ReservationSummary & { hold: Hold };

const HEADERS = ["ID", "NUMBERS", "HOLD", "TELNYX STATUS", "REFERENCE"];
const HOLD_COLUMN = HEADERS.indexOf("HOLD");

/** SGR foreground colours for each hold state: green held, yellow partial, cyan pending, red gone. */
const HOLD_COLOURS: Record<Hold["state"], number> = { held: 32, partial: 33, pending: 36, lapsed: 31, failed: 31 };

/** `now`: ms on Telnyx's clock, the moment the holds were judged at. */
export function renderReservationTable(reservations: readonly ListedReservation[], now: number, style: TableStyle): string {
  if (reservations.length === 0) return "No reservations found.\n";
  const rows = [
    HEADERS,
    ...reservations.map((r) =>
      [r.id, r.phoneNumbers.join(", "), holdCell(r, now, style), r.status, r.customerReference ?? "-"].map(printable),
    ),
  ];
  const paint = (cell: string, row: number, column: number) =>
    style.colour && row > 0 && column === HOLD_COLUMN ? `\x1b[${HOLD_COLOURS[reservations[row - 1].hold.state]}m${cell}\x1b[39m` : cell;
  return alignedTable(rows, paint);
}

/**
 * Rows (the first is the header) as lines with each column padded to its widest cell, two
 * spaces apart. The last column is not padded, so lines carry no trailing spaces; `paint`
 * (colour) wraps a cell's text, not its padding. Cells must already be `printable`.
 */
export function alignedTable(rows: readonly string[][], paint: (cell: string, row: number, column: number) => string = (cell) => cell): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (cells: string[], row: number) =>
    cells.map((cell, i) => paint(cell, row, i) + (i === cells.length - 1 ? "" : " ".repeat(widths[i] - cell.length))).join("  ");
  return rows.map(line).join("\n") + "\n";
}

/** "held, 28m left" / "partial: 1 of 2 held until 2026-…" / "lapsed 3m ago" / "pending" / "failed". */
function holdCell({ hold, numbers }: ListedReservation, now: number, style: TableStyle): string {
  const until = (time: string | undefined) =>
    !time ? "" : style.relativeTimes ? `, ${duration(Date.parse(time) - now)} left` : ` until ${time}`;
  switch (hold.state) {
    case "held":
      return `held${until(hold.heldUntil)}`;
    case "partial":
      return `partial: ${hold.heldNumbers.length} of ${numbers.length} held${until(hold.heldUntil)}`;
    case "lapsed":
      if (!hold.lapsedAt) return "lapsed";
      return style.relativeTimes ? `lapsed ${duration(now - Date.parse(hold.lapsedAt))} ago` : `lapsed at ${hold.lapsedAt}`;
    default:
      return hold.state;
  }
}

/** A span for people, rounded down: "45s", "28m", "2h 5m", "3d 4h". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const [big, bigUnit, small, smallUnit] =
    minutes < 24 * 60 ? [Math.floor(minutes / 60), "h", minutes % 60, "m"] : [Math.floor(minutes / 1440), "d", Math.floor((minutes % 1440) / 60), "h"];
  return small ? `${big}${bigUnit} ${small}${smallUnit}` : `${big}${bigUnit}`;
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

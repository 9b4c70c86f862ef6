/**
 * The human-readable form of `list`: one row per reservation, columns padded to
 * the widest cell. Scripts should use `--json`; this layout may change.
 */
import { ReservationSummary } from "../provider/reservation-state";
import { printable } from "./terminal-text";

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

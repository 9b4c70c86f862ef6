/**
 * `list`: the reservations in the account, every page, as a table or as JSON
 * (an array of `ReservationSummary`, the same camelCase shape the SDK's lookups return).
 */
import { summarize } from "../../provider/reservation-state";
import { defineCommand } from "../command";
import { CONNECTION_FLAGS, clientFromFlags } from "../connection-flags";
import { fetchReservations } from "../fetch-reservations";
import { FILTER_FLAGS, filtersFromFlags } from "../filter-flags";
import { renderReservationTable } from "../reservation-table";
import { escapeInvisibles } from "../terminal-text";

export const listCommand = defineCommand({
  name: "list",
  summary: "List reservations (table or JSON), every page.",
  description:
    "List the account's number reservations matching every filter given, fetching all pages.\n" +
    "Prints a table (id, numbers, status, earliest expiry) or, with --json, a JSON array of\n" +
    "reservation summaries. A progress line appears on a terminal when listing takes a while.",
  flags: {
    ...FILTER_FLAGS,
    json: { type: "boolean", description: "Print a JSON array of reservation summaries instead of a table." },
    ...CONNECTION_FLAGS,
  },
  examples: [
    "list",
    "list --status success --json",
    "list --phone-number '+1 970 555 5098'",
    "list --created-after 2025-01-01",
    "list --timeout 30s",
  ],
  async run(flags, io) {
    const filters = filtersFromFlags(flags);
    const client = clientFromFlags(flags, io);
    try {
      const summaries = (await fetchReservations(client, filters, io.stderr)).map(summarize);
      io.stdout.write(flags.json ? `${escapeInvisibles(JSON.stringify(summaries, null, 2))}\n` : renderReservationTable(summaries));
    } finally {
      client.close();
    }
  },
});

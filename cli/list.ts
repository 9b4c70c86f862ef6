/**
 * `list`: the reservations in the account, every page, as a table or as JSON
 * (an array of `ReservationSummary`, the same camelCase shape the SDK's lookups
 * return). `import` lists the same way, so the paging lives here.
 */
import { summarize } from "../provider/reservation-state";
import { NumberReservation, ReservationFilters, TelnyxClient } from "../provider/telnyx";
import { CONNECTION_FLAGS, FILTER_FLAGS, clientFromFlags, defineCommand, filtersFromFlags } from "./flags";
import { CommandIO, escapeInvisibles, renderReservationTable, startProgress } from "./output";

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

/**
 * Every reservation matching the filters, page after page (the client's async
 * iterator asks for 250 per page), with a progress line when that takes a while.
 */
export async function fetchReservations(
  client: TelnyxClient,
  filters: ReservationFilters,
  stderr: CommandIO["stderr"],
): Promise<NumberReservation[]> {
  const progress = startProgress(stderr, (count) => `fetched ${count} reservations…`);
  const records: NumberReservation[] = [];
  try {
    for await (const record of client.list(filters)) {
      records.push(record);
      progress.update(records.length);
    }
  } finally {
    progress.done();
  }
  return records;
}

/**
 * `list`: the reservations in the account, every page, as a table or as JSON
 * (an array of `ReservationSummary`, the same camelCase shape the SDK's lookups
 * return). `import` lists the same way, so the paging lives here.
 */
import { summarize } from "../provider/reservation-state";
import { NumberReservation, ReservationFilters, TelnyxClient } from "../provider/telnyx";
import { withVersionHint } from "./base-url";
import { CONNECTION_FLAGS, FILTER_FLAGS, clientFromFlags, defineCommand, filtersFromFlags } from "./flags";
import { holdOf } from "./hold";
import { CommandIO, ListedReservation, escapeInvisibles, renderReservationTable, startProgress, tableStyle } from "./output";

export const listCommand = defineCommand({
  name: "list",
  summary: "List reservations (table or JSON), every page.",
  description:
    "List the account's number reservations matching every filter given, fetching all pages.\n" +
    "The table shows each reservation's id, numbers, HOLD, Telnyx's own status and customer reference.\n" +
    "HOLD is what is held now, judged per number on Telnyx's clock: `held, 28m left`,\n" +
    "`partial: 1 of 2 held, 28m left`, `lapsed 3m ago`, `pending` or `failed`. Read HOLD, not the\n" +
    "status: Telnyx keeps `success` after the holds lapse. On a terminal times are relative and HOLD\n" +
    "is coloured (NO_COLOR turns colour off); piped, times are absolute. --json prints a JSON array of\n" +
    "reservation summaries, each with a `hold` object. A progress line appears on a terminal when\n" +
    "listing takes a while.",
  flags: {
    ...FILTER_FLAGS,
    json: { type: "boolean", description: "Print a JSON array of reservation summaries (each with its `hold`) instead of a table." },
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
    // `list` only reports: a clock warning would be noise on every listing from a skewed server.
    const client = clientFromFlags(flags, io, { clockWarning: false });
    try {
      const records = await fetchReservations(client, filters, io.stderr);
      // Holds lapse on Telnyx's clock, read from the answers just received.
      const now = client.serverNow();
      const listed: ListedReservation[] = records.map(summarize).map((summary) => ({ ...summary, hold: holdOf(summary, now) }));
      io.stdout.write(flags.json ? `${escapeInvisibles(JSON.stringify(listed, null, 2))}\n` : renderReservationTable(listed, now, tableStyle(io)));
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
  } catch (err) {
    throw withVersionHint(err, client.baseUrl);
  } finally {
    progress.done();
  }
  return records;
}

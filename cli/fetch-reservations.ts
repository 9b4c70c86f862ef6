/**
 * Every reservation matching the filters, page after page (the client's async
 * iterator asks for 250 per page), with a progress line when that takes a while.
 */
import { NumberReservation, ReservationFilters, TelnyxClient } from "../provider/telnyx";
import { CommandIO } from "./command";
import { startProgress } from "./progress";

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

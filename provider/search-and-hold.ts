/**
 * Create for a `search` resource, carrying out what search-hold.ts decides: hold the numbers it
 * held before a lapse again when given (`rehold`) and a search per number finds each still free,
 * else search (`GET /available_phone_numbers`
 * with `filter[reservable]` and `filter[exclude_held_numbers]`, `filter[limit]` = `count`) and
 * post the found numbers in one reservation (`POST /number_reservations`, through the create
 * path's `post`). When others took every found number between the search and the POST, the
 * reservation holds nothing and it searches again (at most MAX_SEARCH_ATTEMPTS); a reservation
 * holding some of them is kept in state and the create fails naming what is held and what is not.
 */
import { NumberReservation, TelnyxClient } from "./telnyx";
import { DEFAULT_PENDING_TIMEOUT, NumberInputs, ReservationInputs, durationMs } from "./inputs";
import { searchNumbers } from "./lookups";
import { subscriberDigits } from "./phone-numbers";
import { notify } from "./notices";
import { ReservationOutputs, liveNumbers, summarize } from "./reservation-state";
import { SearchRequest } from "./search-criteria";
import { afterSearch, afterSearchHold, countOf, criteriaOf } from "./search-hold";
import { waitWhilePending } from "./wait-while-pending";

/** Posts `numbers` as one reservation and judges the outcome, as a create of declared numbers does. */
export interface NumberPoster {
  post(inputs: NumberInputs): Promise<NumberReservation>;
  judge(inputs: NumberInputs, record: NumberReservation): Promise<ReservationOutputs>;
}

export async function holdBySearch(
  client: TelnyxClient,
  inputs: ReservationInputs & { search: SearchRequest },
  poster: NumberPoster,
  rehold?: string[],
): Promise<ReservationOutputs> {
  const wanted = countOf(inputs.search);
  const timeoutMs = durationMs(inputs.pendingTimeout ?? DEFAULT_PENDING_TIMEOUT, DEFAULT_PENDING_TIMEOUT);
  const tryHold = async (numbers: string[], attempt: number) => {
    const withNumbers = { ...inputs, phoneNumbers: numbers };
    const posted = await poster.post(withNumbers);
    const waited = await waitWhilePending(client, posted, timeoutMs);
    const held = liveNumbers(summarize(waited.record).numbers, client.serverNow()).length;
    const next = afterSearchHold({ settled: waited.settled, wanted, held, attempt });
    // `stop` (and `done`) go through the create path's own judgement: state, or an error naming each number.
    return next === "search again" ? undefined : poster.judge(withNumbers, waited.record);
  };

  if (rehold?.length === wanted) {
    // Still free and still matching? One search per number (the criteria and its last digits), so a
    // number someone took is seen before posting: a post with it would leave a partial reservation.
    let free = true;
    for (const number of rehold) {
      const found = await searchNumbers(client, { ...criteriaOf(inputs.search), endsWith: subscriberDigits(number), limit: 10 });
      free &&= found.numbers.some((n) => n.phoneNumber === number);
      if (!free) break;
    }
    const again = free ? await tryHold(rehold, 1) : undefined;
    if (again) return again;
    await notify(
      "warning",
      `The numbers this resource held (${rehold.join(", ")}) lapsed and were taken by others since; searching anew. ` +
        "Its phoneNumbers change: update anything that published the old ones.",
    );
  }
  for (let attempt = 1; ; attempt++) {
    const found = await searchNumbers(client, { ...criteriaOf(inputs.search), limit: wanted });
    const answer = afterSearch(inputs.search, found.numbers.map((n) => n.phoneNumber));
    if (answer.action === "fail") throw new Error(answer.reason);
    const outputs = await tryHold(answer.numbers, attempt);
    if (outputs) return outputs;
  }
}

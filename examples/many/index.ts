// One reservation per team, generated from a list in stack config, plus
// read-only lookups: a reservation by id (`NumberReservation.get`), and every
// reservation at Telnyx with a given customer reference.
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation, listNumberReservationsOutput } from "pulumi-telnyx-reservations";

interface Team {
  name: string;
  numbers: string[];
}

const config = new pulumi.Config();
const teams = config.requireObject<Team[]>("teams");

const reservations = teams.map(
  (team) =>
    new NumberReservation(`team-${team.name}`, {
      phoneNumbers: team.numbers,
      customerReference: `team-${team.name}`,
      keepAliveWindow: "10m",
    }),
);

export const reservationIds = reservations.map((r) => r.reservationId);

// Read-only: look at a reservation this stack does not manage.
const watched = config.get("watchReservationId");
export const watchedNumbers = watched ? NumberReservation.get("watched", watched).phoneNumbers : undefined;

// Lookups run at deployment time against the same account.
export const sharedPool = listNumberReservationsOutput({ customerReference: config.get("poolReference") ?? "shared-pool" }).apply(
  (found) => found.map((r) => ({ id: r.id, numbers: r.phoneNumbers, expiresAt: r.expiresAt })),
);

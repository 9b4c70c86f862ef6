// Holds last about 30 minutes. With a keep-alive window, every `pulumi up` that
// runs when a hold has less than the window left extends it, so a scheduled job
// (see .github/workflows/keep-alive.yml) keeps the numbers held until they are
// ordered. Bump `extendTrigger` to extend once, right now.
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();

const launch = new NumberReservation("launch-numbers", {
  phoneNumbers: config.requireObject<string[]>("phoneNumbers"),
  customerReference: "launch",
  keepAliveWindow: config.get("keepAliveWindow") ?? "15m",
  extendTrigger: config.get("extendTrigger"),
});

export const reservationId = launch.reservationId;
// The workflow's guard (check-holds.js) reads this output: export every reservation's.
export const expiresAt = launch.expiresAt;

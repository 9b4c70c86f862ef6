// Hold numbers found by what they are, not by their digits:
//   pulumi config set areaCode 970
//   pulumi config set count 2
// The search runs once, on the first `pulumi up`; the numbers found are then fixed in state
// (the `phoneNumbers` output), and later runs keep exactly those held.
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();

const support = new NumberReservation("support", {
  search: {
    countryCode: "US",
    nationalDestinationCode: config.get("areaCode") ?? "970",
    features: ["sms", "voice"],
    count: config.getNumber("count") ?? 1,
  },
  customerReference: "support",
  keepAliveWindow: "15m",
});

export const reservationId = support.reservationId;
export const phoneNumbers = support.phoneNumbers;
export const expiresAt = support.expiresAt;

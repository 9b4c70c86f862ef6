// Reserve the numbers listed in stack config:
//   pulumi config set --path 'phoneNumbers[0]' '+1 970 555 5098'
//   pulumi config set customerReference support-line
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();

const line = new NumberReservation("support-line", {
  phoneNumbers: config.requireObject<string[]>("phoneNumbers"),
  customerReference: config.get("customerReference"),
});

export const reservationId = line.reservationId;
export const phoneNumbers = line.phoneNumbers;
export const status = line.status;
export const expiresAt = line.expiresAt;

// Reservations made in the portal, by a script or by another stack come under
// management through the `import` option: by reservation id, or by a phone
// number the reservation holds. `pulumi up` then reads them and creates nothing.
// `npx telnyx-reservations import` writes a program like this one for you.
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "pulumi-telnyx-reservations";

const config = new pulumi.Config();

// By id: the reservation must hold exactly these numbers.
const byId = new NumberReservation(
  "existing-by-id",
  { phoneNumbers: config.requireObject<string[]>("idNumbers"), customerReference: config.get("idReference") },
  { import: config.require("reservationId") },
);

// By phone number: the live reservation holding it is looked up.
const byNumber = new NumberReservation(
  "existing-by-number",
  { phoneNumbers: [config.require("heldNumber")] },
  { import: config.require("heldNumber") },
);

export const adopted = [byId.reservationId, byNumber.reservationId];

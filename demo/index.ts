// The demo program behind `npm start`: the numbers from stack config, held two
// per reservation with a keep-alive window. It imports the SDK from source; your
// programs import it by name: `import { NumberReservation } from "pulumi-telnyx-reservations"`.
import * as pulumi from "@pulumi/pulumi";
import { NumberReservation } from "../sdk";

const config = new pulumi.Config();
const numbers = config.requireObject<string[]>("phoneNumbers");
const extendTrigger = config.get("extendTrigger") || undefined;

const lines: NumberReservation[] = [];
for (let i = 0; i < numbers.length; i += 2) {
  lines.push(
    new NumberReservation(`demo-line-${i / 2 + 1}`, {
      phoneNumbers: numbers.slice(i, i + 2),
      customerReference: `demo-line-${i / 2 + 1}`,
      keepAliveWindow: "10m",
      extendTrigger,
    }),
  );
}

export const reservations = lines.map((r) => ({
  id: r.reservationId,
  numbers: r.phoneNumbers,
  status: r.status,
  expiresAt: r.expiresAt,
}));

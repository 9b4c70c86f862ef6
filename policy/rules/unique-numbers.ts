/**
 * Policy `no-shared-numbers-in-stack` (mandatory, stack policy): no phone
 * number is declared by two reservations of the same stack. Telnyx holds a
 * number once, so the second reservation would fail or fight the first.
 * Numbers are compared in E.164, so "+1 970-555-5098" and "+19705555098" match.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { describeViolation, joinWords, showValue } from "./messages";
import { Reservation, ValidPhoneNumber, readReservation, validPhoneNumbers } from "./reservation";

/** One reservation's declaration of a number. */
interface Declaration {
  reservation: Reservation;
  number: ValidPhoneNumber;
}

/** Fails every reservation that declares a number another reservation of the stack declares too. */
export const noSharedNumbersInStack: StackValidationPolicy = {
  name: "no-shared-numbers-in-stack",
  description: "No phone number is declared by two NumberReservations of the same stack.",
  enforcementLevel: "mandatory",
  // Nothing to tune: a number cannot be held twice. Only enforcementLevel applies.
  configSchema: { properties: {} },
  validateStack: (args, reportViolation) => {
    const byNumber = new Map<string, Declaration[]>();
    for (const resource of args.resources) {
      const reservation = readReservation(resource);
      if (!reservation) continue;
      // A number repeated inside one reservation is the provider's check to refuse, not a clash between two.
      const seenHere = new Set<string>();
      for (const number of validPhoneNumbers(reservation)) {
        if (seenHere.has(number.e164)) continue;
        seenHere.add(number.e164);
        byNumber.set(number.e164, [...(byNumber.get(number.e164) ?? []), { reservation, number }]);
      }
    }
    // Every holder is reported, each naming the others: the engine's resource
    // order is not stable, so no holder is "the first" one.
    for (const [e164, declarations] of byNumber) {
      if (declarations.length < 2) continue;
      for (const { reservation, number } of declarations) {
        const others = declarations.filter((d) => d.reservation !== reservation);
        const elsewhere = others.map((d) => `NumberReservation "${d.reservation.name}" (${d.number.property})`);
        const value = showValue(number.value);
        // Say the E.164 form only when it differs from what was written.
        const asE164 = value === JSON.stringify(e164) ? "" : ` (as ${e164})`;
        reportViolation(
          describeViolation({
            resource: reservation.name,
            property: number.property,
            value,
            problem: `is also declared by ${joinWords(elsewhere, "and")}${asE164}`,
            fix: `declare ${e164} in one reservation only: remove it from "${reservation.name}" or from ${joinWords(others.map((d) => `"${d.reservation.name}"`), "and")}`,
          }),
          reservation.urn,
        );
      }
    }
  },
};

/**
 * The provider instance every `NumberReservation` uses, as the module's whole
 * export: state names it as a `require` of the package's `./provider` entry,
 * not as a copy of the code.
 * See docs/how-it-works.md#how-the-provider-is-stored.
 */
import { ReservationProvider } from "./dynamic/reservation-provider";

export = new ReservationProvider();

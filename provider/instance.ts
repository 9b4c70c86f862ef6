/**
 * The provider instance every `NumberReservation` uses, as the module's whole
 * export: from node_modules, Pulumi then serializes it as a `require` of the
 * package's `./provider` entry, not as a copy of the code.
 * See docs/how-it-works.md#how-the-provider-is-serialized.
 */
import { ReservationProvider } from "./reservation-provider";

export = new ReservationProvider();

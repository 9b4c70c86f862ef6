/**
 * The provider instance every `NumberReservation` uses, as this module's whole
 * export. Pulumi serializes a module export from node_modules as a `require`
 * of the package's `./provider` entry point, so each resource's `__provider`
 * state is a one-line reference, not a copy of this package's code.
 */
import { ReservationProvider } from "./reservation-provider";

export = new ReservationProvider();

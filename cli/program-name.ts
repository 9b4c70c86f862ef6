/** The executable's name, as installed by package.json `bin`; used in help and error lines. */
export const PROGRAM = "telnyx-reservations";

/**
 * Text from a server or a user, made safe to print. A reservation id, a customer
 * reference or an error detail may carry terminal escape sequences (clear the
 * screen, rewrite lines, set the window title), carriage returns or newlines
 * that forge table rows, or bidi overrides that reorder what is shown. The CLI
 * prints nothing it did not make through one of these two functions.
 */

// Escape sequences: CSI (ESC [ … or the one-byte C1 form), string commands (OSC,
// DCS, SOS, PM, APC: ESC ] … BEL or ESC \), and two-character ESC forms.
const ESCAPE_SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -~]?/g;
// What is left that a terminal acts on: C0 (tab, CR, LF included), DEL and C1 controls.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
// Invisible characters that reorder or break lines: bidi marks, embeddings, overrides and isolates, LS, PS.
const INVISIBLES = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** One line of plain text: escape sequences and invisibles removed, each run of other controls a space. */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(INVISIBLES, "").replace(CONTROLS, " ");
}

/**
 * JSON (or a JavaScript string literal) with the characters `JSON.stringify`
 * leaves raw but a terminal acts on (DEL, C1, bidi, LS, PS) written as `\uXXXX`.
 * The data is unchanged: parsing gives back exactly what the server sent.
 */
export function escapeInvisibles(json: string): string {
  return json.replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

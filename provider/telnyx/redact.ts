/**
 * Keeping the API key out of every text the client produces. A server may echo
 * the key back in any form (as sent, in another case, JSON-escaped inside a
 * quoted body, URL-encoded in a redirect), so each form is replaced, and texts
 * are cut only after that (a cut key would survive as a fragment).
 */

export const REDACTED = "[redacted]";

/** A function replacing every form of `key` in a text with `[redacted]`. */
export function keyRedactor(key: string): (text: string) => string {
  const forms = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), encodeURI(key), ...urlForms(key)];
  const pattern = new RegExp(
    [...new Set(forms)]
      .sort((a, b) => b.length - a.length)
      .map((form) => form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
      .join("|"),
    "gi",
  );
  return (text) => text.replace(pattern, REDACTED);
}

/** The key as a URL parser writes it in a query, a path or a fragment (a redirect's Location). */
function urlForms(key: string): string[] {
  try {
    const url = new URL(`http://h/${key}?${key}#${key}`);
    return [url.pathname.slice(1), url.search.slice(1), url.hash.slice(1)].filter((form) => form.length > 0);
  } catch {
    return []; // no URL can hold this key, so no redirect can carry it
  }
}

/** `text` cut to `max` characters, with an ellipsis when cut. Call on redacted text only. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

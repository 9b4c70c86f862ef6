/**
 * A minimal method-and-path router shared by the /v2 API and the control API. An unknown path
 * and a known path with the wrong method both answer a Telnyx-shaped 404: the spec lists 404
 * for these operations and no 405, so clients see only documented statuses.
 */

import { notFound } from "./api-errors";
import type { HttpResult } from "./http-io";

/** One route: a method, a path pattern whose groups become `params`, and its handler. */
export interface Route<Context> {
  /** Upper-case HTTP method. */
  method: string;
  /** Anchored pattern matched against the raw (still percent-encoded) path. */
  pattern: RegExp;
  /** Produces the response; throw an ApiError to answer an error. */
  handle(context: Context, params: string[]): HttpResult | Promise<HttpResult>;
}

/** Percent-decodes a path parameter; one that cannot be decoded cannot name anything, so 404. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound(`The requested resource or URL could not be found: ${segment}.`);
  }
}

/** Runs the route matching `method` and `path`, or throws a 404. */
export async function dispatch<Context>(
  routes: ReadonlyArray<Route<Context>>,
  method: string,
  path: string,
  context: Context,
): Promise<HttpResult> {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return route.handle(context, match.slice(1).map(decodeSegment));
  }
  throw notFound(
    pathKnown
      ? `${method} is not supported on ${path}.`
      : `The requested resource or URL could not be found: ${path}.`,
  );
}

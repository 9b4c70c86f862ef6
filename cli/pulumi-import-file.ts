/**
 * The file `import --format pulumi-import` writes: the engine's own bulk-import
 * file (`pulumi import --file FILE`), one `telnyx:index:NumberReservation` per
 * existing reservation, by id, for programs using the native `telnyx` plugin
 * (Pulumi YAML, or any language). The engine reads each through the plugin and
 * generates the declarations itself; nothing is created.
 *
 * A pure function of the summaries; names come from `resource-names.ts`, like
 * the TypeScript program's.
 */
import { ReservationSummary } from "../provider/reservation-state";
import { resourceNames } from "./resource-names";

/** The native resource's type token (the plugin's schema). */
export const NATIVE_RESOURCE_TYPE = "telnyx:index:NumberReservation";

/** One entry of `pulumi import --file`'s `resources` array. */
export interface PulumiImportResource {
  type: string;
  name: string;
  id: string;
}

export function renderPulumiImportFile(summaries: readonly ReservationSummary[]): string {
  const names = resourceNames(summaries);
  const resources: PulumiImportResource[] = summaries.map((summary, i) => ({
    type: NATIVE_RESOURCE_TYPE,
    name: names[i].name,
    id: summary.id,
  }));
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}

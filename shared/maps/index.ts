// The registry of maps a lounge can use. A modder adds a map by adding a file and a line here.
import { LoungeMap, type MapDefinition } from "./tiles.ts";
import { loungeMap } from "./lounge.ts";
import { rooftopMap } from "./rooftop.ts";

export * from "./tiles.ts";

const definitions: MapDefinition[] = [loungeMap, rooftopMap];
export const mapIds = definitions.map((d) => d.id) as [string, ...string[]];
export const defaultMapId = "lounge";

const built = new Map<string, LoungeMap>();
export function getMap(id: string): LoungeMap | undefined {
  const def = definitions.find((d) => d.id === id);
  if (!def) return undefined;
  let map = built.get(id);
  if (!map) { map = new LoungeMap(def); built.set(id, map); }
  return map;
}

// Where the card tables are on the map, for the page: which table a click landed on, and which
// table your avatar stands close enough to for its panel to open.
import type { LoungeMap, TableSpot } from "../../shared/maps/tiles.ts";

/** Tiles between an avatar and a table's edge within which the table's panel opens. */
export const NEAR_TILES = 2;

export class TableSpots {
  readonly spots: TableSpot[];

  constructor(private readonly map: LoungeMap) {
    this.spots = map.cardTables();
  }

  /** The table whose top or one of whose chairs is at world point (x, y). */
  at(x: number, y: number): TableSpot | undefined {
    const { tx, ty } = this.map.tileOf(x, y);
    return this.spots.find((s) => [...s.tiles, ...s.chairs].some((t) => t.tx === tx && t.ty === ty));
  }

  /** The nearest table within `tiles` of world point (x, y), measured to the table's edge. */
  near(x: number, y: number, tiles = NEAR_TILES): TableSpot | undefined {
    const size = this.map.tileSize;
    let best: { spot: TableSpot; d: number } | undefined;
    for (const spot of this.spots) {
      for (const t of spot.tiles) {
        const dx = Math.max(t.tx * size - x, 0, x - (t.tx + 1) * size);
        const dy = Math.max(t.ty * size - y, 0, y - (t.ty + 1) * size);
        const d = Math.hypot(dx, dy);
        if (d <= tiles * size && (!best || d < best.d)) best = { spot, d };
      }
    }
    return best?.spot;
  }
}

/** "Card table 1" for "table-1". */
export function tableTitle(tableId: string): string {
  const n = /^table-(\d+)$/.exec(tableId)?.[1];
  return n ? `Card table ${n}` : tableId;
}

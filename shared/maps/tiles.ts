// Map data model and the pure queries both sides use: what a tile is, whether it can be walked on,
// and conversions between pixel positions and tile coordinates.

export interface MapDefinition {
  id: string;
  name: string;
  /** Pixels per tile, in world units. */
  tileSize: number;
  /** One string per row, one legend character per tile; all rows the same length. */
  rows: readonly string[];
}

export type TileKind =
  | "wall" | "window" | "floor" | "rug" | "dancefloor" | "door"
  | "sofa" | "coffee-table" | "plant" | "bookshelf" | "lamp" | "dj-booth"
  | "bar" | "stool" | "card-table" | "chair" | "arcade" | "fireplace";

export const tileLegend: Record<string, { kind: TileKind; walkable: boolean }> = {
  "#": { kind: "wall", walkable: false },
  W: { kind: "window", walkable: false },
  ".": { kind: "floor", walkable: true },
  ",": { kind: "rug", walkable: true },
  "=": { kind: "dancefloor", walkable: true },
  o: { kind: "door", walkable: true },
  S: { kind: "sofa", walkable: false },
  T: { kind: "coffee-table", walkable: false },
  P: { kind: "plant", walkable: false },
  K: { kind: "bookshelf", walkable: false },
  L: { kind: "lamp", walkable: false },
  D: { kind: "dj-booth", walkable: false },
  B: { kind: "bar", walkable: false },
  s: { kind: "stool", walkable: true },
  C: { kind: "card-table", walkable: false },
  c: { kind: "chair", walkable: true },
  A: { kind: "arcade", walkable: false },
  F: { kind: "fireplace", walkable: false },
};

export interface Tile { tx: number; ty: number }

/** A card table of a map: its tiles, its centre (world pixels) and its chairs, clockwise from the top left. */
export interface TableSpot {
  /** "table-1", "table-2" … in reading order of the map. */
  id: string;
  tiles: Tile[];
  center: { x: number; y: number };
  chairs: Tile[];
}

export class LoungeMap {
  readonly width: number;
  readonly height: number;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  private readonly walkable: Uint8Array;

  constructor(readonly def: MapDefinition) {
    this.height = def.rows.length;
    this.width = def.rows[0]?.length ?? 0;
    if (this.width === 0) throw new Error(`map ${def.id}: no rows`);
    this.walkable = new Uint8Array(this.width * this.height);
    def.rows.forEach((row, ty) => {
      if (row.length !== this.width) throw new Error(`map ${def.id}: row ${ty} has ${row.length} tiles, expected ${this.width}`);
      for (let tx = 0; tx < row.length; tx++) {
        const legend = tileLegend[row[tx]];
        if (!legend) throw new Error(`map ${def.id}: unknown tile '${row[tx]}' at ${tx},${ty}`);
        this.walkable[ty * this.width + tx] = legend.walkable ? 1 : 0;
      }
    });
    this.pixelWidth = this.width * def.tileSize;
    this.pixelHeight = this.height * def.tileSize;
  }

  get id(): string { return this.def.id; }
  get tileSize(): number { return this.def.tileSize; }

  kindAt(tx: number, ty: number): TileKind | undefined {
    const ch = this.def.rows[ty]?.[tx];
    return ch === undefined ? undefined : tileLegend[ch]?.kind;
  }

  isWalkableTile(tx: number, ty: number): boolean {
    if (tx < 0 || ty < 0 || tx >= this.width || ty >= this.height) return false;
    return this.walkable[ty * this.width + tx] === 1;
  }

  tileOf(x: number, y: number): Tile {
    return { tx: Math.floor(x / this.tileSize), ty: Math.floor(y / this.tileSize) };
  }

  /** A pixel position is walkable when the tile under it is. */
  isWalkable(x: number, y: number): boolean {
    const { tx, ty } = this.tileOf(x, y);
    return this.isWalkableTile(tx, ty);
  }

  inBounds(x: number, y: number): boolean {
    return x >= 0 && y >= 0 && x < this.pixelWidth && y < this.pixelHeight;
  }

  centerOf(tile: Tile): { x: number; y: number } {
    return { x: (tile.tx + 0.5) * this.tileSize, y: (tile.ty + 0.5) * this.tileSize };
  }

  /** Tiles of one kind, e.g. the doors where avatars spawn. */
  tilesOfKind(kind: TileKind): Tile[] {
    const out: Tile[] = [];
    for (let ty = 0; ty < this.height; ty++)
      for (let tx = 0; tx < this.width; tx++)
        if (this.kindAt(tx, ty) === kind) out.push({ tx, ty });
    return out;
  }

  /**
   * The map's card tables: each group of touching card-table tiles is one table, and the chair
   * tiles around it (diagonals included) are its seats. A map declares tables by drawing them.
   */
  cardTables(): TableSpot[] {
    const seen = new Set<string>();
    const spots: TableSpot[] = [];
    for (const start of this.tilesOfKind("card-table")) {
      if (seen.has(`${start.tx},${start.ty}`)) continue;
      const tiles: Tile[] = [];
      const queue = [start];
      seen.add(`${start.tx},${start.ty}`);
      while (queue.length > 0) {
        const t = queue.shift() as Tile;
        tiles.push(t);
        for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
          const n = { tx: t.tx + dx, ty: t.ty + dy };
          const key = `${n.tx},${n.ty}`;
          if (!seen.has(key) && this.kindAt(n.tx, n.ty) === "card-table") { seen.add(key); queue.push(n); }
        }
      }
      const chairs = new Map<string, Tile>();
      for (const t of tiles)
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++)
            if (this.kindAt(t.tx + dx, t.ty + dy) === "chair") chairs.set(`${t.tx + dx},${t.ty + dy}`, { tx: t.tx + dx, ty: t.ty + dy });
      const cx = tiles.reduce((s, t) => s + t.tx + 0.5, 0) / tiles.length;
      const cy = tiles.reduce((s, t) => s + t.ty + 0.5, 0) / tiles.length;
      // Clockwise from the top left, so seat order goes round the table as players expect.
      const around = [...chairs.values()].sort((a, b) => angleOf(a, cx, cy) - angleOf(b, cx, cy));
      spots.push({ id: `table-${spots.length + 1}`, tiles, center: { x: cx * this.tileSize, y: cy * this.tileSize }, chairs: around });
    }
    return spots;
  }

  /** The walkable tile nearest to `tile` (itself if walkable), searching rings up to `radius`. */
  nearestWalkable(tile: Tile, radius = 4): Tile | undefined {
    for (let r = 0; r <= radius; r++) {
      let best: Tile | undefined;
      let bestDist = Infinity;
      for (let dy = -r; dy <= r; dy++)
        for (let dx = -r; dx <= r; dx++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const t = { tx: tile.tx + dx, ty: tile.ty + dy };
          const d = dx * dx + dy * dy;
          if (d < bestDist && this.isWalkableTile(t.tx, t.ty)) { best = t; bestDist = d; }
        }
      if (best) return best;
    }
    return undefined;
  }
}

/** Clockwise angle of a tile's centre around (cx, cy), starting from the top left. */
function angleOf(t: Tile, cx: number, cy: number): number {
  const a = Math.atan2(t.ty + 0.5 - cy, t.tx + 0.5 - cx);
  return (a + Math.PI * 2 + Math.PI * 0.75) % (Math.PI * 2);
}

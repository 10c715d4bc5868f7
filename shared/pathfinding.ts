// A* on a map's tile grid, 8-connected without cutting corners past blocked tiles. Pure: the server
// uses it to walk avatars to a clicked point, tests and clients may use it to preview a route.
import type { LoungeMap, Tile } from "./maps/tiles.ts";

const SQRT2 = Math.SQRT2;
const STEPS: ReadonlyArray<readonly [number, number, number]> = [
  [1, 0, 1], [-1, 0, 1], [0, 1, 1], [0, -1, 1],
  [1, 1, SQRT2], [1, -1, SQRT2], [-1, 1, SQRT2], [-1, -1, SQRT2],
];

/** Octile distance: the exact cost on an empty 8-connected grid, so the heuristic is admissible. */
function octile(a: Tile, b: Tile): number {
  const dx = Math.abs(a.tx - b.tx);
  const dy = Math.abs(a.ty - b.ty);
  return Math.max(dx, dy) + (SQRT2 - 1) * Math.min(dx, dy);
}

/**
 * The tiles from `from` (excluded) to `to` (included), or undefined when `to` cannot be reached.
 * `maxExpanded` bounds the work for a hostile or pathological request.
 */
export function findPath(map: LoungeMap, from: Tile, to: Tile, maxExpanded = 4096): Tile[] | undefined {
  if (!map.isWalkableTile(to.tx, to.ty)) return undefined;
  if (from.tx === to.tx && from.ty === to.ty) return [];
  const w = map.width;
  const key = (t: Tile) => t.ty * w + t.tx;
  const g = new Map<number, number>([[key(from), 0]]);
  const parent = new Map<number, number>();
  const closed = new Set<number>();
  // A binary heap of [f, tileKey]; maps are small, so this stays cheap.
  const heap: Array<[number, number]> = [[octile(from, to), key(from)]];
  const push = (item: [number, number]) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (heap[p][0] <= heap[i][0]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): [number, number] | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const goal = key(to);
  let expanded = 0;
  for (let item = pop(); item; item = pop()) {
    const current = item[1];
    if (current === goal) break;
    if (closed.has(current)) continue;
    closed.add(current);
    if (++expanded > maxExpanded) return undefined;
    const cx = current % w, cy = Math.floor(current / w);
    for (const [dx, dy, cost] of STEPS) {
      const nx = cx + dx, ny = cy + dy;
      if (!map.isWalkableTile(nx, ny)) continue;
      // No squeezing diagonally between two blocked tiles or around a corner.
      if (dx !== 0 && dy !== 0 && (!map.isWalkableTile(cx + dx, cy) || !map.isWalkableTile(cx, cy + dy))) continue;
      const nk = ny * w + nx;
      const ng = (g.get(current) ?? Infinity) + cost;
      if (ng < (g.get(nk) ?? Infinity)) {
        g.set(nk, ng);
        parent.set(nk, current);
        push([ng + octile({ tx: nx, ty: ny }, to), nk]);
      }
    }
  }
  if (!parent.has(goal)) return undefined;
  const path: Tile[] = [];
  for (let k: number | undefined = goal; k !== undefined && k !== key(from); k = parent.get(k)) {
    path.push({ tx: k % w, ty: Math.floor(k / w) });
  }
  return path.reverse();
}

// Avatar movement as motion legs: the state holds where an avatar set off, where it is heading and
// when it set off and arrives (server time), not a position that changes every tick. Server and
// clients compute where an avatar is at any moment with `positionAt`; the server makes a new leg
// only when something changes (a new intent, a waypoint, a wall, a stop). Pure and unit-tested.
import type { LoungeMap } from "./maps/tiles.ts";

/** Walking speed in world pixels per second (five tiles a second on 32 px tiles). */
export const AVATAR_SPEED = 160;

export type Facing = "up" | "down" | "left" | "right";

export interface Point { x: number; y: number }

/**
 * One straight leg of walking, as the state's Player holds it: from (x, y) at `startedAt` to
 * (toX, toY) at `arrivesAt`, in server ms, and standing at (toX, toY) from then on (a walk that
 * ends needs no change of state). An avatar stopped mid-leg has `moving` false and stands at
 * (x, y) from `startedAt`; its toX, toY and arrivesAt then mean nothing. Ask positionAt and
 * isWalkingAt rather than reading `moving`.
 */
export interface Motion {
  x: number;
  y: number;
  toX: number;
  toY: number;
  startedAt: number;
  arrivesAt: number;
  moving: boolean;
}

/** A plain copy of a leg (a schema Player is one, but its fields are accessors that spread loses). */
export function motionOf(m: Motion): Motion {
  return { x: m.x, y: m.y, toX: m.toX, toY: m.toY, startedAt: m.startedAt, arrivesAt: m.arrivesAt, moving: m.moving };
}

export function facingOf(dx: number, dy: number, previous: Facing = "down"): Facing {
  if (dx === 0 && dy === 0) return previous;
  if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? "right" : "left";
  return dy > 0 ? "down" : "up";
}

/** Where an avatar on leg `m` is at server time `t` (before the leg: its start; after: its end). */
export function positionAt(m: Motion, t: number): Point {
  if (!m.moving || t <= m.startedAt) return { x: m.x, y: m.y };
  if (t >= m.arrivesAt) return { x: m.toX, y: m.toY };
  const k = (t - m.startedAt) / (m.arrivesAt - m.startedAt);
  return { x: m.x + (m.toX - m.x) * k, y: m.y + (m.toY - m.y) * k };
}

/** Whether the avatar is walking at server time `t`. */
export function isWalkingAt(m: Motion, t: number): boolean {
  return m.moving && t >= m.startedAt && t < m.arrivesAt;
}

/** A leg from `from` to `to` starting at `startedAt`, at `speed` px/s (walking speed by default). */
export function leg(from: Point, to: Point, startedAt: number, speed = AVATAR_SPEED): Motion {
  const ms = (Math.hypot(to.x - from.x, to.y - from.y) / speed) * 1000;
  return { x: from.x, y: from.y, toX: to.x, toY: to.y, startedAt, arrivesAt: startedAt + ms, moving: true };
}

/** Standing still at `at` from server time `t`. */
export function standing(at: Point, t: number): Motion {
  return { x: at.x, y: at.y, toX: at.x, toY: at.y, startedAt: t, arrivesAt: t, moving: false };
}

/**
 * The waypoints worth a leg each: a point in the middle of a straight run (same direction in and
 * out) is dropped, so a walk down a corridor is one leg, not one per tile.
 */
export function straightRuns(from: Point, waypoints: readonly Point[]): Point[] {
  const out: Point[] = [];
  let prev = from;
  for (let i = 0; i < waypoints.length; i++) {
    const here = waypoints[i], next = waypoints[i + 1];
    if (next) {
      const ax = here.x - prev.x, ay = here.y - prev.y, bx = next.x - here.x, by = next.y - here.y;
      const straight = Math.abs(ax * by - ay * bx) < 1e-6 * (Math.hypot(ax, ay) * Math.hypot(bx, by) + 1) && ax * bx + ay * by > 0;
      if (straight) continue;
    }
    out.push(here);
    prev = here;
  }
  return out;
}

/** How close to a blocked tile an avatar stands, in pixels: just inside its own tile. */
const WALL_GAP = 1 / 64;
/** A probe a little farther than WALL_GAP: is the way on open? */
const PROBE = 1 / 32;
/** A hair into the next tile when crossing a tile edge going left or up. */
const NUDGE = 1 / 1024;
/** The longest single leg of a held direction; a longer walk is several legs, seamlessly. */
const MAX_LEG_TILES = 32;

/** The velocity (per unit of walking speed) a held direction gives at `p`: full, sliding, or none. */
function headingAt(map: LoungeMap, p: Point, ux: number, uy: number): { vx: number; vy: number } | undefined {
  const sx = Math.sign(ux), sy = Math.sign(uy);
  const xFree = sx !== 0 && map.isWalkable(p.x + sx * PROBE, p.y);
  const yFree = sy !== 0 && map.isWalkable(p.x, p.y + sy * PROBE);
  if (sx !== 0 && sy !== 0 && xFree && yFree && map.isWalkable(p.x + sx * PROBE, p.y + sy * PROBE)) return { vx: ux, vy: uy };
  // Against a wall (or a corner), slide along the free axis at that axis' share of the speed;
  // x first, as a step that cannot go both ways at once goes sideways first.
  if (xFree) return { vx: ux, vy: 0 };
  if (yFree) return { vx: 0, vy: uy };
  return undefined;
}

/** Parameter (in px of travel along the unit axis velocity `v`) to the next tile edge from `c`. */
function toEdge(c: number, v: number, tile: number): number {
  if (v > 0) return ((Math.floor(c / tile) + 1) * tile - c) / v;
  if (v < 0) return (c - Math.floor(c / tile) * tile) / -v;
  return Infinity;
}

/**
 * The leg a held direction (dx, dy ∈ {-1, 0, 1}) walks from `from`: straight on until a wall stops
 * one axis (the avatar then slides along it on the next leg), a wall ends the way, or the way
 * opens up again. Undefined when it cannot move at all. Walls are tile-aligned, so the way changes
 * only where the avatar crosses a tile edge; the leg ends exactly there, or just short of the wall.
 */
export function walkLeg(map: LoungeMap, from: Point, dx: number, dy: number, startedAt: number): Motion | undefined {
  const len = Math.hypot(dx, dy);
  if (len === 0) return undefined;
  const ux = dx / len, uy = dy / len;
  const heading = headingAt(map, from, ux, uy);
  if (!heading) return undefined;
  const { vx, vy } = heading;
  const tile = map.tileSize;
  let p = { ...from };
  let travelled = 0;
  const limit = MAX_LEG_TILES * tile;
  for (let guard = 0; guard < MAX_LEG_TILES * 4 && travelled < limit; guard++) {
    const sxEdge = toEdge(p.x, vx, tile), syEdge = toEdge(p.y, vy, tile);
    const s = Math.min(sxEdge, syEdge, limit - travelled);
    const at = { x: p.x + vx * s, y: p.y + vy * s };
    if (s === limit - travelled && s < Math.min(sxEdge, syEdge)) { p = at; travelled = limit; break; }
    // Just past the edge: a hair into the next tile, whichever way it is crossed.
    const beyond = {
      x: sxEdge <= syEdge && vx < 0 ? at.x - NUDGE : at.x,
      y: syEdge <= sxEdge && vy < 0 ? at.y - NUDGE : at.y,
    };
    const next = map.isWalkable(beyond.x, beyond.y) ? headingAt(map, beyond, ux, uy) : undefined;
    if (next && next.vx === vx && next.vy === vy) { travelled += s + Math.hypot(beyond.x - at.x, beyond.y - at.y); p = beyond; continue; }
    if (next && map.isWalkable(beyond.x, beyond.y)) { p = beyond; break; }
    // A wall ahead on the axis that crossed: stop just inside this tile.
    p = {
      x: sxEdge <= syEdge && vx > 0 ? Math.max(p.x, at.x - WALL_GAP) : at.x,
      y: syEdge <= sxEdge && vy > 0 ? Math.max(p.y, at.y - WALL_GAP) : at.y,
    };
    break;
  }
  if (p.x === from.x && p.y === from.y) return undefined;
  return leg(from, p, startedAt, AVATAR_SPEED * Math.hypot(vx, vy));
}

// Avatar movement math: how far an avatar goes in one server tick, along a path or in a held
// direction, never into a blocked tile. Pure, so the client can use the same rules to predict.
import type { LoungeMap } from "./maps/tiles.ts";

/** Walking speed in world pixels per second (five tiles a second on 32 px tiles). */
export const AVATAR_SPEED = 160;

export type Facing = "up" | "down" | "left" | "right";

export interface Point { x: number; y: number }

export function facingOf(dx: number, dy: number, previous: Facing = "down"): Facing {
  if (dx === 0 && dy === 0) return previous;
  if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? "right" : "left";
  return dy > 0 ? "down" : "up";
}

/**
 * Moves `pos` along `waypoints` (consumed from the front) by at most `distance`.
 * Returns the new position, how many waypoints were reached and the direction of travel.
 */
export function followPath(pos: Point, waypoints: readonly Point[], distance: number): { pos: Point; reached: number; dx: number; dy: number } {
  let { x, y } = pos;
  let left = distance;
  let reached = 0;
  let dx = 0, dy = 0;
  while (reached < waypoints.length && left > 0) {
    const target = waypoints[reached];
    const vx = target.x - x, vy = target.y - y;
    const len = Math.hypot(vx, vy);
    if (len > 0) { dx = vx; dy = vy; }
    if (len <= left) {
      x = target.x; y = target.y; left -= len; reached++;
    } else {
      x += (vx / len) * left; y += (vy / len) * left; left = 0;
    }
  }
  return { pos: { x, y }, reached, dx, dy };
}

/**
 * Moves `pos` in direction (dx, dy) by `distance`, one axis at a time so an avatar slides along a
 * wall instead of sticking to it. Steps are short enough never to jump over a thin wall.
 */
export function walkDirection(map: LoungeMap, pos: Point, dx: number, dy: number, distance: number): Point {
  const len = Math.hypot(dx, dy);
  if (len === 0 || distance <= 0) return pos;
  let { x, y } = pos;
  const maxStep = map.tileSize / 4;
  const steps = Math.ceil(distance / maxStep);
  const sx = (dx / len) * (distance / steps), sy = (dy / len) * (distance / steps);
  for (let i = 0; i < steps; i++) {
    if (sx !== 0) x = map.isWalkable(x + sx, y) ? x + sx : edgeOfTile(x, sx, map.tileSize);
    if (sy !== 0) y = map.isWalkable(x, y + sy) ? y + sy : edgeOfTile(y, sy, map.tileSize);
  }
  return { x, y };
}

/** How close to a blocked tile an avatar stands, in pixels: just inside its own tile. */
const WALL_GAP = 1 / 64;

/**
 * The farthest coordinate along one axis, moving in the direction of `step`, that stays in the
 * tile holding `v`: an avatar walks right up to a wall, and once there stays exactly put.
 */
function edgeOfTile(v: number, step: number, tileSize: number): number {
  const tile = Math.floor(v / tileSize);
  return step > 0 ? Math.max(v, (tile + 1) * tileSize - WALL_GAP) : Math.min(v, tile * tileSize);
}

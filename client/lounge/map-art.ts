// Turns a tile map into art: one ground canvas, a canvas per piece of furniture (grouping the
// tiles of a sofa, a table or a shelf into one piece), and where the warm lights are.
import type { LoungeMap, TileKind } from "../../shared/maps/index.ts";
import { paintGround, indoorTheme, type GroundTheme } from "./floor-art.ts";
import { rooftopTheme, rooftopLights } from "./rooftop-art.ts";
import { paintPiece, lift, type FurnitureKind, type Piece } from "./furniture-art.ts";
import { artCanvas, type Light } from "./paint.ts";

export interface PropArt { piece: Piece; canvas: HTMLCanvasElement; x: number; bottom: number; width: number; height: number }

export type { Light };

export interface MapArt {
  ground: HTMLCanvasElement;
  props: PropArt[];
  /** The flickering lights (fire, candles); steady ones are already painted in. */
  lights: Light[];
  res: number;
}

const T = 32;
/** Kinds grouped into one piece per connected block of tiles. */
const grouped = new Set<TileKind>(["sofa", "coffee-table", "card-table", "bookshelf", "dj-booth", "fireplace"]);
/** Kinds drawn one tile at a time. */
const single = new Set<TileKind>(["plant", "lamp", "bar", "arcade"]);

function components(map: LoungeMap, kind: TileKind): { tx: number; ty: number; w: number; h: number }[] {
  const seen = new Set<string>();
  const out: { tx: number; ty: number; w: number; h: number }[] = [];
  for (let ty = 0; ty < map.height; ty++) for (let tx = 0; tx < map.width; tx++) {
    if (map.kindAt(tx, ty) !== kind || seen.has(`${tx},${ty}`)) continue;
    let minX = tx, maxX = tx, minY = ty, maxY = ty;
    const stack = [[tx, ty]];
    seen.add(`${tx},${ty}`);
    while (stack.length) {
      const [x, y] = stack.pop() as number[];
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
        const nx = x + dx, ny = y + dy;
        if (map.kindAt(nx, ny) === kind && !seen.has(`${nx},${ny}`)) { seen.add(`${nx},${ny}`); stack.push([nx, ny]); }
      }
    }
    out.push({ tx: minX, ty: minY, w: maxX - minX + 1, h: maxY - minY + 1 });
  }
  return out;
}

/** Which way a sofa faces: toward the nearest table, else away from the nearest wall. */
function sofaFacing(map: LoungeMap, r: { tx: number; ty: number; w: number; h: number }): Piece["facing"] {
  const cx = r.tx + r.w / 2, cy = r.ty + r.h / 2;
  let best: { dx: number; dy: number; d: number } | undefined;
  for (let ty = 0; ty < map.height; ty++) for (let tx = 0; tx < map.width; tx++) {
    if (map.kindAt(tx, ty) !== "coffee-table") continue;
    const dx = tx + 0.5 - cx, dy = ty + 0.5 - cy, d = Math.hypot(dx, dy);
    if (d < 4 && (!best || d < best.d)) best = { dx, dy, d };
  }
  if (!best) return "down";
  if (r.w >= r.h) return best.dy >= 0 ? "down" : "up";
  return best.dx >= 0 ? "right" : "left";
}

export function buildPieces(map: LoungeMap): Piece[] {
  const pieces: Piece[] = [];
  let seed = 0;
  for (const kind of grouped) {
    for (const r of components(map, kind)) {
      const piece: Piece = { kind: kind as FurnitureKind, ...r, seed: seed++ };
      if (kind === "sofa") piece.facing = sofaFacing(map, r);
      pieces.push(piece);
    }
  }
  for (let ty = 0; ty < map.height; ty++) for (let tx = 0; tx < map.width; tx++) {
    const kind = map.kindAt(tx, ty);
    if (!kind || !single.has(kind)) continue;
    const same = (dx: number, dy: number) => map.kindAt(tx + dx, ty + dy) === kind;
    const piece: Piece = { kind: kind as FurnitureKind, tx, ty, w: 1, h: 1, seed: seed++ };
    if (kind === "bar") piece.joins = { up: same(0, -1), down: same(0, 1), left: same(-1, 0), right: same(1, 0) };
    if (kind === "arcade") piece.seed = tx;
    pieces.push(piece);
  }
  return pieces;
}

function lightsOf(pieces: Piece[], map: LoungeMap): Light[] {
  const lights: Light[] = [];
  for (const p of pieces) {
    const cx = (p.tx + p.w / 2) * T, top = p.ty * T;
    if (p.kind === "lamp") lights.push({ x: cx, y: top - 6, radius: 120, color: "#ffc26b", strength: 0.55 });
    if (p.kind === "fireplace") lights.push({ x: cx, y: top + 10, radius: 150, color: "#ff8a3a", strength: 0.6, flicker: true });
    if (p.kind === "dj-booth") {
      lights.push({ x: cx - 40, y: top + 24, radius: 110, color: "#ff4fb0", strength: 0.35 });
      lights.push({ x: cx + 40, y: top + 24, radius: 110, color: "#41e3ff", strength: 0.3 });
    }
    if (p.kind === "arcade") lights.push({ x: cx, y: top, radius: 60, color: p.seed % 2 ? "#6ad5ff" : "#ff6ad5", strength: 0.35 });
    if (p.kind === "coffee-table" && p.w > 1) lights.push({ x: (p.tx + 0.6) * T, y: (p.ty + p.h) * T, radius: 70, color: "#ffcf7a", strength: 0.3, flicker: true });
    if (p.kind === "coffee-table" && p.w === 1) lights.push({ x: cx, y: top + 4, radius: 70, color: "#ffd58a", strength: 0.35 });
    if (p.kind === "bar" && !p.joins?.left && !p.joins?.up) lights.push({ x: cx + 3 * T, y: top + 2 * T, radius: 160, color: "#ffb45c", strength: 0.35 });
    if (p.kind === "card-table") lights.push({ x: cx, y: top + 16, radius: 90, color: "#ffe3a3", strength: 0.3 });
  }
  for (let tx = 0; tx < map.width; tx++) {
    if (map.kindAt(tx, 0) === "window" && map.kindAt(tx - 1, 0) !== "window") lights.push({ x: (tx + 2) * T, y: T * 1.6, radius: 110, color: "#8fa8ff", strength: 0.16 });
  }
  return lights;
}

/** Each map's look: the Rooftop is open-air; every other map is indoors. */
function themeOf(map: LoungeMap): { ground: GroundTheme; lights: Light[] } {
  if (map.id === "rooftop") return { ground: rooftopTheme, lights: rooftopLights(map) };
  return { ground: indoorTheme, lights: [] };
}

/** A light's warm pool: a radial gradient added onto what is below (canvas "lighter"). */
export function paintGlow(ctx: CanvasRenderingContext2D, l: Light, dx = 0, dy = 0): void {
  const x = l.x - dx, y = l.y - dy;
  const g = ctx.createRadialGradient(x, y, 0, x, y, l.radius);
  const alpha = (k: number) => Math.round(Math.min(1, k) * 255).toString(16).padStart(2, "0");
  g.addColorStop(0, l.color + alpha(l.strength));
  g.addColorStop(0.45, l.color + alpha(l.strength * 0.43));
  g.addColorStop(1, l.color + "00");
  ctx.save();
  ctx.globalCompositeOperation = "lighter";
  ctx.fillStyle = g;
  ctx.fillRect(x - l.radius, y - l.radius, l.radius * 2, l.radius * 2);
  ctx.restore();
}

/**
 * Lights the pixels of a piece of furniture by the steady lights that reach it. A light paints a
 * square of its radius, so the others are skipped; `scratch` is one canvas reused for every piece
 * (creating two canvases per piece was most of the cost of painting a map).
 */
function lightPiece(canvas: HTMLCanvasElement, res: number, x: number, top: number, lights: Light[], scratch: HTMLCanvasElement): void {
  const w = canvas.width / res, h = canvas.height / res;
  const reaching = lights.filter((l) => l.x + l.radius > x && l.x - l.radius < x + w && l.y + l.radius > top && l.y - l.radius < top + h);
  if (reaching.length === 0) return;
  // Setting the size clears the canvas and resets its context, as a new canvas would be.
  scratch.width = canvas.width;
  scratch.height = canvas.height;
  const glow = scratch.getContext("2d");
  const ctx = canvas.getContext("2d");
  if (!glow || !ctx) return;
  glow.scale(res, res);
  for (const l of reaching) paintGlow(glow, l, x, top);
  glow.setTransform(1, 0, 0, 1, 0, 0);
  glow.globalCompositeOperation = "destination-in";
  glow.drawImage(canvas, 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalCompositeOperation = "lighter";
  ctx.drawImage(scratch, 0, 0);
  ctx.restore();
}

/** The map's ground painted, and what is left to paint of it: its furniture, piece by piece. */
export interface GroundArt {
  ground: HTMLCanvasElement;
  pieces: Piece[];
  /** The steady lights, already painted into the ground; each piece is lit by those reaching it. */
  steady: Light[];
  /** The flickering lights (fire, candles), for the scene to animate. */
  lights: Light[];
  res: number;
}

/** Paints the ground of the map with its steady lights; the furniture is painted by `paintProp`. */
export function paintGroundArt(map: LoungeMap, res: number): GroundArt {
  const { canvas: ground, ctx } = artCanvas(map.pixelWidth, map.pixelHeight, res);
  const theme = themeOf(map);
  paintGround(ctx, map, theme.ground);
  const pieces = buildPieces(map);
  const lights = [...lightsOf(pieces, map), ...theme.lights];
  const steady = lights.filter((l) => !l.flicker);
  for (const l of steady) paintGlow(ctx, l);
  return { ground, pieces, steady, lights: lights.filter((l) => l.flicker), res };
}

/** Paints one piece of furniture, lit by the steady lights; `scratch` is a canvas reused for every piece. */
export function paintProp(art: GroundArt, piece: Piece, scratch: HTMLCanvasElement): PropArt {
  const width = piece.w * T, height = piece.h * T + lift[piece.kind];
  const { canvas, ctx } = artCanvas(width, height, art.res);
  paintPiece(ctx, piece);
  const x = piece.tx * T, bottom = (piece.ty + piece.h) * T;
  lightPiece(canvas, art.res, x, bottom - height, art.steady, scratch);
  return { piece, canvas, x, bottom, width, height };
}

/**
 * Paints the map at once. Steady lights are baked into the ground and the furniture (cheap to draw
 * every frame); flickering ones are returned for the scene to animate.
 */
export function paintMap(map: LoungeMap, res: number): MapArt {
  const art = paintGroundArt(map, res);
  const scratch = document.createElement("canvas");
  const props = art.pieces.map((piece) => paintProp(art, piece, scratch));
  return { ground: art.ground, props, lights: art.lights, res };
}

// The lounge's ground layer, painted once: the floor, the walls (with wallpaper and night windows
// indoors), rugs, the dance floor, the doorway, and the low seats avatars sit on (chairs, stools).
import type { LoungeMap, TileKind } from "../../shared/maps/index.ts";
import { hash, rect, rounded, circle, oval, verticalGradient } from "./paint.ts";

const T = 32;

/** How a map's floor and walls look: indoors (wood and wallpaper) or open-air (see rooftop-art.ts). */
export interface GroundTheme {
  planks: readonly string[];
  /** The top wall row, seen from the front. */
  wallFace(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void;
  /** Every other wall tile, seen from above. */
  wallTop(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void;
  /** Anything painted over the finished ground (e.g. string lights). */
  extras?(ctx: CanvasRenderingContext2D, map: LoungeMap): void;
}

const wood = ["#8a5a3b", "#7f5236", "#94623f", "#86573a"];

export function kind(map: LoungeMap, tx: number, ty: number): TileKind | undefined {
  return map.kindAt(tx, ty);
}

export const blocking = (k: TileKind | undefined) => k === "wall" || k === "window" || k === undefined;

export function paintFloor(ctx: CanvasRenderingContext2D, tx: number, ty: number, planks: readonly string[] = wood): void {
  const x = tx * T, y = ty * T;
  // Four planks per tile row, joints staggered from row to row.
  for (let i = 0; i < 4; i++) {
    const py = y + i * 8;
    const offset = Math.floor(hash(ty, i) * 4) * 8;
    for (let px = x - offset; px < x + T; px += 32) {
      const seg = Math.floor((px + 1000) / 32);
      const c = planks[Math.floor(hash(seg, ty * 4 + i) * planks.length)];
      const sx = Math.max(px, x), ex = Math.min(px + 32, x + T);
      rect(ctx, sx, py, ex - sx, 8, c);
      ctx.fillStyle = "rgba(255, 220, 170, 0.07)";
      ctx.fillRect(sx, py, ex - sx, 1);
      ctx.fillStyle = "rgba(40, 18, 8, 0.35)";
      ctx.fillRect(sx, py + 7.5, ex - sx, 0.5);
      if (px >= x) ctx.fillRect(px, py, 0.6, 8);
      // A grain streak.
      ctx.fillStyle = "rgba(60, 30, 12, 0.18)";
      ctx.fillRect(sx + hash(seg, i, 3) * 18, py + 3 + hash(seg, i) * 2, 8 + hash(i, seg) * 10, 0.6);
    }
  }
}

/** Walls seen from above (sides and bottom): a dark cap with a lit inner edge. */
function paintWallTop(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  rect(ctx, x, y, T, T, "#2b1d2c");
  ctx.fillStyle = "rgba(255,255,255,0.04)";
  for (let i = 0; i < 4; i++) ctx.fillRect(x, y + i * 8 + 3, T, 1);
  ctx.fillStyle = "#4a3248";
  if (!blocking(kind(map, tx + 1, ty))) ctx.fillRect(x + T - 3, y, 3, T);
  if (!blocking(kind(map, tx - 1, ty))) ctx.fillRect(x, y, 3, T);
  if (!blocking(kind(map, tx, ty - 1)) && kind(map, tx, ty - 1) !== "door") ctx.fillRect(x, y, T, 3);
}

/** The top wall's face: plum wallpaper with a subtle damask stripe, a dado rail and a skirting board. */
function paintWallFace(ctx: CanvasRenderingContext2D, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  verticalGradient(ctx, x, y, T, T, "#3f1f33", "#5e2d45");
  ctx.fillStyle = "rgba(255, 200, 160, 0.07)";
  for (let i = 0; i < 4; i++) ctx.fillRect(x + i * 8 + 3, y + 4, 2, 18);
  for (let i = 0; i < 2; i++) {
    ctx.beginPath();
    ctx.ellipse(x + 8 + i * 16, y + 12, 2.2, 3.4, 0, 0, Math.PI * 2);
    ctx.fillStyle = "rgba(240, 190, 140, 0.12)";
    ctx.fill();
  }
  rect(ctx, x, y, T, 3, "#2a1620");
  rect(ctx, x, y + 22, T, 2, "#a0693f");
  rect(ctx, x, y + 24, T, 5, "#6d3c2c");
  rect(ctx, x, y + 29, T, 3, "#3a1e18");
}

/** A night window in the top wall: city skyline, stars and a moon, wooden frame. */
function paintWindow(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  const left = kind(map, tx - 1, ty) !== "window", right = kind(map, tx + 1, ty) !== "window";
  const gx = x + (left ? 5 : 0), gw = T - (left ? 5 : 0) - (right ? 5 : 0);
  const sky = ctx.createLinearGradient(0, y + 3, 0, y + 24);
  sky.addColorStop(0, "#141d3d");
  sky.addColorStop(1, "#3b3f78");
  ctx.fillStyle = sky;
  ctx.fillRect(gx, y + 3, gw, 20);
  for (let i = 0; i < 3; i++) circle(ctx, gx + hash(tx, i) * gw, y + 5 + hash(i, tx) * 8, 0.6, "rgba(255,255,240,0.9)");
  if (hash(tx, 99) > 0.7) { circle(ctx, gx + gw / 2, y + 9, 3.2, "#fff3c4"); circle(ctx, gx + gw / 2 + 1.4, y + 8.2, 2.8, "#202a52"); }
  // Skyline with lit windows.
  for (let bx = gx; bx < gx + gw; bx += 5) {
    const h = 4 + hash(tx, bx) * 9;
    rect(ctx, bx, y + 23 - h, 4.4, h, "#151326");
    if (hash(bx, tx) > 0.45) rect(ctx, bx + 1.2, y + 23 - h + 2, 1, 1, "#ffd37a");
    if (hash(tx, bx, 2) > 0.55) rect(ctx, bx + 2.6, y + 23 - h / 2, 1, 1, "#ffb45a");
  }
  // Frame and mullions.
  ctx.strokeStyle = "#d8b48a";
  ctx.lineWidth = 2;
  ctx.strokeRect(gx + 1, y + 3, gw - 2, 20);
  rect(ctx, gx, y + 12, gw, 1.5, "#d8b48a");
  if (right) rect(ctx, gx + gw - 1, y + 3, 2, 20, "#d8b48a");
  rect(ctx, gx - (left ? 2 : 0), y + 22, gw + (left ? 2 : 0) + (right ? 2 : 0), 3, "#e6c49b");
  // Curtains at the ends of the window.
  ctx.fillStyle = "#a3313f";
  if (left) { ctx.beginPath(); ctx.moveTo(x + 1, y + 1); ctx.lineTo(x + 8, y + 1); ctx.quadraticCurveTo(x + 4, y + 14, x + 7, y + 27); ctx.lineTo(x + 1, y + 27); ctx.fill(); }
  if (right) { ctx.beginPath(); ctx.moveTo(x + T - 1, y + 1); ctx.lineTo(x + T - 8, y + 1); ctx.quadraticCurveTo(x + T - 4, y + 14, x + T - 7, y + 27); ctx.lineTo(x + T - 1, y + 27); ctx.fill(); }
}

/** Whether a tile lies under a rug: rugs continue under the furniture standing on them. */
export function underRug(map: LoungeMap, tx: number, ty: number): boolean {
  const k = kind(map, tx, ty);
  if (k === "rug") return true;
  if (k === "floor" || k === "wall" || k === "window" || k === "door" || k === "dancefloor" || k === undefined) return false;
  let rugs = 0;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if ((dx || dy) && kind(map, tx + dx, ty + dy) === "rug") rugs++;
  return rugs >= 3;
}

function paintRug(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  rect(ctx, x, y, T, T, "#8e2f3b");
  // Repeating medallion pattern.
  ctx.fillStyle = "rgba(240, 200, 150, 0.22)";
  ctx.beginPath();
  ctx.moveTo(x + 16, y + 5); ctx.lineTo(x + 27, y + 16); ctx.lineTo(x + 16, y + 27); ctx.lineTo(x + 5, y + 16); ctx.closePath();
  ctx.fill();
  ctx.fillStyle = "rgba(90, 20, 35, 0.6)";
  ctx.beginPath();
  ctx.moveTo(x + 16, y + 10); ctx.lineTo(x + 22, y + 16); ctx.lineTo(x + 16, y + 22); ctx.lineTo(x + 10, y + 16); ctx.closePath();
  ctx.fill();
  circle(ctx, x + 16, y + 16, 2, "rgba(250, 190, 110, 0.55)");
  for (const [cx, cy] of [[x, y], [x + T, y], [x, y + T], [x + T, y + T]]) circle(ctx, cx, cy, 3, "rgba(230, 150, 80, 0.3)");
  // Border toward bare floor.
  const edge = (dx: number, dy: number) => !underRug(map, tx + dx, ty + dy);
  const band = (bx: number, by: number, bw: number, bh: number) => { rect(ctx, bx, by, bw, bh, "#e9c894"); };
  if (edge(0, -1)) { band(x, y, T, 4); rect(ctx, x, y + 4, T, 1.5, "#c0643a"); }
  if (edge(0, 1)) { band(x, y + T - 4, T, 4); rect(ctx, x, y + T - 5.5, T, 1.5, "#c0643a"); }
  if (edge(-1, 0)) { band(x, y, 4, T); rect(ctx, x + 4, y, 1.5, T, "#c0643a"); }
  if (edge(1, 0)) { band(x + T - 4, y, 4, T); rect(ctx, x + T - 5.5, y, 1.5, T, "#c0643a"); }
  // Fringe on the short ends.
  ctx.fillStyle = "#f3dfbd";
  if (edge(-1, 0)) for (let i = 2; i < T; i += 3) ctx.fillRect(x - 2, y + i, 2, 1);
  if (edge(1, 0)) for (let i = 2; i < T; i += 3) ctx.fillRect(x + T, y + i, 2, 1);
}

function paintDancefloor(ctx: CanvasRenderingContext2D, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
    const dark = (tx * 2 + i + ty * 2 + j) % 2 === 0;
    rounded(ctx, x + i * 16 + 0.75, y + j * 16 + 0.75, 14.5, 14.5, 2, dark ? "#221832" : "#2d2042");
    ctx.fillStyle = "rgba(255,255,255,0.06)";
    ctx.fillRect(x + i * 16 + 2, y + j * 16 + 2, 11, 1.2);
  }
}

function paintDoor(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number, planks: readonly string[]): void {
  const x = tx * T, y = ty * T;
  paintFloor(ctx, tx, ty, planks);
  if (kind(map, tx, ty + 1) === undefined || blocking(kind(map, tx, ty + 1))) {
    // The opening in the wall: light spilling in from the hallway.
    verticalGradient(ctx, x, y, T, T, "rgba(255, 214, 150, 0.0)", "rgba(255, 214, 150, 0.35)");
    rect(ctx, x, y + T - 3, T, 3, "#c99a62");
  } else {
    // Doormat.
    const left = kind(map, tx - 1, ty) !== "door", right = kind(map, tx + 1, ty) !== "door";
    rounded(ctx, x + (left ? 3 : 0), y + 6, T - (left ? 3 : 0) - (right ? 3 : 0), 20, left || right ? 3 : 0, "#5b3a2a");
    ctx.fillStyle = "#7a5236";
    for (let i = 0; i < 5; i++) ctx.fillRect(x + (left ? 3 : 0), y + 8 + i * 4, T - (left ? 3 : 0) - (right ? 3 : 0), 1.5);
  }
}

function awayFrom(map: LoungeMap, tx: number, ty: number, target: TileKind): { dx: number; dy: number } {
  for (const [dx, dy] of [[0, 1], [0, -1], [1, 0], [-1, 0]]) if (kind(map, tx + dx, ty + dy) === target) return { dx: -dx, dy: -dy };
  return { dx: 0, dy: -1 };
}

/** A wooden chair at a card table, its back away from the table. */
function paintChair(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void {
  const x = tx * T + 16, y = ty * T + 16;
  const { dx, dy } = awayFrom(map, tx, ty, "card-table");
  oval(ctx, x, y + 5, 10, 5, "rgba(20,8,16,0.28)");
  rounded(ctx, x - 9, y - 8, 18, 16, 4, "#9b6a43", "#5b3722");
  rounded(ctx, x - 6, y - 5, 12, 10, 3, "#b8844f");
  ctx.fillStyle = "#5b3722";
  if (dy !== 0) ctx.fillRect(x - 10, y + dy * 9 - 2, 20, 4);
  else ctx.fillRect(x + dx * 9 - 2, y - 10, 4, 20);
}

/** A round red bar stool. */
function paintStool(ctx: CanvasRenderingContext2D, tx: number, ty: number): void {
  const x = tx * T + 16, y = ty * T + 16;
  oval(ctx, x, y + 6, 9, 4, "rgba(20,8,16,0.3)");
  circle(ctx, x, y, 9, "#c7c2bf");
  circle(ctx, x, y - 1, 8, "#b1393b");
  oval(ctx, x - 2, y - 4, 4, 2, "rgba(255,200,190,0.45)");
}

/** Wood floors, plum wallpaper and night windows. */
export const indoorTheme: GroundTheme = {
  planks: wood,
  wallFace: (ctx, map, tx, ty) => {
    paintWallFace(ctx, tx, ty);
    if (kind(map, tx, ty) === "window") paintWindow(ctx, map, tx, ty);
  },
  wallTop: paintWallTop,
};

/** Paints the whole ground layer of `map`: every tile, with furniture tiles showing what is under them. */
export function paintGround(ctx: CanvasRenderingContext2D, map: LoungeMap, theme: GroundTheme = indoorTheme): void {
  for (let ty = 0; ty < map.height; ty++) {
    for (let tx = 0; tx < map.width; tx++) {
      const k = kind(map, tx, ty);
      if (k === "wall" || k === "window") {
        if (ty === 0) theme.wallFace(ctx, map, tx, ty); else theme.wallTop(ctx, map, tx, ty);
      } else if (k === "dancefloor") paintDancefloor(ctx, tx, ty);
      else if (k === "door") paintDoor(ctx, map, tx, ty, theme.planks);
      else if (underRug(map, tx, ty)) paintRug(ctx, map, tx, ty);
      else paintFloor(ctx, tx, ty, theme.planks);
      if (k === "chair") paintChair(ctx, map, tx, ty);
      if (k === "stool") paintStool(ctx, tx, ty);
    }
  }
  // Soft shade along the foot of the top wall and the inner sides of walls.
  for (let ty = 1; ty < map.height; ty++) for (let tx = 0; tx < map.width; tx++) {
    if (blocking(kind(map, tx, ty))) continue;
    const x = tx * T, y = ty * T;
    if (blocking(kind(map, tx, ty - 1))) {
      const g = ctx.createLinearGradient(0, y, 0, y + 12);
      g.addColorStop(0, "rgba(25, 8, 20, 0.45)");
      g.addColorStop(1, "rgba(25, 8, 20, 0)");
      ctx.fillStyle = g;
      ctx.fillRect(x, y, T, 12);
    }
    for (const dx of [-1, 1]) {
      if (!blocking(kind(map, tx + dx, ty))) continue;
      const ex = dx < 0 ? x : x + T;
      const g = ctx.createLinearGradient(ex, 0, ex - dx * 8, 0);
      g.addColorStop(0, "rgba(25, 8, 20, 0.35)");
      g.addColorStop(1, "rgba(25, 8, 20, 0)");
      ctx.fillStyle = g;
      ctx.fillRect(dx < 0 ? x : x + T - 8, y, 8, T);
    }
  }
  theme.extras?.(ctx, map);
}

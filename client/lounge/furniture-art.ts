// Furniture that stands up from the floor, each piece drawn on its own canvas so avatars can walk
// behind it: sofas, tables, plants, lamps, shelves, the DJ booth, the bar, arcade machines and the
// fireplace. A piece covers `w` × `h` tiles and rises `lift` pixels above its top edge.
import { hash, mix, rect, rounded, circle, oval, floorShadow } from "./paint.ts";

const T = 32;

export type FurnitureKind = "sofa" | "coffee-table" | "card-table" | "plant" | "lamp" | "bookshelf" | "dj-booth" | "bar" | "arcade" | "fireplace";

export interface Piece {
  kind: FurnitureKind;
  /** Tile rectangle. */
  tx: number; ty: number; w: number; h: number;
  /** Which way a seat faces (sofas); which sides a bar tile continues to. */
  facing?: "up" | "down" | "left" | "right";
  joins?: { up: boolean; down: boolean; left: boolean; right: boolean };
  seed: number;
}

/** How far above its tile rectangle each kind is drawn. */
export const lift: Record<FurnitureKind, number> = {
  sofa: 12, "coffee-table": 4, "card-table": 4, plant: 26, lamp: 34, bookshelf: 30, "dj-booth": 16, bar: 10, arcade: 26, fireplace: 28,
};

const sofaColors = ["#2f7074", "#c98b35", "#a8483a", "#6a4a8c"];

function sofa(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - p.h * T; // y of the tile rectangle's top
  const c = sofaColors[p.seed % sofaColors.length];
  const dark = mix(c, "#1a0e14", 0.35), light = mix(c, "#ffffff", 0.18);
  floorShadow(ctx, 3, H - 12, W - 6, 10);
  const vertical = p.facing === "left" || p.facing === "right";
  if (!vertical) {
    const backOnTop = p.facing !== "up";
    const by = backOnTop ? top - 10 : H - 14;
    // Base and seat cushions.
    rounded(ctx, 2, top + 4, W - 4, T - 6, 6, dark);
    const seats = p.w;
    for (let i = 0; i < seats; i++) rounded(ctx, 6 + (i * (W - 12)) / seats, top + (backOnTop ? 10 : 4), (W - 12) / seats - 1.5, 14, 4, c, dark);
    // Backrest.
    rounded(ctx, 2, by, W - 4, 14, 6, backOnTop ? c : dark, dark);
    rect(ctx, 6, by + (backOnTop ? 3 : 9), W - 12, 1.5, light);
    // Armrests.
    rounded(ctx, 0, top - (backOnTop ? 4 : -2), 7, T - 2, 4, dark);
    rounded(ctx, W - 7, top - (backOnTop ? 4 : -2), 7, T - 2, 4, dark);
    // A throw pillow.
    if (p.w > 1) rounded(ctx, 8, top + (backOnTop ? 4 : 14), 9, 8, 3, "#f1d7a8");
  } else {
    const backLeft = p.facing === "right";
    rounded(ctx, 3, top - 6, W - 6, H - (top - 6) - 2, 6, dark);
    rounded(ctx, backLeft ? 12 : 5, top - 2, W - 17, H - top - 6, 4, c, dark);
    rounded(ctx, backLeft ? 2 : W - 12, top - 10, 10, H - top + 6, 5, c, dark);
  }
}

function coffeeTable(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - p.h * T;
  floorShadow(ctx, 4, H - 10, W - 8, 8);
  if (p.w === 1 && p.h === 1) {
    // A round side table with a little lamp.
    oval(ctx, 16, top + 22, 11, 6, "#4a2a1c");
    oval(ctx, 16, top + 18, 12, 8, "#8c5a36");
    oval(ctx, 16, top + 17, 10, 6, "#a8714a");
    circle(ctx, 16, top + 13, 2.5, "#3d2a22");
    ctx.beginPath();
    ctx.moveTo(10, top + 8); ctx.lineTo(22, top + 8); ctx.lineTo(19, top); ctx.lineTo(13, top); ctx.closePath();
    ctx.fillStyle = "#ffd58a";
    ctx.fill();
    return;
  }
  rounded(ctx, 6, top + 8, W - 12, H - top - 12, 6, "#4a2a1c");
  rounded(ctx, 5, top + 3, W - 10, H - top - 12, 6, "#8c5a36");
  rounded(ctx, 8, top + 5, W - 16, H - top - 17, 5, "#a06a43");
  ctx.fillStyle = "rgba(255, 230, 190, 0.18)";
  ctx.fillRect(12, top + 7, W - 24, 2);
  // What lies on it: mugs, a board game, books, a candle.
  const cx = W / 2;
  rounded(ctx, cx - 14, top + 14, 28, 18, 2, "#ece0c4", "#7a5a3a");
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if ((i + j) % 2 === 0) rect(ctx, cx - 12 + i * 8, top + 16 + j * 5, 8, 5, "#b8574a");
  circle(ctx, cx - 4, top + 20, 2, "#2f2f3a");
  circle(ctx, cx + 5, top + 26, 2, "#f4f0e8");
  for (const [mx, my, mc] of [[16, top + 12, "#e0e6ee"], [W - 18, top + 28, "#e8b04a"]] as const) {
    circle(ctx, mx, my, 4.2, mc);
    circle(ctx, mx, my, 2.8, "#4a2a1a");
  }
  rounded(ctx, W - 26, top + 9, 14, 9, 1.5, "#3e6c8c");
  rect(ctx, W - 26, top + 15, 14, 1.5, "#f1e7d0");
  circle(ctx, 18, top + 32, 3.2, "#f4ead8");
  circle(ctx, 18, top + 29.5, 1.6, "#ffcf5c");
}

function cardTable(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - p.h * T;
  floorShadow(ctx, 2, H - 12, W - 4, 10);
  oval(ctx, W / 2, top + 19, W / 2 - 1, 13, "#5a3420");
  oval(ctx, W / 2, top + 16, W / 2 - 1, 13, "#8a5432");
  oval(ctx, W / 2, top + 16, W / 2 - 5, 10, "#1f6b4a");
  oval(ctx, W / 2, top + 14, W / 2 - 10, 5, "rgba(255,255,255,0.06)");
  const cards: [number, number, number][] = [[-14, -2, -0.3], [-7, 2, 0.2], [8, -3, 0.4], [14, 3, -0.2], [0, 0, 0.1]];
  for (const [dx, dy, r] of cards) {
    ctx.save();
    ctx.translate(W / 2 + dx, top + 16 + dy);
    ctx.rotate(r);
    rounded(ctx, -3, -4.5, 6, 9, 1, "#fbf7ee", "#a49a88", 0.5);
    circle(ctx, 0, 0, 1.4, hash(dx, dy) > 0.5 ? "#c8313b" : "#2b2b33");
    ctx.restore();
  }
  for (let i = 0; i < 4; i++) circle(ctx, W / 2 + 20 - i * 2.5, top + 21 - i, 2.2, ["#e34b4b", "#3a7be0", "#f2c23c", "#eee"][i]);
}

function plant(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - T;
  floorShadow(ctx, 6, H - 9, W - 12, 7);
  // Pot.
  ctx.beginPath();
  ctx.moveTo(8, top + 16); ctx.lineTo(24, top + 16); ctx.lineTo(21, top + 29); ctx.lineTo(11, top + 29); ctx.closePath();
  ctx.fillStyle = "#c06a3e";
  ctx.fill();
  rect(ctx, 7, top + 14, 18, 4, "#d98452");
  rect(ctx, 9, top + 14, 14, 1.5, "#5a3320");
  // Fronds.
  const greens = ["#2f7a45", "#3f9456", "#4fa862", "#2a6b3d"];
  const n = 9;
  for (let i = 0; i < n; i++) {
    const a = -Math.PI / 2 + (i - (n - 1) / 2) * 0.32 + (hash(p.seed, i) - 0.5) * 0.25;
    const len = 16 + hash(i, p.seed) * 12;
    const ex = 16 + Math.cos(a) * len, ey = top + 15 + Math.sin(a) * len;
    ctx.save();
    ctx.translate((16 + ex) / 2, (top + 15 + ey) / 2);
    ctx.rotate(a);
    oval(ctx, 0, 0, len / 2, 4.2, greens[i % greens.length]);
    ctx.strokeStyle = "rgba(20, 60, 30, 0.6)";
    ctx.lineWidth = 0.6;
    ctx.beginPath(); ctx.moveTo(-len / 2, 0); ctx.lineTo(len / 2, 0); ctx.stroke();
    ctx.restore();
  }
}

function lamp(ctx: CanvasRenderingContext2D, _p: Piece, _W: number, H: number): void {
  const top = H - T;
  floorShadow(ctx, 8, H - 9, 16, 6);
  oval(ctx, 16, top + 26, 7, 3, "#2c2024");
  rect(ctx, 15, top - 14, 2, 40, "#b08a5a");
  ctx.beginPath();
  ctx.moveTo(6, top - 10); ctx.lineTo(26, top - 10); ctx.lineTo(22, top - 30); ctx.lineTo(10, top - 30); ctx.closePath();
  const g = ctx.createLinearGradient(0, top - 30, 0, top - 10);
  g.addColorStop(0, "#ffe2a8");
  g.addColorStop(1, "#f3b560");
  ctx.fillStyle = g;
  ctx.fill();
  rect(ctx, 6, top - 11, 20, 1.5, "#c7843e");
}

function bookshelf(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - T - 26;
  rounded(ctx, 1, top, W - 2, H - top - 1, 2, "#4b2c1d");
  rect(ctx, 3, top + 2, W - 6, H - top - 5, "#2c190f");
  const shelves = 4;
  const sh = (H - top - 6) / shelves;
  const spines = ["#b5493b", "#3c6e8f", "#d7a443", "#5b8a4e", "#8e5b9c", "#e0d2b0", "#c76a3b"];
  for (let s = 0; s < shelves; s++) {
    const y = top + 3 + s * sh;
    let x = 5;
    let i = 0;
    while (x < W - 7) {
      const bw = 2.5 + hash(p.seed, s, i) * 3;
      const bh = sh - 3 - hash(i, s, p.seed) * 4;
      if (hash(s, i, 7) > 0.9) { // a little plant or trinket
        circle(ctx, x + 3, y + sh - 5, 3, "#4fa862");
        rect(ctx, x + 1, y + sh - 4, 4, 3, "#c06a3e");
        x += 8;
      } else {
        rect(ctx, x, y + sh - 1 - bh, bw, bh, spines[Math.floor(hash(i, s, p.seed, 2) * spines.length)]);
        rect(ctx, x, y + sh - bh + 1, bw, 0.8, "rgba(255,240,200,0.35)");
        x += bw + 0.5;
      }
      i++;
    }
    rect(ctx, 3, y + sh - 1, W - 6, 2, "#6b4128");
  }
}

function djBooth(ctx: CanvasRenderingContext2D, _p: Piece, W: number, H: number): void {
  const top = H - T;
  floorShadow(ctx, 2, H - 10, W - 4, 8);
  // Speakers at both ends.
  for (const sx of [0, W - 14]) {
    rounded(ctx, sx, top - 14, 14, T + 12, 2, "#1b1820");
    circle(ctx, sx + 7, top - 4, 4.5, "#3a3442");
    circle(ctx, sx + 7, top - 4, 2, "#17141c");
    circle(ctx, sx + 7, top + 10, 5.5, "#3a3442");
    circle(ctx, sx + 7, top + 10, 2.4, "#17141c");
  }
  // Desk top and front with a neon strip.
  rounded(ctx, 14, top - 6, W - 28, 20, 2, "#2f2a38");
  rect(ctx, 14, top + 14, W - 28, T - 16, "#231f2b");
  rect(ctx, 16, top + 20, W - 32, 2.5, "#ff4fb0");
  rect(ctx, 16, top + 24, W - 32, 1.5, "#41e3ff");
  // Turntables and mixer.
  for (const tx of [34, W - 34]) {
    rounded(ctx, tx - 13, top - 5, 26, 18, 2, "#4a4356");
    circle(ctx, tx - 2, top + 4, 7.5, "#111015");
    circle(ctx, tx - 2, top + 4, 2.6, "#e94f64");
    rect(ctx, tx + 7, top - 2, 1.5, 10, "#c9c4d2");
  }
  rounded(ctx, W / 2 - 12, top - 4, 24, 16, 2, "#3b3546");
  for (let i = 0; i < 5; i++) {
    rect(ctx, W / 2 - 9 + i * 4.5, top - 1, 1.5, 8, "#8d86a0");
    circle(ctx, W / 2 - 8.3 + i * 4.5, top + 1 + hash(i) * 5, 1.4, ["#41e3ff", "#ff4fb0", "#ffd84f", "#7dff8a", "#41e3ff"][i]);
  }
}

function bar(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - T;
  const j = p.joins ?? { up: false, down: false, left: false, right: false };
  const l = j.left ? 0 : 2, r = j.right ? W : W - 2;
  // Front panel (visible below the counter when nothing continues downward).
  if (!j.down) {
    rect(ctx, l, top + 14, r - l, T - 14, "#4a2416");
    for (let x = l + 4; x < r; x += 8) rect(ctx, x, top + 17, 1, T - 20, "#5e3020");
    rect(ctx, l, H - 3, r - l, 3, "#2b140c");
  }
  // Counter top: polished wood with a brass edge.
  const ct = j.up ? top : top - 8;
  const cb = j.down ? H : top + 15;
  rect(ctx, l, ct, r - l, cb - ct, "#7b4226");
  ctx.fillStyle = "rgba(255, 220, 170, 0.18)";
  ctx.fillRect(l + 2, ct + 2, r - l - 4, 2);
  if (!j.down) rect(ctx, l, cb - 2, r - l, 2, "#d6a650");
  if (!j.left) rect(ctx, l, ct, 2, cb - ct, "#5e3020");
  if (!j.right) rect(ctx, r - 2, ct, 2, cb - ct, "#5e3020");
  // Glasses and bottles.
  const k = hash(p.tx, p.ty, p.seed);
  if (k > 0.55) {
    for (let i = 0; i < 2; i++) {
      const bx = 8 + i * 9 + k * 4, by = ct + 4;
      rounded(ctx, bx, by, 5, 10, 1.5, ["#3f8f5a", "#b3543a", "#e0b04a"][Math.floor(k * 10 + i) % 3]);
      rect(ctx, bx + 1.5, by - 3, 2, 4, "#2a2a2a");
    }
  } else if (k > 0.25) {
    circle(ctx, 12 + k * 10, ct + 8, 3.4, "rgba(220, 240, 255, 0.65)");
    circle(ctx, 12 + k * 10, ct + 8, 2, "#e9a23b");
  }
}

const arcadeColors = ["#5a3fa0", "#2f6fb0", "#b0365f"];

function arcade(ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number): void {
  const top = H - T;
  const c = arcadeColors[p.seed % arcadeColors.length];
  floorShadow(ctx, 3, H - 10, W - 6, 8);
  rounded(ctx, 3, top - 24, W - 6, T + 22, 3, c);
  rect(ctx, 3, top - 24, W - 6, 7, mix(c, "#000000", 0.35));
  rect(ctx, 6, top - 22, W - 12, 3, "#ffe066");
  rounded(ctx, 6, top - 14, W - 12, 16, 2, "#0f1624");
  rect(ctx, 9, top - 11, W - 18, 10, hash(p.seed) > 0.5 ? "#1fd1a1" : "#ff6ad5");
  rect(ctx, 11, top - 8, 4, 3, "#0f1624");
  rect(ctx, 18, top - 6, 3, 3, "#fff6b0");
  rect(ctx, 4, top + 3, W - 8, 9, mix(c, "#000000", 0.2));
  circle(ctx, 11, top + 7, 2.2, "#1a1a1a");
  rect(ctx, 10.4, top + 3, 1.2, 4, "#1a1a1a");
  circle(ctx, 19, top + 7, 1.8, "#ff4d4d");
  circle(ctx, 24, top + 7, 1.8, "#4dd2ff");
}

function fireplace(ctx: CanvasRenderingContext2D, _p: Piece, W: number, H: number): void {
  const top = H - T;
  // Stone surround, mantel and hearth.
  rounded(ctx, 1, top - 26, W - 2, T + 24, 3, "#6f655f");
  for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) {
    const x = 2 + c * 10.5 + (r % 2) * 5, y = top - 24 + r * 8.5;
    if (x > W - 6) continue;
    rounded(ctx, x, y, 9.5, 7.5, 2, hash(r, c) > 0.5 ? "#857a72" : "#7a6f68");
  }
  rect(ctx, 0, top - 28, W, 5, "#5b3320");
  rect(ctx, 0, top - 28, W, 1.5, "#8a5634");
  // Firebox.
  ctx.beginPath();
  ctx.moveTo(12, top + 24); ctx.lineTo(12, top - 6); ctx.quadraticCurveTo(W / 2, top - 20, W - 12, top - 6); ctx.lineTo(W - 12, top + 24); ctx.closePath();
  ctx.fillStyle = "#1a0f0c";
  ctx.fill();
  // Logs and flames.
  rounded(ctx, 18, top + 17, W - 36, 5, 2, "#5a3520");
  rounded(ctx, 22, top + 14, W - 44, 5, 2, "#6b4026");
  const flame = (x: number, h: number, w: number, color: string) => {
    ctx.beginPath();
    ctx.moveTo(x - w, top + 17);
    ctx.quadraticCurveTo(x - w, top + 17 - h * 0.6, x, top + 17 - h);
    ctx.quadraticCurveTo(x + w, top + 17 - h * 0.6, x + w, top + 17);
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
  };
  flame(W / 2 - 8, 16, 6, "#e8521f");
  flame(W / 2 + 7, 19, 7, "#f0702a");
  flame(W / 2, 22, 7, "#f79a2e");
  flame(W / 2, 13, 4, "#ffd65c");
  rect(ctx, 6, top + 24, W - 12, 6, "#57504b");
  // Something on the mantel.
  rounded(ctx, 8, top - 36, 5, 8, 1, "#f4ead8");
  circle(ctx, 10.5, top - 37, 1.5, "#ffcf5c");
  rounded(ctx, W - 20, top - 37, 10, 9, 1, "#c98b35");
}

const painters: Record<FurnitureKind, (ctx: CanvasRenderingContext2D, p: Piece, W: number, H: number) => void> = {
  sofa, "coffee-table": coffeeTable, "card-table": cardTable, plant, lamp, bookshelf, "dj-booth": djBooth, bar, arcade, fireplace,
};

/** Paints `piece` on a canvas context sized (w·32) × (h·32 + lift), in world pixels. */
export function paintPiece(ctx: CanvasRenderingContext2D, piece: Piece): { width: number; height: number } {
  const width = piece.w * T, height = piece.h * T + lift[piece.kind];
  painters[piece.kind](ctx, piece, width, height);
  return { width, height };
}

// The open-air look of the Rooftop map: weathered deck boards, a brick parapet with the city
// skyline behind it, and strings of warm bulbs along the edge.
import type { LoungeMap } from "../../shared/maps/index.ts";
import { blocking, kind, type GroundTheme } from "./floor-art.ts";
import type { Light } from "./paint.ts";
import { hash, rect, circle, verticalGradient } from "./paint.ts";

const T = 32;
const deck = ["#7d6a5c", "#736152", "#86725f", "#6d5c4f"];

/** The back edge: night sky and skyline above a low brick parapet. */
function skyline(ctx: CanvasRenderingContext2D, _map: LoungeMap, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  verticalGradient(ctx, x, y, T, T, "#10142e", "#3a2f5c");
  for (let i = 0; i < 3; i++) circle(ctx, x + hash(tx, i, 5) * T, y + 2 + hash(i, tx, 5) * 9, 0.6, "rgba(255,255,240,0.9)");
  if (tx === 5) { circle(ctx, x + 14, y + 8, 4, "#fff3c4"); circle(ctx, x + 16, y + 7, 3.4, "#151a3a"); }
  // Distant buildings with lit windows.
  for (let bx = x; bx < x + T; bx += 6) {
    const h = 6 + hash(bx, 17) * 12;
    rect(ctx, bx, y + 22 - h, 5.5, h, hash(bx, 3) > 0.5 ? "#1a1733" : "#221d3d");
    for (let wy = y + 24 - h; wy < y + 20; wy += 3) if (hash(bx, wy) > 0.6) rect(ctx, bx + 1 + hash(wy, bx) * 3, wy, 1, 1.2, "#ffcf6e");
  }
  // The parapet: a brick course and a stone cap.
  for (let i = 0; i < 4; i++) rect(ctx, x + i * 8 + ((ty + i) % 2) * 0.5, y + 22, 7.5, 4, hash(tx, i) > 0.5 ? "#8a4a3a" : "#7b4234");
  rect(ctx, x, y + 26, T, 4, "#6b3a2f");
  rect(ctx, x, y + 20, T, 2.5, "#b9a58c");
  rect(ctx, x, y + 30, T, 2, "#3c231d");
}

/** Parapet seen from above: brick with a pale stone cap on the inner edge. */
function parapet(ctx: CanvasRenderingContext2D, map: LoungeMap, tx: number, ty: number): void {
  const x = tx * T, y = ty * T;
  rect(ctx, x, y, T, T, "#1a1630");
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
    rect(ctx, x + c * 8 + (r % 2) * 4 - 2, y + r * 8 + 1, 7, 6.5, hash(tx * 4 + c, ty * 4 + r) > 0.5 ? "#6e3a30" : "#63342c");
  }
  ctx.fillStyle = "#b9a58c";
  if (!blocking(kind(map, tx + 1, ty))) ctx.fillRect(x + T - 4, y, 4, T);
  if (!blocking(kind(map, tx - 1, ty))) ctx.fillRect(x, y, 4, T);
  if (!blocking(kind(map, tx, ty - 1)) && kind(map, tx, ty - 1) !== "door") ctx.fillRect(x, y, T, 4);
}

/** Points along the string lights: a gentle sag between posts along the back parapet. */
function bulbs(map: LoungeMap): { x: number; y: number; color: string }[] {
  const out: { x: number; y: number; color: string }[] = [];
  const colors = ["#ffd98a", "#ffb45c", "#ffe9b8", "#ff9f7a"];
  const span = 4 * T;
  for (let x = T; x < map.pixelWidth - T; x += 12) {
    const k = ((x - T) % span) / span;
    out.push({ x, y: T + 4 + Math.sin(k * Math.PI) * 10, color: colors[Math.floor(x / 12) % colors.length] });
  }
  return out;
}

function stringLights(ctx: CanvasRenderingContext2D, map: LoungeMap): void {
  const points = bulbs(map);
  ctx.strokeStyle = "rgba(30, 20, 20, 0.8)";
  ctx.lineWidth = 0.8;
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y - 2) : ctx.lineTo(p.x, p.y - 2)));
  ctx.stroke();
  for (const p of points) {
    circle(ctx, p.x, p.y, 2.2, p.color);
    circle(ctx, p.x - 0.6, p.y - 0.6, 0.8, "#ffffff");
  }
}

export const rooftopTheme: GroundTheme = { planks: deck, wallFace: skyline, wallTop: parapet, extras: stringLights };

/** The string lights' glow, as steady lights. */
export function rooftopLights(map: LoungeMap): Light[] {
  return bulbs(map).filter((_, i) => i % 4 === 0).map((b) => ({ x: b.x, y: b.y + 6, radius: 56, color: b.color, strength: 0.22 }));
}

// The eight avatars, drawn with the 2D canvas API: a round little critter per avatar id, facing
// one of four ways, standing or mid-step. Used for the lounge's textures and the start page's
// avatar picker alike. Drawn in a 32 × 40 box (feet at y = 36) scaled by `scale`.
import type { AvatarId } from "../../shared/avatars.ts";
import type { Facing } from "../../shared/movement.ts";

export const AVATAR_BOX = { width: 32, height: 40, feetY: 36 } as const;

export interface AvatarLook {
  label: string;
  body: string;
  shade: string;
  belly: string;
  ear: "point" | "round" | "tuft" | "none" | "antenna" | "bump";
  earInner?: string;
  extra?: "tail-fox" | "tail-cat" | "patches" | "stripes" | "wings" | "screen" | "wavy";
}

export const avatarLooks: Record<AvatarId, AvatarLook> = {
  fox: { label: "Fox", body: "#e9803d", shade: "#c4622a", belly: "#fff3e2", ear: "point", earInner: "#4a2a22", extra: "tail-fox" },
  cat: { label: "Cat", body: "#a4a9bd", shade: "#7f859c", belly: "#eef0f6", ear: "point", earInner: "#f2a7b4", extra: "stripes" },
  bear: { label: "Bear", body: "#a0704a", shade: "#7d5535", belly: "#e2bf94", ear: "round", earInner: "#e2bf94" },
  frog: { label: "Frog", body: "#72c15e", shade: "#529a42", belly: "#e4f5c8", ear: "bump" },
  panda: { label: "Panda", body: "#f4f2ee", shade: "#d3d0ca", belly: "#ffffff", ear: "round", earInner: "#2b2b33", extra: "patches" },
  owl: { label: "Owl", body: "#a98259", shade: "#835f3c", belly: "#ecd7b3", ear: "tuft", extra: "wings" },
  robot: { label: "Robot", body: "#9fb9c9", shade: "#728fa3", belly: "#d9e6ee", ear: "antenna", extra: "screen" },
  ghost: { label: "Ghost", body: "#eef0ff", shade: "#c9cdf0", belly: "#ffffff", ear: "none", extra: "wavy" },
};

const ink = "#2a1f2e";

function ellipse(ctx: CanvasRenderingContext2D, x: number, y: number, rx: number, ry: number, fill: string): void {
  ctx.beginPath();
  ctx.ellipse(x, y, rx, ry, 0, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
}

function triangle(ctx: CanvasRenderingContext2D, pts: [number, number][], fill: string): void {
  ctx.beginPath();
  ctx.moveTo(pts[0][0], pts[0][1]);
  for (const [x, y] of pts.slice(1)) ctx.lineTo(x, y);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
}

/**
 * Draws one avatar frame with its feet centre at (x, y) on `ctx`, in avatar units × `scale`.
 * `step` is -1, 0 or 1: which foot is forward.
 */
export function drawAvatar(ctx: CanvasRenderingContext2D, id: AvatarId, facing: Facing, step: number, x: number, y: number, scale: number): void {
  const look = avatarLooks[id];
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(scale, scale);
  ctx.lineJoin = "round";
  const side = facing === "left" ? -1 : facing === "right" ? 1 : 0;
  const back = facing === "up";
  const ghost = look.extra === "wavy";
  const bob = step === 0 ? 0 : -1;
  const cy = -13 + bob; // body centre

  // Tail behind the body (seen from the back or side).
  if (look.extra === "tail-fox" || look.extra === "tail-cat") {
    const tx = side !== 0 ? -side * 10 : 0;
    const ty = back ? -6 : -5;
    if (back || side !== 0) {
      ctx.save();
      ctx.translate(tx, ty + bob);
      ctx.rotate(side !== 0 ? -side * 0.6 : 0);
      if (look.extra === "tail-fox") {
        ellipse(ctx, 0, -4, 4.5, 8, look.body);
        ellipse(ctx, 0, -10, 3, 3.5, look.belly);
      } else {
        ellipse(ctx, 0, -6, 2.2, 8, look.shade);
      }
      ctx.restore();
    }
  }

  // Feet.
  if (!ghost) {
    const f1 = step === 1 ? -2 : 0, f2 = step === -1 ? -2 : 0;
    if (side === 0) {
      ellipse(ctx, -5, -2 + f1, 3.6, 2.6, look.shade);
      ellipse(ctx, 5, -2 + f2, 3.6, 2.6, look.shade);
    } else {
      ellipse(ctx, -3 + side * f1, -2, 3.6, 2.4, look.shade);
      ellipse(ctx, 3 - side * f2, -2, 3.6, 2.4, look.shade);
    }
  }

  // Ears / head things behind the body outline.
  const earY = cy - 11;
  if (look.ear === "point") {
    for (const s of side === 0 ? [-1, 1] : [side * -0.4, side * 1]) {
      const ex = s * 7.5;
      triangle(ctx, [[ex - 5, earY + 4], [ex + s * 1.5, earY - 8], [ex + 5, earY + 4]], look.body);
      if (!back) triangle(ctx, [[ex - 2.6, earY + 3], [ex + s * 1.2, earY - 4.5], [ex + 2.6, earY + 3]], look.earInner ?? look.shade);
    }
  } else if (look.ear === "round") {
    for (const s of side === 0 ? [-1, 1] : [side * -0.3, side]) {
      ellipse(ctx, s * 8.5, earY + 1, 4.6, 4.6, look.extra === "patches" ? ink : look.body);
      if (!back && look.extra !== "patches") ellipse(ctx, s * 8.5, earY + 1.5, 2.4, 2.4, look.earInner ?? look.shade);
    }
  } else if (look.ear === "tuft") {
    for (const s of [-1, 1]) triangle(ctx, [[s * 4, earY + 3], [s * 10, earY - 5], [s * 11, earY + 5]], look.shade);
  } else if (look.ear === "antenna") {
    ctx.strokeStyle = "#5d7585";
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    ctx.moveTo(0, earY + 2);
    ctx.lineTo(0, earY - 5);
    ctx.stroke();
    ellipse(ctx, 0, earY - 6, 2.3, 2.3, "#ff5d6c");
    ellipse(ctx, -0.6, earY - 6.6, 0.8, 0.8, "#ffd6da");
  }

  // Body: one soft blob, the head and body together.
  ctx.beginPath();
  if (ghost) {
    ctx.moveTo(-11, cy + 2);
    ctx.bezierCurveTo(-11, cy - 16, 11, cy - 16, 11, cy + 2);
    ctx.lineTo(11, cy + 11);
    for (let i = 0; i < 4; i++) {
      const x0 = 11 - i * 5.5;
      ctx.quadraticCurveTo(x0 - 1.4, cy + (i % 2 === 0 ? 15 : 12) + (step === 0 ? 0 : step), x0 - 5.5, cy + 11);
    }
    ctx.closePath();
  } else if (look.extra === "screen") {
    ctx.roundRect(-11, cy - 12, 22, 24, 6);
  } else {
    ctx.ellipse(0, cy, 11.5, 12.5, 0, 0, Math.PI * 2);
  }
  const grad = ctx.createLinearGradient(-10, cy - 12, 10, cy + 12);
  grad.addColorStop(0, look.body);
  grad.addColorStop(1, look.shade);
  ctx.fillStyle = grad;
  ctx.globalAlpha = ghost ? 0.92 : 1;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = "rgba(42,31,46,0.55)";
  ctx.lineWidth = 1.1;
  ctx.stroke();

  // Arms.
  if (!ghost && side === 0) {
    const armColor = look.extra === "patches" ? ink : look.extra === "wings" ? look.shade : look.body;
    ellipse(ctx, -11, cy + 4, 2.8, 4.2, armColor);
    ellipse(ctx, 11, cy + 4, 2.8, 4.2, armColor);
  } else if (!ghost) {
    const armColor = look.extra === "patches" ? ink : look.shade;
    ellipse(ctx, -side * 1.5, cy + 4 + (step === 0 ? 0 : step), 2.8, 4.2, armColor);
  }

  if (back) {
    // The back: a lighter patch, stripes or patches, no face.
    if (look.extra === "stripes") {
      ctx.strokeStyle = look.shade;
      ctx.lineWidth = 1.6;
      for (const dy of [-7, -3, 1]) { ctx.beginPath(); ctx.moveTo(-5, cy + dy); ctx.quadraticCurveTo(0, cy + dy + 2, 5, cy + dy); ctx.stroke(); }
    } else if (look.extra === "screen") {
      ctx.fillStyle = "#7d98aa";
      ctx.fillRect(-6, cy - 4, 12, 8);
      ellipse(ctx, -3, cy, 1, 1, "#c8f7ff");
      ellipse(ctx, 0, cy, 1, 1, "#c8f7ff");
      ellipse(ctx, 3, cy, 1, 1, "#c8f7ff");
    }
    ctx.restore();
    return;
  }

  // Belly / face patch.
  const fx = side * 4; // face shifts toward where it looks
  if (look.extra === "screen") {
    ctx.fillStyle = "#213847";
    ctx.beginPath();
    ctx.roundRect(-8 + fx * 0.7, cy - 8, 16, 11, 3);
    ctx.fill();
  } else if (!ghost) {
    ellipse(ctx, fx * 0.5, cy + 4, 7.5, 7, look.belly);
  }
  if (look.extra === "stripes") {
    ctx.strokeStyle = look.shade;
    ctx.lineWidth = 1.4;
    for (const s of [-1, 1]) { ctx.beginPath(); ctx.moveTo(s * 10.5, cy - 4); ctx.lineTo(s * 7.5, cy - 3); ctx.stroke(); }
  }
  if (look.extra === "wings") {
    for (const s of [-1, 1]) {
      if (side === -s) continue;
      ellipse(ctx, s * 9.5, cy + 3, 3, 6.5, look.shade);
    }
  }

  // Eyes.
  const eyeY = cy - 3;
  const eyes: number[] = side === 0 ? [-4.5, 4.5] : [fx - 1.5 * side, fx + 4 * side];
  for (const ex of eyes) {
    if (look.extra === "patches") ellipse(ctx, ex, eyeY + 0.3, 3.2, 3.8, ink);
    if (look.ear === "tuft") {
      ellipse(ctx, ex, eyeY, 4.2, 4.2, "#fff7e8");
      ellipse(ctx, ex + side * 0.8, eyeY, 2.4, 2.4, "#f0a020");
      ellipse(ctx, ex + side * 0.8, eyeY, 1.3, 1.3, ink);
    } else if (look.ear === "bump") {
      ellipse(ctx, ex, eyeY - 8, 3.6, 3.6, look.body);
      ellipse(ctx, ex, eyeY - 8, 2.5, 2.5, "#fffbe8");
      ellipse(ctx, ex + side * 0.6, eyeY - 8, 1.4, 1.6, ink);
    } else if (look.extra === "screen") {
      ellipse(ctx, ex * 0.8 + fx * 0.3, eyeY - 0.5, 1.8, 2.2, "#6ff3ff");
    } else {
      ellipse(ctx, ex, eyeY, 1.7, 2.1, look.extra === "patches" ? "#ffffff" : ink);
      ellipse(ctx, ex + 0.5, eyeY - 0.8, 0.6, 0.6, "#ffffff");
    }
  }

  // Snout / beak / mouth.
  if (look.ear === "tuft") {
    triangle(ctx, [[fx - 2, eyeY + 3], [fx + 2, eyeY + 3], [fx + side, eyeY + 6.5]], "#f0a020");
  } else if (look.extra === "screen") {
    ctx.strokeStyle = "#6ff3ff";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(fx * 0.6 - 3, cy);
    ctx.quadraticCurveTo(fx * 0.6, cy + 2, fx * 0.6 + 3, cy);
    ctx.stroke();
  } else {
    if (look.ear === "point" || look.ear === "round") ellipse(ctx, fx * 1.1, eyeY + 3.6, 1.6, 1.2, ink);
    ctx.strokeStyle = ink;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const mx = fx * 1.1, my = eyeY + (look.ear === "bump" ? 3.5 : 5.2);
    const w = look.ear === "bump" ? 4.5 : 2;
    ctx.moveTo(mx - w, my);
    ctx.quadraticCurveTo(mx, my + (look.ear === "bump" ? 2.5 : 1.6), mx + w, my);
    ctx.stroke();
  }
  // Cheeks.
  if (side === 0 && look.extra !== "screen") {
    ctx.globalAlpha = 0.5;
    ellipse(ctx, -7.5, eyeY + 4, 2, 1.3, "#ff8fa3");
    ellipse(ctx, 7.5, eyeY + 4, 2, 1.3, "#ff8fa3");
    ctx.globalAlpha = 1;
  }
  ctx.restore();
}

/** A canvas with one avatar, e.g. for the avatar picker. */
export function avatarCanvas(id: AvatarId, facing: Facing = "down", cssSize = 56): HTMLCanvasElement {
  const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
  const canvas = document.createElement("canvas");
  const scale = (cssSize / AVATAR_BOX.height) * dpr;
  canvas.width = Math.round(AVATAR_BOX.width * scale);
  canvas.height = Math.round(AVATAR_BOX.height * scale);
  canvas.style.width = `${Math.round(AVATAR_BOX.width * (cssSize / AVATAR_BOX.height))}px`;
  canvas.style.height = `${cssSize}px`;
  const ctx = canvas.getContext("2d");
  if (ctx) drawAvatar(ctx, id, facing, 0, canvas.width / 2, AVATAR_BOX.feetY * scale, scale);
  return canvas;
}

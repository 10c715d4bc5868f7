// Arrow keys and WASD → the direction held, as `avatar:walk` wants it. Keys are physical
// (`KeyboardEvent.code`), so WASD sits in the same place on every layout. Pure.

const directions: Record<string, { dx: number; dy: number }> = {
  ArrowUp: { dx: 0, dy: -1 }, KeyW: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 }, KeyS: { dx: 0, dy: 1 },
  ArrowLeft: { dx: -1, dy: 0 }, KeyA: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 }, KeyD: { dx: 1, dy: 0 },
};

export function isWalkKey(code: string): boolean {
  return Object.hasOwn(directions, code);
}

export class HeldKeys {
  private readonly held = new Set<string>();

  /** Returns true when the held direction changed. */
  press(code: string): boolean {
    if (!isWalkKey(code) || this.held.has(code)) return false;
    const before = this.direction();
    this.held.add(code);
    return !sameDirection(before, this.direction());
  }

  /** Returns true when the held direction changed. */
  release(code: string): boolean {
    const before = this.direction();
    if (!this.held.delete(code)) return false;
    return !sameDirection(before, this.direction());
  }

  /** Everything let go (the window lost focus, the chat took the keyboard); true if that stops a walk. */
  clear(): boolean {
    const before = this.direction();
    this.held.clear();
    return !sameDirection(before, this.direction());
  }

  /** Opposite keys cancel out; each component is -1, 0 or 1. */
  direction(): { dx: number; dy: number } {
    let dx = 0, dy = 0;
    for (const code of this.held) { dx += directions[code].dx; dy += directions[code].dy; }
    return { dx: Math.sign(dx), dy: Math.sign(dy) };
  }
}

export function sameDirection(a: { dx: number; dy: number }, b: { dx: number; dy: number }): boolean {
  return a.dx === b.dx && a.dy === b.dy;
}

// The lounge's overlays (top bar, bottom sheets, emote bar) cover parts of the world: measure how
// much of each screen edge they hide, so the camera keeps your avatar in the part you can see.

export interface Insets { top: number; right: number; bottom: number; left: number }

/** Tells the scene which screen edges the top bar and bottom sheets cover, whenever they change. */
export function keepClearOfOverlays(scene: { setInsets(i: Insets): void }, stage: HTMLElement, topbar: HTMLElement, bottoms: HTMLElement[]): () => void {
  const measure = () => {
    const s = stage.getBoundingClientRect();
    const covers = (r: DOMRect) => r.width > 0 && r.height > 0 && r.left < s.right - 1 && r.right > s.left + 1 && r.top < s.bottom && r.bottom > s.top;
    const t = topbar.getBoundingClientRect();
    let bottom = 0;
    for (const b of bottoms) {
      const r = b.getBoundingClientRect();
      // A bottom overlay is one whose middle is in the lower half: a tall one (the card table's
      // panel on a phone) reaches above the middle and still covers the bottom.
      if (covers(r) && (r.top + r.bottom) / 2 > s.top + s.height / 2) bottom = Math.max(bottom, s.bottom - r.top);
    }
    scene.setInsets({ top: covers(t) ? t.bottom - s.top : 0, right: 0, bottom, left: 0 });
  };
  const observer = new ResizeObserver(measure);
  for (const e of [stage, topbar, ...bottoms]) observer.observe(e);
  measure();
  return () => observer.disconnect();
}


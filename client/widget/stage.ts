// The widget's Pixi scene: the lounge's map (the full lounge's own procedural art, as textures),
// everyone's avatar drawn where the interpolation says, a camera that follows you, and click or
// tap to walk. Pixi's Canvas 2D renderer alone is imported: no WebGL/WebGPU code to download.
import { CanvasRenderer, Container, Sprite, Texture } from "pixi.js";
import type { LoungeMap } from "../../shared/maps/index.ts";
import type { Palette } from "../../shared/embed/theme.ts";
import { paintGroundArt, paintProp, type GroundArt } from "../lounge/map-art.ts";
import { MotionTimeline, RenderClock } from "../lounge/interpolation.ts";
import type { Motion } from "../../shared/movement.ts";
import { AvatarView } from "./avatar-view.ts";

// Pixi refuses to start where CSP forbids eval (ours does) unless told the renderer needs none:
// the Canvas 2D renderer generates no shader code, so its check is switched off, as the hook's
// documentation (and pixi.js/unsafe-eval, which would bring the WebGL systems) does.
Object.assign(CanvasRenderer.prototype, { _unsafeEvalCheck() { /* no generated code on Canvas 2D */ } });

export interface StagePerson { sessionId: string; name: string; avatar: string; motion: Motion }

interface Drawn { view: AvatarView; timeline: MotionTimeline; drawn: { x: number; y: number } }

export class WidgetStage {
  private readonly world = new Container();
  private readonly people = new Map<string, Drawn>();
  private zoom = 1;
  private camera = { x: 0, y: 0 };
  private raf = 0;
  /** The server time avatars are drawn at (they walk legs in server time). */
  private readonly renderClock: RenderClock;
  selfId = "";

  private constructor(private readonly renderer: CanvasRenderer, private readonly host: HTMLElement, private readonly map: LoungeMap, private palette: Palette,
    private readonly reducedMotion: boolean, private readonly onWalk: (x: number, y: number) => void, serverNow: () => number) {
    this.renderClock = new RenderClock(serverNow);
    performance.mark("widget-paint-start");
    // The ground first (floor, walls, steady light): enough to walk and chat on. The furniture is
    // painted afterwards a few pieces at a time while the page is idle, so painting it (as long as
    // the ground again) does not hold up the join's messages or the first frames.
    const art = paintGroundArt(map, Math.min(2, window.devicePixelRatio || 1));
    performance.mark("widget-painted");
    const ground = new Sprite(Texture.from(art.ground));
    ground.width = map.pixelWidth;
    ground.height = map.pixelHeight;
    this.world.addChild(ground);
    this.furnish(art);
    this.world.sortableChildren = true;
    ground.zIndex = -1;
    const canvas = renderer.canvas;
    canvas.setAttribute("aria-label", "The lounge: click or tap a spot to walk there");
    canvas.addEventListener("pointerdown", (e) => {
      const box = canvas.getBoundingClientRect();
      const x = (e.clientX - box.left - this.world.x) / this.zoom;
      const y = (e.clientY - box.top - this.world.y) / this.zoom;
      if (x >= 0 && y >= 0 && x < map.pixelWidth && y < map.pixelHeight) this.onWalk(Math.round(x), Math.round(y));
    });
    host.append(canvas);
    new ResizeObserver(() => this.resize()).observe(host);
    this.resize();
    const frame = () => { this.draw(); this.raf = requestAnimationFrame(frame); };
    this.raf = requestAnimationFrame(frame);
  }

  /** `serverNow`: the server's clock as the page estimates it. */
  static async create(host: HTMLElement, map: LoungeMap, palette: Palette, reducedMotion: boolean, onWalk: (x: number, y: number) => void, serverNow: () => number): Promise<WidgetStage> {
    performance.mark("widget-pixi-start");
    const renderer = new CanvasRenderer();
    // skipExtensionImports: the scene needs no Pixi events, accessibility or filters (DOM pointer events do).
    await renderer.init({ width: Math.max(1, host.clientWidth), height: Math.max(1, host.clientHeight), background: palette.background,
      resolution: Math.min(2, window.devicePixelRatio || 1), autoDensity: true, antialias: true, skipExtensionImports: true });
    performance.mark("widget-pixi-ready");
    return new WidgetStage(renderer, host, map, palette, reducedMotion, onWalk, serverNow);
  }

  /** Paints the furniture piece by piece in the page's idle time (or between frames where it has none) and adds each as it is done. */
  private furnish(art: GroundArt): void {
    const scratch = document.createElement("canvas");
    const pieces = [...art.pieces];
    this.furniture = { painted: 0, total: pieces.length };
    const idle: (run: (deadline: { timeRemaining(): number }) => void) => void = typeof requestIdleCallback === "function"
      ? (run) => requestIdleCallback(run, { timeout: 200 })
      : (run) => setTimeout(() => { const end = performance.now() + 12; run({ timeRemaining: () => end - performance.now() }); }, 0);
    const slice = (deadline: { timeRemaining(): number }) => {
      if (this.destroyed) return;
      // At least one piece per slice, so a busy page still gets its furniture.
      do {
        const piece = pieces.shift();
        if (!piece) break;
        const prop = paintProp(art, piece, scratch);
        const s = new Sprite(Texture.from(prop.canvas));
        s.position.set(prop.x, prop.bottom - prop.height);
        s.width = prop.width;
        s.height = prop.height;
        s.zIndex = prop.bottom;
        this.world.addChild(s);
        this.furniture.painted++;
      } while (deadline.timeRemaining() > 4);
      if (pieces.length > 0) idle(slice);
      else performance.mark("widget-furnished");
    };
    idle(slice);
  }

  /** Pieces of furniture in the scene so far, of the map's. */
  furniture = { painted: 0, total: 0 };
  private destroyed = false;

  private resize(): void {
    const w = Math.max(1, this.host.clientWidth), h = Math.max(1, this.host.clientHeight);
    this.renderer.resize(w, h);
    // About 14 tiles across, never smaller than the whole map's height fitting in.
    this.zoom = Math.min(1.2, Math.max(w / (14 * this.map.def.tileSize), h / this.map.pixelHeight));
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.renderer.background.color = palette.background;
    for (const p of this.people.values()) p.view.setPalette(palette);
  }

  upsert(p: StagePerson): void {
    const known = this.people.get(p.sessionId);
    if (!known) {
      const view = new AvatarView(p.avatar, p.name, this.palette, p.sessionId === this.selfId);
      this.world.addChild(view.root);
      this.people.set(p.sessionId, { view, timeline: new MotionTimeline(p.motion), drawn: { x: p.motion.x, y: p.motion.y } });
      return;
    }
    known.view.setName(p.name);
    known.view.setLook(p.avatar, undefined);
    if (known.timeline.push(p.motion)) this.renderClock.observe(p.motion.startedAt);
  }

  remove(sessionId: string): void {
    this.people.get(sessionId)?.view.destroy();
    this.people.delete(sessionId);
  }

  say(sessionId: string, text: string): void {
    this.people.get(sessionId)?.view.say(text, performance.now());
  }

  private draw(): void {
    const now = performance.now();
    const at = this.renderClock.now();
    for (const p of this.people.values()) {
      // Reduced motion: people still move, but are shown where they are going rather than walked there.
      const leg = p.timeline.latest();
      const pose = this.reducedMotion ? { ...(leg.moving ? { x: leg.toX, y: leg.toY } : { x: leg.x, y: leg.y }), facing: undefined } : p.timeline.at(at);
      p.drawn = { x: pose.x, y: pose.y };
      p.view.face(pose.facing);
      p.view.place(pose.x, pose.y, this.zoom, now);
      p.view.root.zIndex = pose.y + 0.5;
    }
    this.follow();
    this.renderer.render(this.world);
  }

  private follow(): void {
    const me = this.people.get(this.selfId)?.drawn ?? { x: this.map.pixelWidth / 2, y: this.map.pixelHeight / 2 };
    const w = this.renderer.width, h = this.renderer.height;
    const clamp = (v: number, size: number, view: number) => (size * this.zoom <= view ? (view - size * this.zoom) / 2 : Math.min(0, Math.max(view - size * this.zoom, v)));
    const tx = clamp(w / 2 - me.x * this.zoom, this.map.pixelWidth, w);
    const ty = clamp(h / 2 - me.y * this.zoom, this.map.pixelHeight, h);
    const k = this.reducedMotion ? 1 : 0.15;
    this.camera = { x: this.camera.x + (tx - this.camera.x) * k, y: this.camera.y + (ty - this.camera.y) * k };
    this.world.scale.set(this.zoom);
    this.world.position.set(Math.round(this.camera.x), Math.round(this.camera.y));
  }

  /** For tests: where an avatar is drawn (world px), its bubble, and how many are drawn. */
  drawnOf(sessionId: string): { x: number; y: number; bubble: string | undefined } | undefined {
    const p = this.people.get(sessionId);
    return p && { ...p.drawn, bubble: p.view.bubbleTextNow };
  }
  get count(): number { return this.people.size; }
  /** The colour the canvas is cleared with, #rrggbb. */
  get background(): string { return this.renderer.background.color.toHex(); }

  /** Where world point (x, y) is on the page, to click it as a person would. */
  pagePoint(x: number, y: number): { x: number; y: number } {
    const box = this.renderer.canvas.getBoundingClientRect();
    return { x: box.left + this.world.x + x * this.zoom, y: box.top + this.world.y + y * this.zoom };
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    this.renderer.destroy();
  }
}

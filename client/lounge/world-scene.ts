// The lounge as a Phaser scene: the painted map, furniture sorted in depth with the avatars, warm
// lights, the dance floor's glow, every avatar with its name, and a camera that follows you.
// It only draws what it is told and reports taps; it never talks to the server itself.
import Phaser from "phaser";
import type { LoungeMap } from "../../shared/maps/index.ts";
import type { Emote } from "../../shared/avatars.ts";
import { paintMap, paintGlow, type Light } from "./map-art.ts";
import { AvatarSprite, type PlayerLook } from "./avatar-sprite.ts";
import { RenderClock } from "./interpolation.ts";
import { artCanvas } from "./paint.ts";

export interface WorldSceneOptions {
  map: LoungeMap;
  /** Device pixels per CSS pixel the game renders at. */
  dpr: number;
  /** Someone tapped or clicked the map at world position (x, y). */
  onTap(x: number, y: number): void;
  /** The server's clock as this page estimates it (ms since the epoch): avatars walk in server time. */
  serverNow(): number;
}

const ART_RES = 2;
const LIGHT_RES = 0.5;
const danceColors = [0xff4fb0, 0x41e3ff, 0xffd84f, 0x7dff8a, 0xa66bff];
/**
 * Frames per second while nothing moves: enough for the fire and the dance floor, and far kinder
 * to batteries (and to software renderers) than redrawing a still room sixty times a second.
 */
const CALM_FPS = 12;

export class WorldScene extends Phaser.Scene {
  private readonly avatars = new Map<string, AvatarSprite>();
  private selfId = "";
  private readonly pending: (() => void)[] = [];
  private created = false;
  private danceGlow: Phaser.GameObjects.Graphics | undefined;
  private marker: Phaser.GameObjects.Arc | undefined;
  private busyUntil = 0;
  private fpsLimit = -1;
  private lastScroll = { x: NaN, y: NaN };
  /** Screen edges (CSS px) covered by the page's overlays: the camera keeps you clear of them. */
  private insets = { top: 0, right: 0, bottom: 0, left: 0 };

  /** The server time avatars are drawn at: a little in the past, so legs arrive before they are due. */
  private readonly renderClock: RenderClock;

  constructor(private readonly opts: WorldSceneOptions) {
    super({ key: "world" });
    this.renderClock = new RenderClock(() => opts.serverNow());
  }

  /** Text is rasterised at the zoom it is shown at, so names stay sharp. */
  private get textRes(): number {
    return Math.max(2, Math.ceil(this.cameraZoom() * this.opts.dpr));
  }

  create(): void {
    const { map } = this.opts;
    const art = paintMap(map, ART_RES);
    this.textures.addCanvas("map:ground", art.ground);
    this.add.image(0, 0, "map:ground").setOrigin(0, 0).setScale(1 / ART_RES).setDepth(-10);
    art.props.forEach((p, i) => {
      const key = `map:prop:${i}`;
      this.textures.addCanvas(key, p.canvas);
      this.add.image(p.x, p.bottom, key).setOrigin(0, 1).setScale(1 / ART_RES).setDepth(p.bottom);
    });
    this.addLights(art.lights);
    this.addDanceFloor();

    const cam = this.cameras.main;
    cam.setBackgroundColor("#1b1220");
    this.fitCamera();
    cam.centerOn(map.pixelWidth / 2, map.pixelHeight / 2);
    this.scale.on(Phaser.Scale.Events.RESIZE, () => this.fitCamera());

    this.input.on(Phaser.Input.Events.POINTER_UP, (pointer: Phaser.Input.Pointer) => {
      // A tap, not the end of a drag or a pinch.
      if (pointer.getDistance() > 12) return;
      const p = cam.getWorldPoint(pointer.x, pointer.y);
      if (p.x < 0 || p.y < 0 || p.x >= map.pixelWidth || p.y >= map.pixelHeight) return;
      this.showMarker(p.x, p.y);
      this.opts.onTap(p.x, p.y);
    });
    this.created = true;
    for (const run of this.pending.splice(0)) run();
  }

  /** Runs `fn` once the scene exists (calls may come before Phaser has booted). */
  private whenCreated(fn: () => void): void {
    if (this.created) fn(); else this.pending.push(fn);
  }

  private cameraZoom(): number {
    const { width, height } = this.scale.gameSize;
    const cssW = width / this.opts.dpr, cssH = height / this.opts.dpr;
    // About 15 tiles across a desktop window, 9 across a phone; never so far out the map floats.
    const tiles = cssW < 600 ? 10 : 17;
    const zoom = Math.min(2.6, Math.max(1.1, cssW / (tiles * 32)));
    const minToFill = Math.max(cssW / this.opts.map.pixelWidth, cssH / this.opts.map.pixelHeight);
    return Math.max(zoom, Math.min(minToFill, 2.6));
  }

  private fitCamera(): void {
    const cam = this.cameras.main;
    const zoom = this.cameraZoom();
    cam.setZoom(zoom * this.opts.dpr);
    // Let the map scroll out from under the overlays, and centre you in the part left visible.
    const { top, right, bottom, left } = this.insets;
    const { map } = this.opts;
    cam.setBounds(-left / zoom, -top / zoom, map.pixelWidth + (left + right) / zoom, map.pixelHeight + (top + bottom) / zoom);
    // Phaser centres the camera on (target − offset): a sheet at the bottom needs a negative
    // offset to put you above it.
    cam.setFollowOffset((left - right) / 2 / zoom, (top - bottom) / 2 / zoom);
  }

  /** The page's overlays moved (a sheet opened, the window turned): keep clear of them. */
  setInsets(insets: { top: number; right: number; bottom: number; left: number }): void {
    const same = Object.entries(insets).every(([k, v]) => Math.abs(this.insets[k as keyof typeof insets] - v) < 1);
    if (same) return;
    this.insets = insets;
    this.whenCreated(() => { this.fitCamera(); this.stir(600); });
  }

  /** Flickering lights (fire, candles) glow over everything, avatars included. */
  private addLights(lights: Light[]): void {
    lights.forEach((l, i) => {
      const size = l.radius * 2;
      const { canvas, ctx } = artCanvas(size, size, LIGHT_RES);
      paintGlow(ctx, { ...l, x: l.radius, y: l.radius });
      this.textures.addCanvas(`map:flicker:${i}`, canvas);
      const img = this.add.image(l.x, l.y, `map:flicker:${i}`).setScale(1 / LIGHT_RES).setBlendMode(Phaser.BlendModes.ADD).setDepth(1e6);
      this.tweens.add({ targets: img, alpha: { from: 0.7, to: 1 }, scale: { from: 0.95 / LIGHT_RES, to: 1.05 / LIGHT_RES }, duration: 200 + i * 50, yoyo: true, repeat: -1, ease: "Sine.InOut" });
    });
  }

  /** The dance floor's tiles light up in changing colours. */
  private addDanceFloor(): void {
    const { map } = this.opts;
    const tiles: { x: number; y: number }[] = [];
    for (let ty = 0; ty < map.height; ty++) for (let tx = 0; tx < map.width; tx++) if (map.kindAt(tx, ty) === "dancefloor") tiles.push({ x: tx * 32, y: ty * 32 });
    if (tiles.length === 0) return;
    const g = this.add.graphics().setBlendMode(Phaser.BlendModes.ADD).setDepth(-5);
    this.danceGlow = g;
    let beat = 0;
    const paint = () => {
      g.clear();
      beat++;
      for (const t of tiles) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
        const n = (t.x / 16 + i + t.y / 16 + j + beat) % 7;
        if (n > 3) continue;
        g.fillStyle(danceColors[(Math.floor(t.x / 32) + Math.floor(t.y / 32) + beat) % danceColors.length], 0.16 + n * 0.05);
        g.fillRect(t.x + i * 16 + 1, t.y + j * 16 + 1, 14, 14);
      }
    };
    paint();
    this.time.addEvent({ delay: 420, loop: true, callback: paint });
  }

  private showMarker(x: number, y: number): void {
    this.stir(800);
    this.marker?.destroy();
    const m = this.add.circle(x, y, 7).setStrokeStyle(1.5, 0xffe2a8, 0.9).setDepth(y - 1);
    this.marker = m;
    this.tweens.add({ targets: m, scale: 0.3, alpha: 0, duration: 700, ease: "Quad.In", onComplete: () => m.destroy() });
  }

  override update(): void {
    const now = performance.now();
    const at = this.renderClock.now();
    let moved = false;
    for (const a of this.avatars.values()) if (a.update(at, now)) moved = true;
    const cam = this.cameras.main;
    // The follow lerp creeps ever closer without arriving: count only visible steps.
    if (!(Math.abs(cam.scrollX - this.lastScroll.x) < 0.05 && Math.abs(cam.scrollY - this.lastScroll.y) < 0.05)) {
      moved = true;
      this.lastScroll = { x: cam.scrollX, y: cam.scrollY };
    }
    if (moved) this.stir(400);
    const limit = now < this.busyUntil ? 0 : CALM_FPS;
    if (limit !== this.fpsLimit) {
      this.fpsLimit = limit;
      this.game.loop.setFPSLimit(limit);
    }
  }

  /** Something moves or pops up: draw at the full frame rate for a while. */
  private stir(ms: number): void {
    this.busyUntil = Math.max(this.busyUntil, performance.now() + ms);
    if (this.fpsLimit !== 0 && this.created) {
      this.fpsLimit = 0;
      this.game.loop.setFPSLimit(0);
    }
  }

  // ---- what the page tells the scene ----

  setSelf(sessionId: string): void {
    this.selfId = sessionId;
    this.whenCreated(() => {
      const me = this.avatars.get(sessionId);
      if (me) this.cameras.main.startFollow(me.container, false, 0.12, 0.12);
    });
  }

  upsertPlayer(look: PlayerLook): void {
    this.whenCreated(() => {
      this.stir(300);
      const existing = this.avatars.get(look.sessionId);
      if (existing) {
        existing.apply(look);
        if (existing.timeline.push(look.motion)) this.renderClock.observe(look.motion.startedAt);
        existing.face(look.dir);
        return;
      }
      const sprite = new AvatarSprite(this, look, look.sessionId === this.selfId, this.textRes);
      this.avatars.set(look.sessionId, sprite);
      if (look.sessionId === this.selfId) this.cameras.main.startFollow(sprite.container, false, 0.12, 0.12);
    });
  }

  removePlayer(sessionId: string): void {
    this.whenCreated(() => {
      this.avatars.get(sessionId)?.destroy();
      this.avatars.delete(sessionId);
    });
  }

  clearPlayers(): void {
    this.whenCreated(() => {
      for (const a of this.avatars.values()) a.destroy();
      this.avatars.clear();
    });
  }

  say(sessionId: string, text: string): void {
    this.whenCreated(() => { this.stir(600); this.avatars.get(sessionId)?.say(text); });
  }

  emote(sessionId: string, emote: Emote): void {
    this.whenCreated(() => { this.stir(2000); this.avatars.get(sessionId)?.emote(emote); });
  }

  /** Someone's voice flags (speaking ring, muted mark); undefined when they are not in voice. */
  setVoice(sessionId: string, voice: { speaking: boolean; muted: boolean } | undefined): void {
    this.whenCreated(() => { this.stir(400); this.avatars.get(sessionId)?.setVoice(voice); });
  }

  /** Whether an avatar shows its speaking ring now. */
  speakingShown(sessionId: string): boolean {
    return this.avatars.get(sessionId)?.speakingShown ?? false;
  }

  /** Where an avatar is drawn right now (world px), or undefined when it is not drawn. */
  drawnPosition(sessionId: string): { x: number; y: number } | undefined {
    const a = this.avatars.get(sessionId);
    return a ? { x: a.x, y: a.y } : undefined;
  }

  /** The page (CSS px) coordinates where world point (x, y) is on screen now. */
  pagePointOf(x: number, y: number): { x: number; y: number } {
    const cam = this.cameras.main;
    const box = this.game.canvas.getBoundingClientRect();
    return {
      x: box.left + ((x - cam.worldView.x) * cam.zoom + cam.x) / this.opts.dpr,
      y: box.top + ((y - cam.worldView.y) * cam.zoom + cam.y) / this.opts.dpr,
    };
  }

  drawnCount(): number {
    return this.avatars.size;
  }

  /** The speech bubble and emotes over an avatar now, or undefined when it is not drawn. */
  overhead(sessionId: string): { bubble: string | undefined; emotes: string[] } | undefined {
    return this.avatars.get(sessionId)?.overhead();
  }

  rendererKind(): "webgl" | "canvas" {
    return this.game.renderer.type === Phaser.WEBGL ? "webgl" : "canvas";
  }

  /** The colour drawn at a page point (CSS px) in the next frame, from the renderer itself. */
  pixelAt(pageX: number, pageY: number): Promise<{ r: number; g: number; b: number }> {
    const box = this.game.canvas.getBoundingClientRect();
    const x = Math.round((pageX - box.left) * this.opts.dpr), y = Math.round((pageY - box.top) * this.opts.dpr);
    this.stir(500);
    return new Promise((resolve) => {
      this.game.renderer.snapshotPixel(x, y, (c) => {
        const color = c as Phaser.Display.Color;
        resolve({ r: color.red, g: color.green, b: color.blue });
      });
    });
  }
}

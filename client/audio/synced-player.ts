// Plays the lounge's current track through howler at the room's position. The room says what plays
// and since when (server time); this player estimates where that is now and steers toward it:
// a seek when far off, a small playback-rate nudge when close, so steady state never jumps.
import { Howl, Howler } from "howler";
import { correctDrift, playbackPosition, defaultDriftPolicy, STEER_EVERY_MS, type DriftPolicy, type PlaybackStatus } from "../../shared/clock.ts";

/** The parts of `state.playback` the player reads (the SDK's decoded schema objects fit). */
export interface PlaybackView {
  status: string;
  startedAt: number;
  positionMs: number;
  rate: number;
  current: { entryId: string; url: string; durationMs: number; title: string };
}

export interface PlayerReport {
  entryId: string;
  status: PlaybackStatus;
  /** Where the howler sound is, in ms into the track: what is being handed to the audio output now. */
  audioMs: number | undefined;
  /** What is coming out of the speakers now (ms into the track): audioMs less the output delay. */
  heardMs: number | undefined;
  /** Where the room is now, by this page's estimate of server time. */
  expectedMs: number | undefined;
  serverNow: number | undefined;
  /** Output delay the player compensates for (ms): how far what is heard trails audioMs. */
  latencyMs: number;
  rate: number;
  /** True while the browser blocks sound until the person clicks. */
  locked: boolean;
}

export interface SyncedPlayerOptions {
  serverNow: () => number | undefined;
  policy?: DriftPolicy;
  /** Called when the autoplay lock changes, so the UI can show "click to listen". */
  onLockChange?: (locked: boolean) => void;
  tickMs?: number;
}

export class SyncedPlayer {
  private howl: Howl | undefined;
  private loadedEntry = "";
  private loaded = false;
  private view: PlaybackView | undefined;
  private readonly timer: ReturnType<typeof setInterval>;
  private currentRate = 1;
  private locked = false;
  private volume = 0.8;
  private muted = false;

  constructor(private readonly opts: SyncedPlayerOptions) {
    this.timer = setInterval(() => this.tick(), opts.tickMs ?? STEER_EVERY_MS);
    Howler.autoUnlock = true;
  }

  /** Call whenever the room's playback state changes. */
  update(view: PlaybackView): void {
    this.view = view;
    const entry = view.status === "idle" ? "" : view.current.entryId;
    if (entry !== this.loadedEntry) this.load(entry, view.current.url);
    this.tick();
  }

  private load(entryId: string, url: string): void {
    this.howl?.unload();
    this.howl = undefined;
    this.loaded = false;
    this.loadedEntry = entryId;
    this.currentRate = 1;
    if (!entryId) return;
    const howl = new Howl({ src: [url], html5: false, preload: true, volume: this.volume, mute: this.muted });
    howl.once("load", () => { if (this.howl === howl) { this.loaded = true; this.tick(); } });
    howl.on("playerror", () => this.setLocked(true));
    howl.on("unlock", () => this.setLocked(false));
    this.howl = howl;
  }

  private setLocked(locked: boolean): void {
    if (locked === this.locked) return;
    this.locked = locked;
    this.opts.onLockChange?.(locked);
  }

  /** The person clicked "listen": resume the audio context the browser suspended. */
  async unlock(): Promise<void> {
    await Howler.ctx?.resume();
    this.setLocked(Howler.ctx?.state !== "running");
    this.tick();
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
    this.howl?.volume(this.volume);
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.howl?.mute(muted);
  }

  /**
   * How far what is heard trails the audio clock (ms). The output timestamp says which moment of
   * the audio clock reached the speakers when; without one, the latencies the context declares.
   */
  private latencyMs(): number {
    const ctx = Howler.ctx as (AudioContext & { outputLatency?: number }) | undefined;
    if (!ctx) return 0;
    const out = typeof ctx.getOutputTimestamp === "function" ? ctx.getOutputTimestamp() : undefined;
    if (out?.contextTime !== undefined && out.performanceTime !== undefined && out.performanceTime > 0 && ctx.state === "running") {
      return Math.max(0, (ctx.currentTime - out.contextTime) * 1000 - (performance.now() - out.performanceTime));
    }
    return ((ctx.outputLatency ?? 0) + ctx.baseLatency) * 1000;
  }

  /** Where the room's track is now, by this page's clock estimate. */
  private expected(): { expectedMs: number; serverNow: number } | undefined {
    const view = this.view;
    const serverNow = this.opts.serverNow();
    if (!view || serverNow === undefined || view.status === "idle") return undefined;
    const status = view.status as PlaybackStatus;
    return {
      serverNow,
      expectedMs: playbackPosition({ status, startedAt: view.startedAt, positionMs: view.positionMs, rate: view.rate, durationMs: view.current.durationMs }, serverNow),
    };
  }

  private tick(): void {
    const howl = this.howl;
    const view = this.view;
    if (!howl || !this.loaded || !view) return;
    if (Howler.ctx && Howler.ctx.state !== "running") this.setLocked(true);
    const target = this.expected();
    if (!target) return;
    const ahead = this.latencyMs();
    if (view.status !== "playing" || target.expectedMs >= view.current.durationMs) {
      if (howl.playing()) howl.pause();
      howl.seek(target.expectedMs / 1000);
      return;
    }
    // Aim what is *heard* at the room's position: the sound leaving now plays `ahead` ms later.
    const wanted = target.expectedMs + ahead * view.rate;
    if (!howl.playing()) {
      howl.seek(wanted / 1000);
      howl.rate(view.rate);
      this.currentRate = view.rate;
      howl.play();
      return;
    }
    const actual = (howl.seek() as number) * 1000;
    const fix = correctDrift(wanted, actual, view.rate, this.opts.policy ?? defaultDriftPolicy);
    if (fix.action === "seek") howl.seek(fix.toMs / 1000);
    if (fix.rate !== this.currentRate) {
      howl.rate(fix.rate);
      this.currentRate = fix.rate;
    }
  }

  report(): PlayerReport {
    const target = this.expected();
    const audio = this.howl && this.loaded ? (this.howl.seek() as number) * 1000 : undefined;
    const latencyMs = this.latencyMs();
    const sounding = this.howl?.playing() ?? false;
    return {
      entryId: this.loadedEntry,
      status: (this.view?.status ?? "idle") as PlaybackStatus,
      audioMs: audio,
      heardMs: audio === undefined ? undefined : sounding ? audio - latencyMs * this.currentRate : audio,
      expectedMs: target?.expectedMs,
      serverNow: target?.serverNow,
      latencyMs,
      rate: this.currentRate,
      locked: this.locked,
    };
  }

  dispose(): void {
    clearInterval(this.timer);
    this.howl?.unload();
  }
}

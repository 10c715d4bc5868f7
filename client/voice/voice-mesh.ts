// The voice mesh from one member's side: who to link with (the nearest few, re-chosen as avatars
// walk), the signalling that sets a link up through the room, volumes by distance, mute and
// push-to-talk, and the states the panel shows. Media goes through a VoiceTransport.
//
// Agreeing on a link. Both ends choose their own nearest six, so A may want B while B does not
// (B has six nearer). A link is made only when both want it:
// - the member whose id sorts second (the answerer) says "I want a link" with `{renegotiate: true}`,
//   every few seconds while it wants one and has none;
// - the offerer opens a link (and so offers) when it wants one and the other said so recently;
// - an offer from someone not wanted, or a link no longer wanted, is ended with `{type: "rollback"}`.
// With a link open, the same messages belong to simple-peer's own negotiation and are passed on.
import type { IceServer } from "../../shared/features/voice.ts";
import { Emitter } from "../net/emitter.ts";
import { choosePeers, isOfferer } from "./peer-choice.ts";
import { volumeAt } from "./falloff.ts";
import { LevelMeter } from "./level-meter.ts";
import { MicrophoneError, openMicrophone } from "./microphone.ts";
import { RemoteAudio } from "./remote-audio.ts";
import type { LinkStats, PeerLink, SignalData, VoiceTransport } from "./transport.ts";

/** What the mesh needs of the room (client/net implements it over the lounge connection). */
export interface VoiceRoom {
  selfId(): string;
  /** Everyone in the lounge's voice now, you included. */
  members(): string[];
  positionOf(sessionId: string): { x: number; y: number } | undefined;
  join(): Promise<{ iceServers: IceServer[] }>;
  leave(): void;
  setMuted(muted: boolean): void;
  setSpeaking(speaking: boolean): void;
  signal(to: string, data: SignalData): void;
}

export type VoiceStatus =
  | { kind: "off" }
  | { kind: "starting" }
  | { kind: "on" }
  | { kind: "error"; message: string; problem: string };

export type LinkState = "connecting" | "connected" | "failed";

export interface PeerView { id: string; state: LinkState; volume: number; error?: string }

export interface VoiceMeshEvents {
  /** Status, peers, mute or volumes changed: the panel redraws. */
  change: [];
}

const TICK_MS = 250;
const ASK_EVERY_MS = 1000;
const WANT_FRESH_MS = 3000;
/** A link that has not connected by then is given up as failed. */
const CONNECT_TIMEOUT_MS = 20_000;
/** After a failure, wait this long before trying that person again by ourselves (Retry skips it). */
const RETRY_AFTER_MS = 5000;

interface Link { link: PeerLink; state: LinkState; openedAt: number }

export class VoiceMesh extends Emitter<VoiceMeshEvents> {
  private current: VoiceStatus = { kind: "off" };
  private microphone: MediaStream | undefined;
  private meter: LevelMeter | undefined;
  private audio: RemoteAudio | undefined;
  private iceServers: RTCIceServer[] = [];
  private readonly links = new Map<string, Link>();
  private readonly failures = new Map<string, { at: number; message: string }>();
  /** When each member last said it wants a link with us. */
  private readonly theyWant = new Map<string, number>();
  private readonly askedAt = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private muted = false;
  private pushToTalk = false;
  private talkKeyDown = false;
  private speaking = false;
  private lastSpeakingSent = 0;
  private speakingTimer: ReturnType<typeof setTimeout> | undefined;
  private joinGeneration = 0;

  private transport: VoiceTransport | undefined;

  /** `loadTransport` is called on the first start, so the WebRTC code loads only for voice. */
  constructor(private readonly room: VoiceRoom, private readonly loadTransport: () => Promise<VoiceTransport>) {
    super();
  }

  get status(): VoiceStatus { return this.current; }
  get isMuted(): boolean { return this.muted; }
  get isPushToTalk(): boolean { return this.pushToTalk; }
  /** Whether the microphone goes out now (not muted, and the talk key held under push-to-talk). */
  get transmitting(): boolean { return !this.muted && (!this.pushToTalk || this.talkKeyDown); }
  get audioBlocked(): boolean { return this.audio?.blocked ?? false; }

  private set(status: VoiceStatus): void {
    this.current = status;
    this.emit("change");
  }

  /** Opens the microphone and joins the room's voice. The page explains why before calling it. */
  async start(): Promise<void> {
    if (this.current.kind === "starting" || this.current.kind === "on") return;
    const generation = ++this.joinGeneration;
    this.set({ kind: "starting" });
    try {
      this.microphone ??= await openMicrophone();
      this.transport ??= await this.loadTransport();
      const joined = await this.room.join();
      if (generation !== this.joinGeneration) return;
      this.iceServers = joined.iceServers;
    } catch (err) {
      if (generation !== this.joinGeneration) return;
      this.releaseMicrophone();
      if (err instanceof MicrophoneError) this.set({ kind: "error", problem: err.problem, message: err.message });
      else {
        // The page says what to do; the console keeps why (a refusal, a timeout, a dropped connection).
        console.error("voice: could not join the lounge's voice:", err);
        this.set({ kind: "error", problem: "join", message: "Could not join the lounge's voice. Check your connection and try again." });
      }
      return;
    }
    this.audio ??= new RemoteAudio(() => this.emit("change"));
    this.meter ??= new LevelMeter(this.microphone, (s) => this.onLevel(s));
    if (this.muted) this.room.setMuted(true);
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.set({ kind: "on" });
    this.tick();
  }

  /** Leaves voice: links closed, microphone released. */
  stop(): void {
    this.joinGeneration++;
    if (this.current.kind === "on") this.room.leave();
    this.shutDown();
    this.set({ kind: "off" });
  }

  /** The room connection dropped (voice membership went with it) or a new seat was taken. */
  connectionLost(): void {
    if (this.current.kind !== "on") return;
    this.closeAllLinks();
    clearInterval(this.timer);
    this.timer = undefined;
    this.set({ kind: "starting" });
  }

  /** Connected again: join voice again if we were in it. */
  connectionBack(): void {
    if (this.current.kind !== "starting" || this.timer !== undefined || !this.microphone) return;
    this.current = { kind: "off" };
    void this.start();
  }

  private shutDown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.speakingTimer);
    this.closeAllLinks();
    this.meter?.stop();
    this.meter = undefined;
    this.audio?.destroy();
    this.audio = undefined;
    this.releaseMicrophone();
    this.speaking = false;
  }

  private closeAllLinks(): void {
    for (const id of [...this.links.keys()]) this.closeLink(id);
    this.theyWant.clear();
    this.askedAt.clear();
    this.failures.clear();
  }

  private releaseMicrophone(): void {
    for (const t of this.microphone?.getTracks() ?? []) t.stop();
    this.microphone = undefined;
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    if (this.current.kind === "on") this.room.setMuted(muted);
    this.applySending();
  }

  setPushToTalk(on: boolean): void {
    this.pushToTalk = on;
    this.talkKeyDown = false;
    this.applySending();
  }

  /** The push-to-talk key went down or up. */
  talkKey(down: boolean): void {
    if (down === this.talkKeyDown) return;
    this.talkKeyDown = down;
    if (this.pushToTalk) this.applySending();
  }

  private applySending(): void {
    const on = this.transmitting;
    for (const { link } of this.links.values()) link.setSending(on);
    if (!on) this.reportSpeaking(false);
    this.emit("change");
  }

  /** Try the failed link to `id` again now. */
  retry(id: string): void {
    this.failures.delete(id);
    this.askedAt.delete(id);
    this.emit("change");
    this.tick();
  }

  resumeAudio(): void {
    this.audio?.resume();
    this.emit("change");
  }

  // ---- speaking ----

  private onLevel(speaking: boolean): void {
    this.reportSpeaking(speaking && this.transmitting);
  }

  /** Tells the room, at most a few times a second: the ring follows a moment late, never floods. */
  private reportSpeaking(speaking: boolean): void {
    this.speaking = speaking;
    clearTimeout(this.speakingTimer);
    if (this.current.kind !== "on") return;
    const wait = this.lastSpeakingSent + 300 - Date.now();
    const send = () => { this.lastSpeakingSent = Date.now(); this.room.setSpeaking(this.speaking); };
    if (wait <= 0) send(); else this.speakingTimer = setTimeout(send, wait);
  }

  // ---- choosing and keeping links ----

  private tick(): void {
    if (this.current.kind !== "on") return;
    const selfId = this.room.selfId();
    const me = this.room.positionOf(selfId);
    if (!me) return;
    const now = Date.now();
    const candidates = this.room.members().flatMap((id) => {
      if (id === selfId) return [];
      const p = this.room.positionOf(id);
      return p ? [{ id, x: p.x, y: p.y }] : [];
    });
    const wanted = new Set(choosePeers(me, candidates, new Set(this.links.keys())));
    for (const [id, entry] of this.links) {
      if (!wanted.has(id)) { this.hangUp(id); continue; }
      if (entry.state === "connecting" && now - entry.openedAt > CONNECT_TIMEOUT_MS) this.fail(id, "Could not connect in time.");
    }
    for (const id of wanted) {
      if (this.links.has(id)) continue;
      const failed = this.failures.get(id);
      if (failed && now - failed.at < RETRY_AFTER_MS) continue;
      if (isOfferer(selfId, id)) {
        if (now - (this.theyWant.get(id) ?? -Infinity) < WANT_FRESH_MS) this.open(id, true);
      } else if (now - (this.askedAt.get(id) ?? -Infinity) >= ASK_EVERY_MS) {
        this.askedAt.set(id, now);
        this.room.signal(id, { renegotiate: true });
      }
    }
    // Failures of people no longer wanted, or gone, are old news.
    for (const id of this.failures.keys()) if (!wanted.has(id)) this.failures.delete(id);
    for (const id of this.links.keys()) this.audio?.setVolume(id, this.volumeOf(id));
    this.emit("change");
  }

  private wants(id: string): boolean {
    const selfId = this.room.selfId();
    const me = this.room.positionOf(selfId);
    if (!me || !this.room.members().includes(id)) return false;
    const candidates = this.room.members().flatMap((m) => {
      const p = m === selfId ? undefined : this.room.positionOf(m);
      return p ? [{ id: m, x: p.x, y: p.y }] : [];
    });
    return choosePeers(me, candidates, new Set(this.links.keys())).includes(id);
  }

  private open(id: string, initiator: boolean): Link {
    const { microphone, transport } = this;
    if (!microphone || !transport) throw new Error("voice links need the microphone and a transport");
    this.failures.delete(id);
    const entry: Link = {
      state: "connecting", openedAt: Date.now(),
      link: transport.open({
        remoteId: id, initiator, microphone, iceServers: this.iceServers,
        events: {
          signal: (data) => this.room.signal(id, data),
          stream: (stream) => this.audio?.play(id, stream, this.volumeOf(id)),
          connect: () => { entry.state = "connected"; this.emit("change"); },
          close: (error) => { if (this.links.get(id) === entry) this.fail(id, error?.message ?? "The connection closed."); },
        },
      }),
    };
    this.links.set(id, entry);
    entry.link.setSending(this.transmitting);
    this.emit("change");
    return entry;
  }

  private volumeOf(id: string): number {
    const me = this.room.positionOf(this.room.selfId());
    const p = this.room.positionOf(id);
    return me && p ? volumeAt(Math.hypot(p.x - me.x, p.y - me.y)) : 0;
  }

  private closeLink(id: string): void {
    this.links.get(id)?.link.destroy();
    this.links.delete(id);
    this.audio?.stop(id);
  }

  /** We no longer want this link: close it and tell the other end. */
  private hangUp(id: string): void {
    this.closeLink(id);
    this.room.signal(id, { type: "rollback" });
  }

  private fail(id: string, message: string): void {
    const wasOpen = this.links.has(id);
    this.closeLink(id);
    if (wasOpen) this.room.signal(id, { type: "rollback" });
    this.failures.set(id, { at: Date.now(), message });
    this.emit("change");
  }

  // ---- what the room relays ----

  onSignal(from: string, data: SignalData): void {
    if (this.current.kind !== "on") return;
    const entry = this.links.get(from);
    if (data.type === "rollback") {
      // The other end hung up or declined: close quietly, it may ask again later.
      this.closeLink(from);
      this.theyWant.delete(from);
      this.emit("change");
      return;
    }
    if (!entry) {
      if (data.renegotiate === true) { this.theyWant.set(from, Date.now()); this.tick(); return; }
      if (data.type === "offer" && !isOfferer(this.room.selfId(), from)) {
        if (!this.wants(from)) { this.room.signal(from, { type: "rollback" }); return; }
        this.open(from, false).link.signal(data);
      }
      // Candidates or answers for a link already closed here: nothing to do.
      return;
    }
    // A link still being set up already has its offer on the way: a repeated "I want a link" is
    // not a request to negotiate again.
    if (data.renegotiate === true && entry.state === "connecting") return;
    entry.link.signal(data);
  }

  /** The room says this member left voice or dropped. */
  onGone(id: string): void {
    this.closeLink(id);
    this.theyWant.delete(id);
    this.failures.delete(id);
    this.emit("change");
  }

  // ---- what the panel and tests read ----

  peers(): PeerView[] {
    const out: PeerView[] = [];
    for (const [id, { state }] of this.links) out.push({ id, state, volume: this.volumeOf(id) });
    for (const [id, f] of this.failures) if (!this.links.has(id)) out.push({ id, state: "failed", volume: this.volumeOf(id), error: f.message });
    return out;
  }

  /** Connected peers whose voice reaches you (volume above zero). */
  inEarshot(): number {
    return this.peers().filter((p) => p.state === "connected" && p.volume > 0).length;
  }

  playbackVolume(id: string): number | undefined {
    return this.audio?.volumeOf(id);
  }

  async stats(): Promise<Record<string, LinkStats & { state: LinkState }>> {
    const out: Record<string, LinkStats & { state: LinkState }> = {};
    await Promise.all([...this.links].map(async ([id, { link, state }]) => { out[id] = { ...(await link.stats()), state }; }));
    return out;
  }

  get level(): number { return this.meter?.level ?? 0; }

  destroy(): void {
    this.stop();
    this.clear();
  }
}

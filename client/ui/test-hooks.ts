// A small window.__lounge handle for the browser tests (and curious developers): who you are, the
// connection status, where avatars are drawn, what the music player and the voice mesh are doing,
// and a way to cut the connection as a network would.
import type { LoungeConnection } from "../net/lounge-connection.ts";
import type { WorldScene } from "../lounge/world-scene.ts";
import type { PlayerReport } from "../audio/synced-player.ts";
import type { Listening } from "../audio/listen-together.ts";
import type { VoiceMesh, PeerView } from "../voice/voice-mesh.ts";
import type { LinkStats } from "../voice/transport.ts";
import { positionAt } from "../../shared/movement.ts";

/** What the voice tests read: the mesh's status and links, the room's voice flags, the sound. */
export interface VoiceTestHooks {
  status(): string;
  /** Links held now (connecting, connected) and failed ones. */
  peers(): PeerView[];
  /** Audio bytes per link, from getStats. */
  stats(): Promise<Record<string, LinkStats & { state: string }>>;
  /** The room's voice members with their flags, as this page sees them. */
  members(): { sessionId: string; muted: boolean; speaking: boolean }[];
  /** Whether the avatar shows the speaking ring. */
  speakingShown(sessionId: string): boolean;
  /** The <audio> element's volume for a peer's voice. */
  playbackVolume(sessionId: string): number | undefined;
  /** The microphone's level (RMS, 0…1). */
  level(): number;
}

/** The music player's report, plus how sure the page is of the server's clock. */
export interface MusicReport extends PlayerReport {
  /** Half the best round trip of the clock samples kept (ms): the most the offset can be off. */
  clockUncertaintyMs: number | undefined;
  clockSamples: number;
}

export interface LoungeTestHooks {
  readonly sessionId: string;
  readonly status: string;
  /** Every connection status since the page joined, oldest first (a short-lived "reconnecting" included). */
  statuses(): string[];
  /** Your avatar's position according to the server now (world px), computed from its leg. */
  self(): { x: number; y: number } | undefined;
  /** Where an avatar is drawn now (world px). */
  drawn(sessionId: string): { x: number; y: number } | undefined;
  drawnCount(): number;
  /** The speech bubble's text and the emotes floating over an avatar now. */
  overhead(sessionId: string): { bubble: string | undefined; emotes: string[] } | undefined;
  /** Which Phaser renderer draws the lounge. */
  renderer(): "webgl" | "canvas";
  /** The colour the renderer draws at a page point (CSS px), read back from the next frame. */
  pixel(x: number, y: number): Promise<{ r: number; g: number; b: number }>;
  /** Where world point (x, y) is on the page (CSS px), to click it like a person would. */
  pagePoint(x: number, y: number): { x: number; y: number };
  players(): { sessionId: string; name: string; x: number; y: number; connected: boolean }[];
  /** Asks the room to walk your avatar to a world point, as a click on the floor does. */
  walkTo(x: number, y: number): void;
  /** Drops the socket without a goodbye, as a lost network does. */
  dropConnection(): void;
  /**
   * The music player's position (from the howler sound actually playing) and this page's estimate
   * of the server's clock, read at one instant.
   */
  music(): MusicReport;
  voice: VoiceTestHooks;
}

declare global {
  interface Window { __lounge?: LoungeTestHooks }
}

export function installTestHooks(connection: LoungeConnection, scene: WorldScene, listening: Listening, voice: VoiceMesh, serverNow: () => number): () => void {
  const players = () => [...(connection.state?.players.values() ?? [])];
  const statuses: string[] = [connection.status.kind];
  const offStatus = connection.on("status", (s) => { statuses.push(s.kind); });
  window.__lounge = {
    get sessionId() { return connection.sessionId; },
    get status() { return connection.status.kind; },
    statuses: () => [...statuses],
    self: () => {
      const me = connection.state?.players.get(connection.sessionId);
      return me ? positionAt(me, serverNow()) : undefined;
    },
    drawn: (id) => scene.drawnPosition(id),
    drawnCount: () => scene.drawnCount(),
    overhead: (id) => scene.overhead(id),
    renderer: () => scene.rendererKind(),
    pixel: (x, y) => scene.pixelAt(x, y),
    pagePoint: (x, y) => scene.pagePointOf(x, y),
    players: () => players().map((p) => ({ sessionId: p.sessionId, name: p.name, ...positionAt(p, serverNow()), connected: p.connected })),
    walkTo: (x, y) => { connection.send("avatar:move", { x, y }); },
    dropConnection: () => connection.drop("dropped by a test"),
    music: () => {
      const { estimator } = listening.clock;
      return { ...listening.player.report(), clockUncertaintyMs: estimator.uncertainty, clockSamples: estimator.sampleCount };
    },
    voice: {
      status: () => voice.status.kind,
      peers: () => voice.peers(),
      stats: () => voice.stats(),
      members: () => [...(connection.state?.voice.entries() ?? [])].map(([sessionId, m]) => ({ sessionId, muted: m.muted, speaking: m.speaking })),
      speakingShown: (id) => scene.speakingShown(id),
      playbackVolume: (id) => voice.playbackVolume(id),
      level: () => voice.level,
    },
  };
  return () => { offStatus(); delete window.__lounge; };
}

// Listening together in a lounge: keeps an estimate of the server's clock over the connection,
// steers a howler player to the room's playback position, and shows the now-playing bar.
import { clockOver, type ClockSync } from "../net/clock-sync.ts";
import type { LoungeConnection } from "../net/lounge-connection.ts";
import { SyncedPlayer } from "./synced-player.ts";
import { NowPlayingBar } from "./now-playing.ts";

export interface ListenTogetherOptions {
  loungeId: string;
  /** The invite the lounge was opened with, if any (private lounges' tracks need it). */
  inviteCode?: string;
  displayName: string;
  /** How many people are present (skip votes need more than half). */
  listeners: () => number;
  onError(message: string): void;
}

/** What a page listens with, for the test hooks and curious developers. */
export interface Listening {
  readonly player: SyncedPlayer;
  readonly clock: ClockSync;
}

export function listenTogether(connection: LoungeConnection, opts: ListenTogetherOptions): { root: HTMLElement; listening: Listening; dispose(): void } {
  const clock = clockOver(connection);
  const bar: { current?: NowPlayingBar } = {};
  const player = new SyncedPlayer({ serverNow: () => clock.serverNow(), onLockChange: (locked) => bar.current?.setLocked(locked) });
  const nowPlaying = new NowPlayingBar({
    send: (type, payload) => { connection.sendChecked(type, payload); },
    player, loungeId: opts.loungeId, inviteCode: opts.inviteCode, displayName: () => opts.displayName, listeners: opts.listeners, onError: opts.onError,
  });
  bar.current = nowPlaying;
  let started = false;
  const offStatus = connection.on("status", (s) => {
    if (s.kind !== "connected") return;
    // A reconnect may take another route to the server: measure its clock again.
    if (started) void clock.resync(); else { started = true; void clock.start(); }
  });
  const offPlayback = connection.on("playback", (playback) => { player.update(playback); nowPlaying.render(playback); });
  // Your role decides whether the bar offers the owner's "who controls the music" picker.
  const onPlayer = (p: { sessionId: string; role: string }) => { if (p.sessionId === connection.sessionId) nowPlaying.setRole(p.role); };
  const offAdded = connection.on("playerAdded", onPlayer);
  const offChanged = connection.on("playerChanged", onPlayer);
  return {
    root: nowPlaying.root,
    listening: { player, clock },
    dispose() {
      offStatus();
      offPlayback();
      offAdded();
      offChanged();
      clock.stop();
      player.dispose();
      nowPlaying.dispose();
    },
  };
}

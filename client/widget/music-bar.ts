// The widget's now-playing bar: what plays and listen-together in sync, with the full lounge's
// player (client/audio/) on the page's server-clock estimate (client/net/). Loaded after the widget
// is interactive: audio is not needed to look around and chat.
import type { Playback } from "../../shared/state/playback-state.ts";
import type { LoungeConnection } from "../net/lounge-connection.ts";
import { clockOver, type ClockSync } from "../net/clock-sync.ts";
import { SyncedPlayer } from "../audio/synced-player.ts";
import { el } from "../ui/element.ts";
import { icon } from "../ui/icons.ts";

export class MusicBar {
  readonly root = el("section", { class: "w-np", "aria-label": "Now playing" });
  private readonly title = el("span", { class: "w-np-title" }, "Nothing playing");
  private readonly play = el("button", { class: "w-icon-btn", type: "button", "aria-label": "Play" });
  private readonly skip = el("button", { class: "w-icon-btn", type: "button", "aria-label": "Skip" }, icon("skip"));
  private readonly mute = el("button", { class: "w-icon-btn", type: "button", "aria-label": "Mute" }, icon("volume"));
  private readonly listen = el("button", { class: "w-listen", type: "button", hidden: true }, icon("headphones", 16), " Listen");
  readonly clock: ClockSync;
  readonly player: SyncedPlayer;
  private status = "idle";
  private muted = false;
  private locked = false;
  private readonly offs: (() => void)[] = [];

  constructor(connection: LoungeConnection) {
    this.clock = clockOver(connection);
    this.player = new SyncedPlayer({ serverNow: () => this.clock.serverNow(), onLockChange: (locked) => { this.locked = locked; this.paintListen(); } });
    this.play.addEventListener("click", () => connection.sendChecked(this.status === "playing" ? "playback:pause" : "playback:play"));
    this.skip.addEventListener("click", () => connection.sendChecked("playback:skip"));
    this.mute.addEventListener("click", () => {
      this.muted = !this.muted;
      this.player.setMuted(this.muted);
      this.mute.replaceChildren(icon(this.muted ? "mute" : "volume"));
      this.mute.setAttribute("aria-label", this.muted ? "Unmute" : "Mute");
    });
    this.listen.addEventListener("click", () => { void this.player.unlock(); });
    this.root.append(icon("music", 16), this.title, this.listen, this.play, this.skip, this.mute);
    let started = false;
    const onStatus = (kind: string) => {
      if (kind !== "connected") return;
      if (started) void this.clock.resync(); else { started = true; void this.clock.start(); }
    };
    this.offs.push(connection.on("status", (s) => onStatus(s.kind)));
    onStatus(connection.status.kind);
    this.offs.push(connection.on("playback", (p) => this.render(p)));
    const now = connection.state?.playback;
    if (now) this.render(now);
  }

  /** "Listen" only while something plays that the browser will not let us sound yet. */
  private paintListen(): void {
    this.listen.hidden = !this.locked || this.status === "idle";
  }

  render(p: Playback): void {
    this.status = p.status;
    this.paintListen();
    this.player.update(p);
    const idle = p.status === "idle";
    this.title.textContent = idle ? "Nothing playing" : `${p.current.title} — ${p.current.artist}`;
    this.play.replaceChildren(icon(p.status === "playing" ? "pause" : "play"));
    this.play.setAttribute("aria-label", p.status === "playing" ? "Pause" : "Play");
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.clock.stop();
    this.player.dispose();
  }
}

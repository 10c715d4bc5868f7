// The now-playing bar: what plays, its progress, the queue, controls, votes, volume, adding tracks
// (from the list, by upload or by URL), who controls the music (the owner picks) and the "click to
// listen" prompt. DOM only; user text is always set as textContent.
import type { SyncedPlayer, PlaybackView } from "./synced-player.ts";
import type { TrackDto as CatalogTrack } from "../../shared/api.ts";
import { playbackControls, type PlaybackControl } from "../../shared/moderation.ts";
import { icon, type IconName } from "../ui/icons.ts";

/** The owner's choices, and what everyone else is told when the music is not theirs to control. */
const controlWords: Record<PlaybackControl, { choice: string; others: string }> = {
  everyone: { choice: "Everyone", others: "" },
  dj: { choice: "DJs and moderators", others: "DJs and moderators control the music here." },
  owner: { choice: "Only me", others: "Only the owner controls the music here." },
};

export interface QueueEntryView { entryId: string; title: string; artist: string; durationMs: number; addedBy: string }
export interface NowPlayingView extends PlaybackView {
  current: PlaybackView["current"] & { artist: string; addedBy: string };
  queue: Iterable<QueueEntryView>;
  skipVotes: { length: number };
  /** Who may control the music (shared/moderation.ts playbackControls). */
  control: string;
}

export interface NowPlayingDeps {
  send(type: string, payload?: unknown): void;
  player: SyncedPlayer;
  loungeId: string;
  /** The invite the lounge was opened with: a private lounge shows its tracks to holders of one. */
  inviteCode?: string;
  displayName: () => string;
  /** How many people are present, to show how many skip votes are needed. */
  listeners: () => number;
  onError(message: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Sets a button's content to an SVG icon and optional words (emoji glyphs need a font many systems lack). */
function withIcon<T extends HTMLElement>(node: T, name: IconName, text?: string): T {
  node.replaceChildren(icon(name, 16), ...(text ? [" ", text] : []));
  return node;
}

const idleWords = "Pick from the list, upload, or paste a link.";

export function formatTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export class NowPlayingBar {
  readonly root = el("section", "np");
  private readonly title = el("div", "np-title", "Nothing playing");
  private readonly artist = el("div", "np-artist", idleWords);
  /** Right in the empty bar: opens the queue's ways to add a track (list, upload, URL). */
  private readonly addTrackBtn = withIcon(el("button", "np-btn np-add-track"), "plus", "Add a track");
  private readonly progress = el("div", "np-progress");
  private readonly fill = el("div", "np-progress-fill");
  private readonly time = el("div", "np-time", "");
  private readonly playBtn = withIcon(el("button", "np-btn np-play"), "play");
  private readonly skipBtn = withIcon(el("button", "np-btn"), "skip");
  private readonly voteBtn = el("button", "np-btn np-vote");
  private readonly mute = withIcon(el("button", "np-btn"), "volume");
  private readonly volume = el("input", "np-volume");
  private readonly queueList = el("ol", "np-queue");
  private readonly select = el("select", "np-select");
  private readonly unlockPrompt = withIcon(el("button", "np-unlock"), "headphones", "Click to listen");
  private readonly urlInput = el("input", "np-url");
  private readonly policy = el("div", "np-add np-policy");
  private readonly policyLabel = el("label", "np-queue-by", "Who controls the music");
  private readonly policyPick = el("select", "np-select np-policy-select");
  private readonly policyNote = el("span", "np-queue-by np-policy-note");
  private readonly details = el("details", "np-details");
  private view: NowPlayingView | undefined;
  private role = "guest";
  private raf = 0;
  private muted = false;

  constructor(private readonly deps: NowPlayingDeps) {
    this.root.setAttribute("aria-label", "Now playing");
    this.progress.append(this.fill);
    this.progress.setAttribute("role", "slider");
    this.progress.setAttribute("aria-label", "Seek");
    this.playBtn.setAttribute("aria-label", "Play or pause");
    this.skipBtn.setAttribute("aria-label", "Skip");
    this.skipBtn.title = "Skip this track";
    this.paintVotes(0, 1);
    this.mute.setAttribute("aria-label", "Mute");
    this.volume.type = "range";
    this.volume.min = "0"; this.volume.max = "1"; this.volume.step = "0.05"; this.volume.value = "0.8";
    this.volume.setAttribute("aria-label", "Music volume");
    this.select.setAttribute("aria-label", "Track to queue");
    this.urlInput.type = "url";
    this.urlInput.placeholder = "…or paste an audio URL";
    this.unlockPrompt.hidden = true;
    this.policyPick.id = "np-policy";
    this.policyLabel.htmlFor = this.policyPick.id;
    this.policyPick.replaceChildren(...playbackControls.map((c) => {
      const o = el("option", "", controlWords[c].choice);
      o.value = c;
      return o;
    }));
    this.policy.append(this.policyLabel, this.policyPick, this.policyNote);
    this.policy.style.display = "none";

    const info = el("div", "np-info");
    info.append(this.title, this.artist, this.addTrackBtn);
    const controls = el("div", "np-controls");
    controls.append(this.playBtn, this.skipBtn, this.voteBtn, this.mute, this.volume);
    const add = el("div", "np-add");
    const addBtn = el("button", "np-btn np-add-btn", "+ Queue");
    const upload = withIcon(el("label", "np-btn np-upload"), "upload", "Upload");
    const file = el("input", "np-file");
    file.type = "file";
    file.accept = "audio/*";
    upload.append(file);
    add.append(this.select, addBtn, upload, this.urlInput);
    const summary = el("summary", "np-summary", "Queue");
    this.details.append(summary, this.queueList, add);
    this.root.append(this.unlockPrompt, info, this.progress, this.time, controls, this.policy, this.details);

    this.playBtn.onclick = () => deps.send(this.view?.status === "playing" ? "playback:pause" : "playback:play");
    this.skipBtn.onclick = () => deps.send("playback:skip");
    this.voteBtn.onclick = () => deps.send("playback:vote-skip");
    this.addTrackBtn.onclick = () => {
      this.details.open = true;
      this.select.focus();
      this.details.scrollIntoView({ block: "nearest" });
    };
    this.mute.onclick = () => {
      this.muted = !this.muted;
      deps.player.setMuted(this.muted);
      withIcon(this.mute, this.muted ? "mute" : "volume");
      this.mute.setAttribute("aria-label", this.muted ? "Unmute" : "Mute");
    };
    this.volume.oninput = () => deps.player.setVolume(Number(this.volume.value));
    this.unlockPrompt.onclick = () => { void deps.player.unlock(); };
    this.progress.onclick = (e) => {
      const v = this.view;
      if (!v || v.status === "idle") return;
      const box = this.progress.getBoundingClientRect();
      deps.send("playback:seek", { positionMs: Math.round(((e.clientX - box.left) / box.width) * v.current.durationMs) });
    };
    this.policyPick.onchange = () => deps.send("playback:control", { control: this.policyPick.value });
    addBtn.onclick = () => { if (this.select.value) deps.send("playback:add", { trackId: this.select.value }); };
    file.onchange = () => { const f = file.files?.[0]; if (f) void this.upload(f).finally(() => { file.value = ""; }); };
    this.urlInput.onkeydown = (e) => { if (e.key === "Enter" && this.urlInput.value.trim()) void this.addUrl(this.urlInput.value.trim()); };
    void this.refreshTracks();
    const loop = () => { this.paintProgress(); this.raf = requestAnimationFrame(loop); };
    this.raf = requestAnimationFrame(loop);
  }

  setLocked(locked: boolean): void {
    this.unlockPrompt.hidden = !locked;
  }

  /** Your role here: the owner gets the "who controls the music" picker. */
  setRole(role: string): void {
    this.role = role;
    this.paintPolicy();
  }

  private paintPolicy(): void {
    const control = (this.view?.control ?? "everyone") as PlaybackControl;
    const owner = this.role === "owner";
    this.policyLabel.hidden = !owner;
    this.policyPick.hidden = !owner;
    if (owner && document.activeElement !== this.policyPick) this.policyPick.value = control;
    this.policyNote.textContent = owner ? "" : controlWords[control]?.others ?? "";
    // A style, not `hidden`: the row's flex class would override the attribute.
    this.policy.style.display = !owner && !this.policyNote.textContent ? "none" : "";
  }

  /** The lounge's tracks route, with the invite (when there is one) and `query`. */
  private tracksUrl(query: Record<string, string> = {}): string {
    const q = new URLSearchParams(query);
    if (this.deps.inviteCode) q.set("invite", this.deps.inviteCode);
    const search = q.toString();
    return `/api/lounges/${encodeURIComponent(this.deps.loungeId)}/tracks${search ? `?${search}` : ""}`;
  }

  async refreshTracks(): Promise<void> {
    try {
      const res = await fetch(this.tracksUrl());
      const body = await res.json();
      if (!res.ok) { this.deps.onError(body?.error?.message ?? "Could not load the track list."); return; }
      const { tracks } = body as { tracks: CatalogTrack[] };
      this.select.replaceChildren(...tracks.map((t) => {
        const o = el("option", "", `${t.title} — ${formatTime(t.durationMs)}`);
        o.value = t.id;
        return o;
      }));
    } catch {
      this.deps.onError("Could not load the track list; check your connection.");
    }
  }

  private async addTrack(res: Response): Promise<void> {
    const body = await res.json();
    if (!res.ok) { this.deps.onError(body?.error?.message ?? "Could not add that track."); return; }
    this.deps.send("playback:add", { trackId: (body as CatalogTrack).id });
    await this.refreshTracks();
  }

  private async upload(file: File): Promise<void> {
    const res = await fetch(this.tracksUrl({ title: file.name.replace(/\.[^.]+$/, "") }), {
      method: "POST", headers: { "content-type": file.type || "application/octet-stream", "x-display-name": this.deps.displayName() }, body: file,
    });
    await this.addTrack(res);
  }

  private async addUrl(url: string): Promise<void> {
    const res = await fetch(this.tracksUrl(), {
      method: "POST", headers: { "content-type": "application/json", "x-display-name": this.deps.displayName() }, body: JSON.stringify({ url }),
    });
    if (res.ok) this.urlInput.value = "";
    await this.addTrack(res);
  }

  render(view: NowPlayingView): void {
    this.view = view;
    const idle = view.status === "idle";
    this.title.textContent = idle ? "Nothing playing" : view.current.title;
    this.artist.textContent = idle ? idleWords : `${view.current.artist} · added by ${view.current.addedBy}`;
    this.addTrackBtn.hidden = !idle;
    withIcon(this.playBtn, view.status === "playing" ? "pause" : "play");
    const needed = Math.floor(this.deps.listeners() / 2) + 1;
    this.paintVotes(view.skipVotes.length, needed);
    this.paintPolicy();
    const entries = [...view.queue];
    this.queueList.replaceChildren(...entries.map((t, i) => {
      const li = el("li", "np-queue-item");
      li.append(el("span", "np-queue-title", `${t.title} — ${t.artist}`), el("span", "np-queue-by", t.addedBy));
      if (i > 0) {
        const up = el("button", "np-btn np-mini", "↑");
        up.setAttribute("aria-label", `Move ${t.title} up`);
        up.onclick = () => this.deps.send("playback:move", { entryId: t.entryId, toIndex: i - 1 });
        li.append(up);
      }
      const rm = el("button", "np-btn np-mini", "✕");
      rm.setAttribute("aria-label", `Remove ${t.title}`);
      rm.onclick = () => this.deps.send("playback:remove", { entryId: t.entryId });
      li.append(rm);
      return li;
    }));
    this.paintProgress();
  }

  /** "Skip votes 1/2": the votes so far and how many skip the track. */
  private paintVotes(votes: number, needed: number): void {
    withIcon(this.voteBtn, "thumbDown", `Skip votes ${votes}/${needed}`);
    this.voteBtn.setAttribute("aria-label", `Skip votes ${votes}/${needed}: vote to skip this track`);
    this.voteBtn.title = `Vote to skip: ${needed} vote${needed === 1 ? "" : "s"} skip the track`;
  }

  private paintProgress(): void {
    const v = this.view;
    const r = this.deps.player.report();
    if (!v || v.status === "idle" || r.expectedMs === undefined) {
      this.fill.style.width = "0%";
      this.time.textContent = "";
      return;
    }
    this.fill.style.width = `${(100 * r.expectedMs) / v.current.durationMs}%`;
    this.time.textContent = `${formatTime(r.expectedMs)} / ${formatTime(v.current.durationMs)}`;
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.root.remove();
  }
}

// The widget page (/embed/:loungeId): finds the lounge, joins it as the visitor's account when this
// browser is signed in there, else as a guest, and wires the pieces: Pixi scene, chat, people,
// now-playing (loaded once interactive), palette, and the host page's commands and events.
import type { Player } from "../../shared/state/lounge-state.ts";
import type { ChatEntry } from "../../shared/features/chat.ts";
import type { HostCommand } from "../../shared/embed/protocol.ts";
import { getMap, defaultMapId } from "../../shared/maps/index.ts";
import { avatarIds, type AvatarId } from "../../shared/avatars.ts";
import { api, ApiFailure, loungeServerUrl, errorMessage } from "../net/api.ts";
import { LoungeConnection, JoinRefused } from "../net/lounge-connection.ts";
import { ChatSender } from "../net/chat-sender.ts";
import { clockOver, type ClockSync } from "../net/clock-sync.ts";
import { motionOf } from "../../shared/movement.ts";
import { session } from "../net/session.ts";
import { el } from "../ui/element.ts";
import { icon } from "../ui/icons.ts";
import { loadIdentity } from "../ui/identity.ts";
import { ChatView, type ChatLineView } from "./chat-view.ts";
import { PeopleView } from "./people-view.ts";
import { HostLink } from "./host-link.ts";
import { ThemeController } from "./theme-apply.ts";
import type { WidgetStage } from "./stage.ts";
import { readParams, type WidgetParams } from "./params.ts";
import { HostEvents } from "./host-events.ts";
import { installWidgetHooks, type WidgetHookDeps } from "./widget-hooks.ts";

const personOf = (p: Player) => ({ sessionId: p.sessionId, name: p.name, avatar: p.avatar, motion: motionOf(p) });
const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

export class WidgetPage {
  readonly root = el("div", { class: "w-root" });
  private readonly params: WidgetParams = readParams();
  private readonly title = el("span", { class: "w-title" }, "Chill Lounge");
  private readonly stageBox = el("div", { class: "w-stage" });
  private readonly status = el("p", { class: "w-status", role: "status" }, "Joining the lounge…");
  private readonly people = new PeopleView();
  private readonly chat: ChatView;
  private readonly theme: ThemeController;
  private readonly link: HostLink | undefined;
  private readonly events: HostEvents;
  private stage: WidgetStage | undefined;
  private clock: ClockSync | undefined;
  private clockStarted = false;
  private connection: LoungeConnection | undefined;
  private sender: ChatSender | undefined;
  private identity: { name: string; avatar: AvatarId };
  private staging: Promise<WidgetStage | undefined> | undefined;
  /** The lounge's map id once known; undefined when it would not show itself here. */
  private known: Promise<string | undefined> | undefined;
  /** The lounge would not show itself here; a join that gets through anyway is left. */
  private refused = false;
  /** Texts a host asked to send before the lounge was joined. */
  private early: string[] = [];

  constructor() {
    this.theme = new ThemeController(this.params.theme, (p) => this.stage?.setPalette(p));
    const saved = loadIdentity();
    this.identity = {
      name: this.params.name ?? (saved.name || `Guest ${Math.floor(1000 + Math.random() * 9000)}`),
      avatar: this.params.avatar ?? saved.avatar ?? avatarIds[0],
    };
    this.chat = new ChatView({ send: (t) => this.sendChat(t), retry: (n) => this.sender?.retry(n), older: (before) => this.olderChat(before) });
    const full = el("a", { class: "w-icon-btn w-full", href: this.fullLoungeUrl(), target: "_blank", rel: "noopener", title: "Open the full lounge", "aria-label": "Open the full lounge" }, icon("external"));
    const head = el("header", { class: "w-head" }, this.title, this.people.button, full);
    this.stageBox.append(this.people.panel, this.status);
    this.root.append(head, this.stageBox, this.chat.root);
    this.link = HostLink.open(this.params.hostOrigin, (c) => this.command(c));
    this.events = new HostEvents(this.link);
    if (this.params.hostOrigin && !this.link) this.showProblem("This lounge widget was framed by a different site than it was told.");
  }

  private fullLoungeUrl(): string {
    const invite = this.params.invite ? `?invite=${encodeURIComponent(this.params.invite)}` : "";
    return `/l/${encodeURIComponent(this.params.loungeId)}${invite}`;
  }

  async start(): Promise<void> {
    this.link?.send({ type: "ready" });
    performance.mark("widget-start");
    // Joining does not wait for the lounge's details: the server takes a signed-in visitor's name
    // and avatar from their account itself, so both go out at once (a round trip saved).
    // Pixi comes in its own chunk, fetched and evaluated while the join and the lounge's details
    // are on the network, rather than before anything is asked.
    const pixi = import("./stage.ts");
    const joining = this.join();
    this.known = this.learnLounge();
    this.staging = this.known.then(async (mapId) => (mapId === undefined ? undefined : this.drawStage(mapId, (await pixi).WidgetStage)));
    await Promise.all([joining, this.staging]);
  }

  /** Pixi and the map's art; people who arrived before the scene was ready are drawn once it is. */
  private async drawStage(mapId: string, Stage: typeof WidgetStage): Promise<WidgetStage | undefined> {
    const map = getMap(mapId) ?? getMap(defaultMapId);
    if (!map) {
      this.showProblem("This lounge's map cannot be drawn here.");
      return undefined;
    }
    const stage = await Stage.create(this.stageBox, map, this.theme.palette, reducedMotion(), (x, y) => this.connection?.send("avatar:move", { x, y }), () => this.serverNow());
    performance.mark("widget-drawn");
    this.stage = stage;
    const c = this.connection;
    stage.selfId = c?.sessionId ?? "";
    for (const p of c?.state?.players.values() ?? []) stage.upsert(personOf(p));
    this.maybeInteractive();
    return stage;
  }

  /**
   * Interactive once both the scene is drawn and the room connected, whichever comes last (the
   * join and the scene go on at once, so either may).
   */
  private maybeInteractive(): void {
    const c = this.connection;
    if (!c || !this.stage || c.status.kind !== "connected") return;
    const name = c.state?.players.get(c.sessionId)?.name ?? this.identity.name;
    if (this.events.join(this.params.loungeId, c.sessionId, name)) this.interactive(c);
  }

  /** The lounge's name and map, and who this browser is signed in as; undefined when refused (said why). */
  private async learnLounge(): Promise<string | undefined> {
    try {
      const [lounge, user] = await Promise.all([api.getLounge(this.params.loungeId, this.params.invite), session.load()]);
      this.title.textContent = lounge.name;
      document.title = `${lounge.name} · Chill Lounge`;
      // Signed in on the lounge (and this browser sends its cookie here): you came as yourself.
      if (user) this.identity = { name: user.displayName, avatar: user.avatar as AvatarId };
      performance.mark("widget-lounge-known");
      return lounge.mapId;
    } catch (err) {
      const words = err instanceof ApiFailure && err.code === "PRIVATE_LOUNGE"
        ? "This lounge is private: the site showing it needs an invite from its owner."
        : errorMessage(err);
      // This says more than the join's refusal would: it is the one shown.
      this.refused = true;
      void this.connection?.leave();
      this.showProblem(words, err instanceof ApiFailure ? err.code : "UNREACHABLE");
      return undefined;
    }
  }

  /** The server's clock as this page estimates it (its own before the first sample). */
  private serverNow(): number {
    return this.clock?.serverNow() ?? Date.now();
  }

  private async join(): Promise<void> {
    const connection = new LoungeConnection(loungeServerUrl(), { loungeId: this.params.loungeId, ...this.identity, inviteCode: this.params.invite });
    this.connection = connection;
    this.clock?.stop();
    this.clock = clockOver(connection);
    this.clockStarted = false;
    this.sender = new ChatSender(connection);
    this.sender.outbox.subscribe((item) => this.chat.outgoing(item, this.identity.name));
    this.wire(connection);
    try {
      await connection.join();
      performance.mark("widget-seat");
      if (this.refused) void connection.leave();
    } catch (err) {
      // Refused while the lounge's details are on their way: their reason, when there is one, says more.
      await this.known;
      if (this.refused) return;
      const message = err instanceof JoinRefused ? err.message : "Could not reach the lounge server. Check your connection and try again.";
      return this.showProblem(message, err instanceof JoinRefused ? `JOIN_${err.code}` : "UNREACHABLE");
    }
  }

  private wire(c: LoungeConnection): void {
    const peopleChanged = () => {
      const list = [...(c.state?.players.values() ?? [])];
      this.people.render(list.map((p) => ({ sessionId: p.sessionId, name: p.name, connected: p.connected })), c.sessionId);
      this.events.people(list);
    };
    c.on("seat", (id) => { if (this.stage) this.stage.selfId = id; });
    c.on("playerAdded", (p) => { this.stage?.upsert(personOf(p)); peopleChanged(); });
    c.on("playerChanged", (p) => { this.stage?.upsert(personOf(p)); peopleChanged(); });
    c.on("playerRemoved", (id) => { this.stage?.remove(id); peopleChanged(); });
    c.on("chatAdded", (m: ChatEntry, { live }) => {
      const self = m.authorSessionId === c.sessionId;
      this.chat.add({ id: m.id, author: m.authorName, text: m.text, at: m.at, nonce: m.nonce, self });
      if (live) { this.stage?.say(m.authorSessionId, m.text); this.events.message(m, self); }
    });
    c.on("chatDeleted", (id) => this.chat.remove(id));
    c.on("playback", (p) => this.events.nowPlaying(p));
    c.on("serverError", (e) => this.events.error(e.code, e.message));
    c.on("status", (s) => {
      if (s.kind === "connected") {
        performance.mark("widget-connected");
        this.status.hidden = true;
        // Avatars walk in server time: measure the server's clock (again, after a reconnect).
        if (this.clockStarted) void this.clock?.resync(); else { this.clockStarted = true; void this.clock?.start(); }
        this.maybeInteractive();
      } else if (s.kind === "failed") {
        this.showProblem(s.message, "CONNECTION_FAILED");
      } else if (s.kind === "reconnecting") {
        this.status.hidden = false;
        this.status.textContent = "Reconnecting…";
      }
    });
  }

  /** First joined: send what the host asked for early, then load the music. */
  private interactive(c: LoungeConnection): void {
    performance.mark("widget-interactive");
    for (const text of this.early.splice(0)) this.sender?.send(text);
    const hooks: WidgetHookDeps = { connection: c, stage: this.stage, link: this.link, theme: this.theme, serverNow: () => this.serverNow() };
    installWidgetHooks(hooks);
    void import("./music-bar.ts").then(({ MusicBar }) => {
      const bar = new MusicBar(c);
      this.chat.root.before(bar.root);
      hooks.music = bar; // the hooks read it when asked
    });
  }

  /** A page of the lounge's chat history before message `before` (over HTTP, as the full lounge pages it). */
  private async olderChat(before: number | undefined): Promise<{ lines: ChatLineView[]; more: boolean }> {
    const page = await api.chatPage(this.params.loungeId, before, 30, this.params.invite);
    const me = this.connection?.sessionId;
    return {
      lines: page.messages.map((m) => ({ id: m.id, author: m.authorName, text: m.text, at: m.at, nonce: "", self: m.authorSessionId === me })),
      more: page.nextCursor !== null,
    };
  }

  private sendChat(text: string): void {
    if (this.sender && this.connection?.sessionId) this.sender.send(text); else this.early.push(text);
  }

  private command(c: HostCommand): void {
    switch (c.type) {
      case "setTheme": return this.theme.set(c.theme);
      case "sendChat": return this.sendChat(c.text);
      case "setUser": {
        this.identity = { name: c.name ?? this.identity.name, avatar: c.avatar ?? this.identity.avatar };
        // A seat's name is fixed at joining: take a new seat under the new name.
        if (this.connection?.sessionId) void this.connection.leave().then(() => this.join());
      }
    }
  }

  private showProblem(message: string, code = "WIDGET_ERROR"): void {
    this.status.hidden = false;
    this.status.classList.add("w-problem");
    this.status.setAttribute("role", "alert");
    this.status.textContent = message;
    this.events.error(code, message);
  }
}

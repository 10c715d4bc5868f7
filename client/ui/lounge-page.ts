// A lounge's page (/l/:id): finds the lounge, asks who you are (unless you came from the list),
// then joins and wires the pieces together: connection → Phaser world, chat, people, status.
import type { Client } from "@colyseus/sdk";
import type { LoungeDto } from "../../shared/api.ts";
import type { Player, ChatMessage } from "../../shared/state/lounge-state.ts";
import { getMap, defaultMapId } from "../../shared/maps/index.ts";
import { api, ApiFailure, loungeServerUrl } from "../net/api.ts";
import { LoungeConnection, JoinRefused } from "../net/lounge-connection.ts";
import { ChatSender } from "../net/chat-sender.ts";
import { listenTogether } from "../audio/listen-together.ts";
import { keepClearOfOverlays } from "./overlay-insets.ts";
import type { LoungeGame } from "../lounge/game.ts";
import type { PlayerLook } from "../lounge/avatar-sprite.ts";
import { el } from "./element.ts";
import { IdentityPicker } from "./identity-picker.ts";
import { loadIdentity, nameProblem, type Identity } from "./identity.ts";
import { LoungeList } from "./lounge-list.ts";
import { ChatPanel, type ChatLine } from "./chat-panel.ts";
import { PeoplePanel, type PersonView } from "./people-panel.ts";
import { ConnectionBanner } from "./connection-banner.ts";
import { installControls } from "./controls.ts";
import { emoteBar } from "./emote-bar.ts";
import { Toasts } from "./toasts.ts";
import { installTestHooks } from "./test-hooks.ts";
import type { Navigate, NavigationState } from "./navigation.ts";

const lookOf = (p: Player): PlayerLook => ({ sessionId: p.sessionId, name: p.name, avatar: p.avatar, x: p.x, y: p.y, dir: p.dir, typing: p.typing, connected: p.connected });
const personOf = (p: Player): PersonView => ({ sessionId: p.sessionId, name: p.name, avatar: p.avatar, typing: p.typing, connected: p.connected, role: p.role });
const lineOf = (m: ChatMessage): ChatLine => ({ id: m.id, authorName: m.authorName, authorSessionId: m.authorSessionId, text: m.text, at: m.at, reactions: m.reactions });

export class LoungePage {
  readonly root = el("main", { class: "lounge-page" });
  private connection: LoungeConnection | undefined;
  private game: LoungeGame | undefined;
  private chat: ChatPanel | undefined;
  private list: LoungeList | undefined;
  private banner: ConnectionBanner | undefined;
  private cleanups: (() => void)[] = [];
  private destroyed = false;

  constructor(private readonly loungeId: string, private readonly client: Client, private readonly navigate: Navigate, private readonly nav: NavigationState) {
    this.root.append(el("div", { class: "center-card card" }, el("span", { class: "spinner" }), " Finding the lounge…"));
    void this.open();
  }

  private async open(): Promise<void> {
    let lounge: LoungeDto;
    try {
      lounge = await api.getLounge(this.loungeId);
    } catch (err) {
      if (this.destroyed) return;
      if (err instanceof ApiFailure && err.status === 404) return this.showNotFound(err.message);
      return this.showProblem(err instanceof Error ? err.message : String(err), () => { void this.open(); });
    }
    if (this.destroyed) return;
    document.title = `${lounge.name} · Chill Lounge`;
    const saved = loadIdentity();
    if (this.nav.autojoin && !nameProblem(saved.name)) return this.enter(lounge, saved);
    this.showJoinCard(lounge);
  }

  private showNotFound(message: string): void {
    this.list = new LoungeList(this.client, (l) => this.navigate(`/l/${encodeURIComponent(l.id)}`, { autojoin: true }), "Pick one of these instead");
    const home = el("a", { class: "button", href: "/" }, "Back to the start page");
    this.root.replaceChildren(el("div", { class: "not-found" },
      el("section", { class: "card" }, el("h1", {}, "No such lounge"), el("p", {}, message), home),
      this.list.root));
  }

  private showProblem(message: string, retry: () => void): void {
    const again = el("button", { class: "button primary", type: "button" }, "Try again");
    again.addEventListener("click", retry);
    this.root.replaceChildren(el("section", { class: "center-card card" }, el("h1", {}, "Something went wrong"), el("p", {}, message), again, " ", el("a", { class: "button", href: "/" }, "Start page")));
  }

  private showJoinCard(lounge: LoungeDto, problem?: string): void {
    const picker = new IdentityPicker();
    const submit = el("button", { class: "button primary", type: "submit" }, "Join the lounge");
    const form = el("form", { class: "card join-card" },
      el("h1", {}, lounge.name),
      el("p", { class: "muted" }, `${lounge.online} of ${lounge.capacity} people inside`),
      problem ? el("p", { class: "field-problem", role: "alert" }, problem) : null,
      picker.root, submit, " ", el("a", { class: "button", href: "/" }, "Other lounges"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const identity = picker.validate();
      if (identity) this.enter(lounge, identity);
    });
    this.root.replaceChildren(form);
    picker.focus();
  }

  private async enter(lounge: LoungeDto, identity: Identity): Promise<void> {
    const map = getMap(lounge.mapId) ?? getMap(defaultMapId);
    if (!map) throw new Error("no maps");
    const inviteCode = new URLSearchParams(window.location.search).get("invite") ?? undefined;
    const connection = new LoungeConnection(loungeServerUrl(), { loungeId: lounge.id, name: identity.name, avatar: identity.avatar, inviteCode });
    this.connection = connection;
    const sender = new ChatSender(connection);
    const toasts = new Toasts();
    const people = new PeoplePanel();
    const typingNames = new Map<string, string>();
    const chat = new ChatPanel({
      loungeId: lounge.id,
      selfId: () => connection.sessionId,
      send: (text) => sender.send(text),
      retry: (nonce) => sender.retry(nonce),
      discard: (nonce) => sender.discard(nonce),
      setTyping: (typing) => { connection.send("chat:typing", { typing }); },
      react: (messageId, emoji, on) => { connection.send("chat:react", { messageId, emoji, on }); },
    });
    this.chat = chat;
    const banner = new ConnectionBanner(() => connection.retryNow());
    this.banner = banner;
    const music = listenTogether(connection, { loungeId: lounge.id, displayName: identity.name, listeners: () => people.count, onError: (m) => toasts.show(m) });
    this.cleanups.push(() => music.dispose());

    // Layout: the world fills the stage; the side panel holds people and chat (a sheet on phones).
    const stage = el("div", { class: "stage" });
    const peopleToggle = el("button", { class: "icon-button people-toggle", type: "button", "aria-label": "People", "aria-expanded": "false" }, "👥");
    const chatToggle = el("button", { class: "icon-button chat-toggle", type: "button", "aria-label": "Chat", "aria-expanded": "false" }, "💬");
    const leave = el("button", { class: "button small", type: "button" }, "Leave");
    const topbar = el("header", { class: "topbar" },
      el("a", { class: "brand", href: "/", "aria-label": "Chill Lounge start page" }, "☕"),
      el("h1", { class: "lounge-title" }, lounge.name), banner.pill, el("span", { class: "spacer" }), peopleToggle, chatToggle, leave);
    const side = el("aside", { class: "side" }, music.root, people.root, chat.root);
    const hint = el("p", { class: "hint" }, "Click or tap the floor to walk · arrows/WASD · 1–6 emotes · Enter to chat");
    const emotesBar = emoteBar((emote) => { connection.send("avatar:emote", { emote }); });
    const bottomLeft = el("div", { class: "bottom-left" }, emotesBar, hint);
    this.root.replaceChildren(el("div", { class: "lounge" }, stage, topbar, banner.banner, toasts.root, bottomLeft, side));
    // On a phone one sheet shows at a time: people (with the music) or the chat.
    const toggle = (cls: "show-people" | "show-chat", button: HTMLElement) => {
      const on = this.root.classList.toggle(cls);
      button.setAttribute("aria-expanded", String(on));
      const other = cls === "show-chat" ? "show-people" : "show-chat";
      this.root.classList.remove(other);
      (other === "show-chat" ? chatToggle : peopleToggle).setAttribute("aria-expanded", "false");
    };
    peopleToggle.addEventListener("click", () => toggle("show-people", peopleToggle));
    chatToggle.addEventListener("click", () => toggle("show-chat", chatToggle));
    leave.addEventListener("click", () => { void connection.leave().finally(() => this.navigate("/")); });

    const { startGame } = await import("../lounge/game.ts");
    if (this.destroyed) return;
    const game = startGame(stage, { map, onTap: (x, y) => { connection.send("avatar:move", { x, y }); } });
    this.game = game;
    const scene = game.scene;
    this.cleanups.push(keepClearOfOverlays(scene, stage, topbar, [side, bottomLeft]));

    const refreshTyping = () => chat.showTyping([...typingNames.values()]);
    const onPlayer = (p: Player) => {
      scene.upsertPlayer(lookOf(p));
      people.upsert(personOf(p));
      if (p.typing && p.sessionId !== connection.sessionId) typingNames.set(p.sessionId, p.name); else typingNames.delete(p.sessionId);
      refreshTyping();
    };
    connection.on("status", (s) => { banner.show(s); if (s.kind === "connected") chat.ready(); });
    connection.on("seat", (sessionId) => {
      scene.clearPlayers();
      scene.setSelf(sessionId);
      people.clear();
      people.setSelf(sessionId);
      typingNames.clear();
      chat.resetSeat();
    });
    connection.on("playerAdded", onPlayer);
    connection.on("playerChanged", onPlayer);
    connection.on("playerRemoved", (id) => { scene.removePlayer(id); people.remove(id); typingNames.delete(id); refreshTyping(); });
    // On a phone the chat may be folded away: count what arrives meanwhile on its button.
    let unread = 0;
    const chatHidden = () => getComputedStyle(chatToggle).display !== "none" && !this.root.classList.contains("show-chat");
    const showUnread = () => { if (unread > 0) chatToggle.dataset.unread = unread > 9 ? "9+" : String(unread); else delete chatToggle.dataset.unread; };
    chatToggle.addEventListener("click", () => { unread = 0; showUnread(); });
    connection.on("chatAdded", (m, { live }) => {
      chat.upsert(lineOf(m), live);
      if (!live) return;
      scene.say(m.authorSessionId, m.text);
      if (m.authorSessionId !== connection.sessionId && chatHidden()) { unread++; showUnread(); }
    });
    connection.on("chatChanged", (m) => chat.upsert(lineOf(m), false));
    connection.on("chatDeleted", (id) => chat.remove(id));
    connection.on("emote", ({ sessionId, emote }) => scene.emote(sessionId, emote));
    connection.on("serverError", (e) => toasts.show(e.message));
    connection.on("moderated", (n) => toasts.show(n.action === "mute" ? `${n.by} muted you${n.reason ? `: ${n.reason}` : "."}` : n.action === "unmute" ? "You can chat again." : `${n.by} removed you${n.reason ? `: ${n.reason}` : "."}`, 8000));
    sender.outbox.subscribe((item) => chat.outgoing(item));

    this.cleanups.push(installControls({
      walk: (dx, dy) => connection.walk(dx, dy),
      emote: (emote) => { connection.send("avatar:emote", { emote }); },
      focusChat: () => { if (!this.root.classList.contains("show-chat")) chatToggle.click(); chat.input.focus(); },
    }));
    this.cleanups.push(installTestHooks(connection, scene));
    // Closing the tab is leaving: free the seat now instead of holding it for a reconnect.
    const onPageHide = (e: PageTransitionEvent) => { if (!e.persisted) void connection.leave(); };
    window.addEventListener("pagehide", onPageHide);
    this.cleanups.push(() => window.removeEventListener("pagehide", onPageHide));

    try {
      await connection.join();
    } catch (err) {
      if (this.destroyed) return;
      if (err instanceof JoinRefused) {
        this.teardown();
        if (err.code === 404 || err.code === 4404) return this.showNotFound(err.message);
        return this.showJoinCard(lounge, err.message);
      }
      // Could not reach the server: the banner offers a retry.
    }
  }

  private teardown(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.banner?.destroy();
    this.chat?.destroy();
    this.game?.destroy();
    this.game = undefined;
    void this.connection?.leave();
    this.connection = undefined;
  }

  destroy(): void {
    this.destroyed = true;
    this.teardown();
    this.list?.destroy();
    this.root.remove();
  }
}

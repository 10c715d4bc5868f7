// A lounge's page (/l/:id, or /l/:id?invite=<code> for a private one): finds the lounge, asks who
// you are (a guest's name and avatar; a signed-in person's profile), joins, and wires the pieces
// together: connection → Phaser world, chat, people, card tables, moderation, status. A refused
// join gets a page saying why and what to do next.
import type { Client } from "@colyseus/sdk";
import type { LoungeDto } from "../../shared/api.ts";
import type { UserDto } from "../../shared/accounts.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import { canModerate, isRole, type Role } from "../../shared/moderation.ts";
import type { Player } from "../../shared/state/lounge-state.ts";
import type { ChatEntry } from "../../shared/features/chat.ts";
import { getMap, defaultMapId } from "../../shared/maps/index.ts";
import { isWalkingAt, motionOf, positionAt } from "../../shared/movement.ts";
import { api, ApiFailure, loungeServerUrl, errorMessage } from "../net/api.ts";
import { LoungeConnection, JoinRefused } from "../net/lounge-connection.ts";
import { defaultBackoff } from "../net/backoff.ts";
import { ask, moderate } from "../net/moderation.ts";
import { session } from "../net/session.ts";
import { ChatSender } from "../net/chat-sender.ts";
import { listenTogether } from "../audio/listen-together.ts";
import { keepClearOfOverlays } from "./overlay-insets.ts";
import type { LoungeGame } from "../lounge/game.ts";
import type { PlayerLook } from "../lounge/avatar-sprite.ts";
import { el } from "./element.ts";
import { IdentityPicker } from "./identity-picker.ts";
import { checkedForm } from "./field-error.ts";
import { loadIdentity, nameProblem, type Identity } from "./identity.ts";
import { LoungeList } from "./lounge-list.ts";
import { ChatPanel, type ChatLine } from "./chat-panel.ts";
import { PeoplePanel, type PersonView } from "./people-panel.ts";
import { ConnectionBanner } from "./connection-banner.ts";
import { installControls } from "./controls.ts";
import { emoteBar } from "./emote-bar.ts";
import { Toasts } from "./toasts.ts";
import { installTestHooks } from "./test-hooks.ts";
import { inviteCodeOf, type Navigate, type NavigationState } from "./navigation.ts";
import { identityOf } from "./account-card.ts";
import { refusalCard } from "./refusal-card.ts";
import { moderatedNotice, removedMessage } from "./moderation-words.ts";
import { LoungeAdminPanel } from "./lounge-admin-panel.ts";
import { TableDock } from "./table-dock.ts";
import { TableSpots } from "./table-proximity.ts";
import { TableRequests } from "../net/table-requests.ts";
import { avatarCanvas } from "../lounge/avatar-art.ts";
import { VoiceMesh } from "../voice/voice-mesh.ts";
import type { SignalData } from "../voice/transport.ts";
import { voiceRoomOf } from "../net/voice-room.ts";
import { VoicePanel } from "./voice-panel.ts";
import { LoungeLink, ShareButton } from "./share-link.ts";
import { EmptyRoomPrompt } from "./empty-room-prompt.ts";
import { type AvatarId, avatarOr } from "../../shared/avatars.ts";

const lookOf = (p: Player): PlayerLook => ({ sessionId: p.sessionId, name: p.name, avatar: p.avatar, motion: motionOf(p), dir: p.dir, typing: p.typing, connected: p.connected });
const personOf = (p: Player): PersonView => ({ sessionId: p.sessionId, name: p.name, avatar: p.avatar, typing: p.typing, connected: p.connected, role: p.role, muted: p.muted, signedIn: p.userId !== "" });
const lineOf = (m: ChatEntry): ChatLine => ({ id: m.id, authorName: m.authorName, authorSessionId: m.authorSessionId, text: m.text, at: m.at, reactions: m.reactions });

export class LoungePage {
  readonly root = el("main", { class: "lounge-page" });
  private connection: LoungeConnection | undefined;
  private game: LoungeGame | undefined;
  private chat: ChatPanel | undefined;
  private list: LoungeList | undefined;
  private banner: ConnectionBanner | undefined;
  private cleanups: (() => void)[] = [];
  private destroyed = false;
  /** From the link (?invite=): admits to a private lounge. */
  private readonly inviteCode = inviteCodeOf(window.location.search);

  constructor(private readonly loungeId: string, private readonly client: Client, private readonly navigate: Navigate, private readonly nav: NavigationState) {
    this.root.append(el("div", { class: "center-card card" }, el("span", { class: "spinner" }), " Finding the lounge…"));
    void this.open();
  }

  private async open(): Promise<void> {
    let lounge: LoungeDto;
    try {
      [lounge] = await Promise.all([api.getLounge(this.loungeId, this.inviteCode), session.load()]);
    } catch (err) {
      if (this.destroyed) return;
      if (err instanceof ApiFailure && err.status === 404) return this.showNotFound(err.message);
      // The lounge is private and this browser may not see it: no invite, or one that stopped working.
      if (err instanceof ApiFailure && err.code === "INVITE_INVALID") return this.showRefusal(JoinErrorCode.INVITE_INVALID, err.message);
      if (err instanceof ApiFailure && err.status === 403 && err.code === "PRIVATE_LOUNGE") {
        return this.showRefusal(this.inviteCode ? JoinErrorCode.INVITE_INVALID : JoinErrorCode.INVITE_REQUIRED, undefined);
      }
      return this.showProblem(errorMessage(err), () => { void this.open(); });
    }
    if (this.destroyed) return;
    document.title = `${lounge.name} · Chill Lounge`;
    const user = session.user;
    const saved = loadIdentity();
    if (this.nav.autojoin && user) return this.enter(lounge, identityOf(user));
    if (this.nav.autojoin && !nameProblem(saved.name)) return this.enter(lounge, saved);
    this.showJoinCard(lounge);
  }

  /** Why the lounge would not let you in, and buttons for what to do about it. */
  private showRefusal(code: number, serverMessage: string | undefined): void {
    this.teardown();
    const card = refusalCard(code, serverMessage, {
      signedIn: session.user !== null, hadInvite: this.inviteCode !== undefined,
      retry: () => { this.root.replaceChildren(el("div", { class: "center-card card" }, el("span", { class: "spinner" }), " Trying again…")); void this.open(); },
      // An expired or unknown session cookie is what refused the join: drop it, then come back in.
      continueAsGuest: () => session.signOut().catch(() => undefined).finally(() => { if (!this.destroyed) void this.open(); }),
    });
    this.root.replaceChildren(card);
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
    const user = session.user;
    if (user) return this.showProfileJoinCard(lounge, user, problem);
    // Someone who pressed Join or Start without a name comes here: say why the card asks.
    const picker = new IdentityPicker({ nameHint: this.nav.autojoin ? "Pick the name the others will see, then join." : undefined });
    const submit = el("button", { class: "button primary", type: "submit" }, "Join the lounge");
    const form = checkedForm({ class: "card join-card" },
      el("h1", {}, lounge.name),
      el("p", { class: "muted" }, `${lounge.online} of ${lounge.capacity} people inside`),
      picker.root, el("div", { class: "join-actions" }, submit, el("a", { class: "button", href: "/" }, "Other lounges")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const identity = picker.validate();
      if (identity) this.enter(lounge, identity);
    });
    this.root.replaceChildren(form);
    if (problem) picker.showProblem(problem); else picker.focus();
  }

  /** Signed in: you come in as your profile, one click. */
  private showProfileJoinCard(lounge: LoungeDto, user: UserDto, problem?: string): void {
    const identity = identityOf(user);
    const avatar: AvatarId = avatarOr(identity.avatar, "fox");
    const submit = el("button", { class: "button primary", type: "submit" }, "Join the lounge");
    const form = checkedForm({ class: "card join-card" },
      el("h1", {}, lounge.name),
      el("p", { class: "muted" }, `${lounge.online} of ${lounge.capacity} people inside`),
      el("p", { class: "join-as" }, avatarCanvas(avatar, "down", 40), " You join as ", el("strong", {}, identity.name), "."),
      el("p", { class: "muted small" }, "Change your name or avatar on the start page."),
      el("div", { class: "join-actions" }, submit, el("a", { class: "button", href: "/" }, "Other lounges")),
      problem ? el("p", { class: "field-problem", role: "alert" }, problem) : null);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.enter(lounge, identity);
    });
    this.root.replaceChildren(form);
    submit.focus();
  }

  private async enter(lounge: LoungeDto, identity: Identity): Promise<void> {
    const map = getMap(lounge.mapId) ?? getMap(defaultMapId);
    if (!map) throw new Error("no maps");
    const connection = new LoungeConnection(loungeServerUrl(), { loungeId: lounge.id, name: identity.name, avatar: identity.avatar, inviteCode: this.inviteCode },
      defaultBackoff, (kind, notice) => removedMessage(kind, notice, Date.now()));
    this.connection = connection;
    const sender = new ChatSender(connection);
    const toasts = new Toasts();
    const admin = new LoungeAdminPanel({
      loungeId: lounge.id, visibility: lounge.visibility, toast: (m) => toasts.show(m),
      setSlowMode: (seconds) => ask(connection, "mod:slow-mode", { seconds }),
    });
    // "Manage lounge" reloads when the server says moderation changed (moderationChanged below).
    const people = new PeoplePanel({ moderate: (action, person, opts) => moderate(connection, action, person, opts).then((done) => { toasts.show(done); }) });
    const typingNames = new Map<string, string>();
    const chat = new ChatPanel({
      loungeId: lounge.id,
      selfId: () => connection.sessionId,
      send: (text) => sender.send(text),
      retry: (nonce) => sender.retry(nonce),
      discard: (nonce) => sender.discard(nonce),
      setTyping: (typing) => { connection.send("chat:typing", { typing }); },
      react: (messageId, emoji, on) => { connection.send("chat:react", { messageId, emoji, on }); },
      deleteMessage: (messageId) => {
        ask(connection, "mod:delete", { messageId }).then(() => { toasts.show("Message deleted for everyone."); }, (err: Error) => toasts.show(err.message));
      },
    });
    this.chat = chat;
    const banner = new ConnectionBanner(() => connection.retryNow());
    this.banner = banner;
    const music = listenTogether(connection, { loungeId: lounge.id, inviteCode: this.inviteCode, displayName: identity.name, listeners: () => people.count, onError: (m) => toasts.show(m) });
    this.cleanups.push(() => music.dispose());
    // The server's clock as this page estimates it (the page's own before the first sample).
    const serverNow = () => music.listening.clock.serverNow() ?? Date.now();
    const spots = new TableSpots(map);
    const tables = new TableDock({ spots, requests: new TableRequests(connection), selfId: () => connection.sessionId, serverNow });
    this.cleanups.push(() => tables.destroy());
    // simple-peer loads with the first "Join voice", not with the page.
    const voice = new VoiceMesh(voiceRoomOf(connection, serverNow), () => import("../voice/simple-peer-transport.ts").then((m) => m.simplePeerTransport));
    const voicePanel = new VoicePanel({
      mesh: voice,
      nameOf: (id) => connection.state?.players.get(id)?.name ?? "Someone",
      othersInVoice: () => [...(connection.state?.voice.keys() ?? [])].filter((id) => id !== connection.sessionId).length,
    });
    this.cleanups.push(() => { voicePanel.destroy(); voice.destroy(); });

    // Inviting people: a "Copy link" in the header, and a prompt with the same while you are alone.
    const link = new LoungeLink(lounge.id, lounge.visibility);
    const share = new ShareButton(link);
    const emptyRoom = new EmptyRoomPrompt(link);
    this.cleanups.push(() => { share.destroy(); emptyRoom.destroy(); });
    const showCount = () => emptyRoom.setCount(people.count);

    // Layout: the world fills the stage; the side panel holds people and chat (a sheet on phones).
    const stage = el("div", { class: "stage" });
    const peopleToggle = el("button", { class: "icon-button people-toggle", type: "button", "aria-label": "People", "aria-expanded": "false" }, "👥");
    const chatToggle = el("button", { class: "icon-button chat-toggle", type: "button", "aria-label": "Chat", "aria-expanded": "false" }, "💬");
    const leave = el("button", { class: "button small", type: "button" }, "Leave");
    const topbar = el("header", { class: "topbar" },
      el("a", { class: "brand", href: "/", "aria-label": "Chill Lounge start page" }, "☕"),
      el("h1", { class: "lounge-title" }, lounge.name), banner.pill, el("span", { class: "spacer" }), share.root, voicePanel.toggle, peopleToggle, chatToggle, leave);
    const side = el("aside", { class: "side" }, music.root, admin.root, people.root, chat.root);
    const hint = el("p", { class: "hint" }, "Click or tap the floor to walk · arrows/WASD · 1–6 emotes · Enter to chat");
    const emotesBar = emoteBar((emote) => { connection.send("avatar:emote", { emote }); });
    const bottomLeft = el("div", { class: "bottom-left" }, emotesBar, hint);
    this.root.replaceChildren(el("div", { class: "lounge" }, stage, topbar, banner.banner, emptyRoom.root, toasts.root, bottomLeft, tables.root, voicePanel.panel, side));
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
    const game = startGame(stage, { map, serverNow, onTap: (x, y) => {
      // A click on a card table (or one of its chairs) opens its panel, and walks you over.
      const spot = spots.at(x, y);
      if (spot) tables.open(spot.id);
      connection.send("avatar:move", { x, y });
    } });
    this.game = game;
    const scene = game.scene;
    this.cleanups.push(keepClearOfOverlays(scene, stage, topbar, [side, bottomLeft, tables.root]));

    const refreshTyping = () => chat.showTyping([...typingNames.values()]);
    let myRole: Role | undefined;
    let toldSignedOut = false;
    // Where your avatar is, for the card tables' panels: at each new leg, and again when a leg
    // arrives (a walk that ends changes nothing in the state, so no patch says so).
    let arrival: ReturnType<typeof setTimeout> | undefined;
    this.cleanups.push(() => clearTimeout(arrival));
    const placeSelf = (p: Player) => {
      const now = serverNow();
      const here = positionAt(p, now);
      tables.selfMoved(here.x, here.y);
      clearTimeout(arrival);
      arrival = isWalkingAt(p, now) ? setTimeout(() => placeSelf(p), p.arrivesAt - now + 20) : undefined;
    };
    const onPlayer = (p: Player) => {
      if (p.sessionId === connection.sessionId) {
        placeSelf(p);
        const role: Role = isRole(p.role) ? p.role : "guest";
        if (role !== myRole) {
          myRole = role;
          people.setViewerRole(role);
          admin.setRole(role);
          link.setRole(role);
          chat.setModerator(canModerate(role));
        }
        chat.setMuted(p.muted ? "A moderator muted you: you cannot chat for now." : undefined);
        // Any API call clears a cookie whose session ended (signed out everywhere, expired), so the
        // join went through as a guest: say so rather than let the person think they are signed in.
        if (session.user && p.userId === "" && !toldSignedOut) {
          toldSignedOut = true;
          toasts.show("Your sign-in has ended, so you are here as a guest. Sign in again on the start page to use your account.", 10_000);
          void session.load(true);
        }
      }
      scene.upsertPlayer(lookOf(p));
      people.upsert(personOf(p));
      if (p.typing && p.sessionId !== connection.sessionId) typingNames.set(p.sessionId, p.name); else typingNames.delete(p.sessionId);
      refreshTyping();
    };
    connection.on("status", (s) => {
      banner.show(s);
      // The room takes a dropped member out of voice; back in, voice is joined again.
      if (s.kind === "connected") voice.connectionBack(); else if (s.kind !== "connecting") voice.connectionLost();
    });
    connection.on("lounge", (info) => {
      chat.setSlowMode(info.slowModeSeconds);
      admin.showSlowMode(info.slowModeSeconds);
    });
    connection.on("seat", (sessionId) => {
      scene.clearPlayers();
      scene.setSelf(sessionId);
      people.clear();
      people.setSelf(sessionId);
      showCount();
      typingNames.clear();
      chat.resetSeat();
      tables.reset();
      voice.connectionLost();
    });
    connection.on("table", (table) => tables.update(table));
    const showVoice = (id: string) => {
      const member = connection.state?.voice.get(id);
      scene.setVoice(id, member ? { speaking: member.speaking, muted: member.muted } : undefined);
    };
    connection.on("voiceMember", showVoice);
    connection.on("voiceMemberRemoved", (id) => scene.setVoice(id, undefined));
    connection.on("voiceSignal", ({ from, data }) => { if (typeof data === "object" && data !== null) voice.onSignal(from, data as SignalData); });
    connection.on("voiceGone", ({ sessionId }) => voice.onGone(sessionId));
    connection.on("playerAdded", (p) => { onPlayer(p); showVoice(p.sessionId); showCount(); });
    connection.on("playerChanged", onPlayer);
    connection.on("playerRemoved", (id) => { scene.removePlayer(id); people.remove(id); typingNames.delete(id); refreshTyping(); showCount(); });
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
    // The recent chat is in (it follows the state): only now does an empty top mean older history.
    connection.on("chatSynced", () => chat.ready());
    // Another moderator (or this owner in another tab) changed bans, members or the log.
    connection.on("moderationChanged", () => admin.refresh());
    connection.on("emote", ({ sessionId, emote }) => scene.emote(sessionId, emote));
    connection.on("serverError", (e) => toasts.show(e.message));
    // A kick or ban closes the connection right after: the banner tells that story instead.
    connection.on("moderated", (n) => { if (n.action === "mute" || n.action === "unmute") toasts.show(moderatedNotice(n, Date.now()), 8000); });
    sender.outbox.subscribe((item) => chat.outgoing(item));

    this.cleanups.push(installControls({
      walk: (dx, dy) => connection.walk(dx, dy),
      emote: (emote) => { connection.send("avatar:emote", { emote }); },
      focusChat: () => { if (!this.root.classList.contains("show-chat")) chatToggle.click(); chat.input.focus(); },
    }));
    this.cleanups.push(installTestHooks(connection, scene, music.listening, voice, serverNow));
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
        if (err.code === JoinErrorCode.LOUNGE_NOT_FOUND || err.code === 4404) return this.showNotFound(err.message);
        // A name or avatar the server did not take: pick again on the same card.
        if (err.code === JoinErrorCode.INVALID_OPTIONS) return this.showJoinCard(lounge, err.message);
        return this.showRefusal(err.code, err.message);
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

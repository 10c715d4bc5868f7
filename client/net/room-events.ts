// What a lounge room's decoded state and messages mean to the page, as typed events: people
// coming, changing and going, chat arriving (or deleted), playback changes, card tables, emotes,
// voice members and signalling, and errors.
import { Callbacks, type Room } from "@colyseus/sdk";
import type { LoungeState, LoungeInfo, Player } from "../../shared/state/lounge-state.ts";
import type { Playback } from "../../shared/state/playback-state.ts";
import type { Table } from "../../shared/features/tables.ts";
import type { ChatDeleted, ChatEntry, ChatReactions, ChatRecent, ModeratedNotice, ModerationChanged } from "../../shared/protocol.ts";
import { isErrorPayload, type ErrorPayload } from "../../shared/errors.ts";
import type { Emote } from "../../shared/avatars.ts";
import type { VoiceGone, VoiceMember, VoiceSignal } from "../../shared/features/voice.ts";
import type { ChatFeed, ChatFeedEvents } from "./chat-feed.ts";

export type ConnectionStatus =
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "reconnecting"; attempt: number; retryAt: number }
  /** `retry` says what the retry button does: get the held seat back, or take a new one. */
  | { kind: "failed"; message: string; retry: "reconnect" | "rejoin" | "none" };

export interface LoungeEvents extends ChatFeedEvents {
  status: [ConnectionStatus];
  /** A new seat (first join or rejoin): everything shown so far belongs to the old one. */
  seat: [sessionId: string];
  playerAdded: [Player];
  playerChanged: [Player];
  playerRemoved: [sessionId: string];
  /** What plays, the queue or the votes changed. */
  playback: [Playback];
  emote: [{ sessionId: string; emote: Emote }];
  serverError: [ErrorPayload];
  moderated: [ModeratedNotice];
  /** Bans, members or the audit log changed (sent to the owner and moderators only). */
  moderationChanged: [ModerationChanged];
  /** The lounge's own settings changed (slow mode, for one). */
  lounge: [LoungeInfo];
  /** Something at a card table changed (seats, phase, views, result); may come several times a patch. */
  table: [Table];
  /** Someone joined voice, or their muted / speaking flags changed. */
  voiceMember: [sessionId: string, VoiceMember];
  voiceMemberRemoved: [sessionId: string];
  /** WebRTC signalling from another member (client/voice). */
  voiceSignal: [VoiceSignal];
  /** A member left voice or dropped: close the link to them now. */
  voiceGone: [VoiceGone];
}

export interface EventSink {
  emit<K extends keyof LoungeEvents>(event: K, ...args: LoungeEvents[K]): void;
}

/**
 * Subscribes to `room` and emits its events into `sink`. `known` holds the session ids shown so
 * far and is kept up to date; once the first state has arrived, anyone known but absent from it
 * is reported gone and `loaded` runs. Chat goes through `chat`, which outlives the room (reconnects).
 */
export function bindRoomEvents(room: Room<unknown, LoungeState>, sink: EventSink, known: Set<string>, chat: ChatFeed, loaded: () => void): void {
  const callbacks = Callbacks.get(room);
  let isLoaded = false;
  const present = new Set<string>();

  callbacks.onAdd("players", (player, sessionId) => {
    present.add(sessionId);
    known.add(sessionId);
    sink.emit("playerAdded", player);
    callbacks.onChange(player, () => sink.emit("playerChanged", player));
  });
  callbacks.onRemove("players", (_player, sessionId) => {
    present.delete(sessionId);
    known.delete(sessionId);
    sink.emit("playerRemoved", sessionId);
  });
  callbacks.listen("lounge", (info) => {
    if (!info) return;
    callbacks.onChange(info, () => sink.emit("lounge", info));
    sink.emit("lounge", info);
  });
  callbacks.listen("playback", (playback) => {
    if (!playback) return;
    const changed = () => sink.emit("playback", playback);
    callbacks.onChange(playback, changed);
    callbacks.listen(playback, "current", (current) => { if (current) callbacks.onChange(current, changed); changed(); });
    callbacks.onAdd(playback, "queue", changed);
    callbacks.onRemove(playback, "queue", changed);
    callbacks.onAdd(playback, "skipVotes", changed);
    callbacks.onRemove(playback, "skipVotes", changed);
    changed();
  });

  callbacks.onAdd("tables", (table) => {
    const changed = () => sink.emit("table", table);
    callbacks.onChange(table, changed);
    // A seat's own `private` field (your hand) changes the seat, not the table.
    callbacks.onAdd(table, "seats", (seat) => { callbacks.onChange(seat, changed); changed(); });
    callbacks.onAdd(table, "spectators", changed);
    callbacks.onRemove(table, "spectators", changed);
    callbacks.onAdd(table, "toAct", changed);
    callbacks.onRemove(table, "toAct", changed);
    changed();
  });

  callbacks.onAdd("voice", (member, sessionId) => {
    sink.emit("voiceMember", sessionId, member);
    callbacks.onChange(member, () => sink.emit("voiceMember", sessionId, member));
  });
  callbacks.onRemove("voice", (_member, sessionId) => sink.emit("voiceMemberRemoved", sessionId));

  room.onStateChange(() => {
    if (isLoaded) return;
    isLoaded = true;
    for (const id of [...known]) {
      if (!present.has(id)) { known.delete(id); sink.emit("playerRemoved", id); }
    }
    loaded();
  });

  room.onMessage("emote", (p: { sessionId: string; emote: Emote }) => sink.emit("emote", p));
  room.onMessage("error", (p: unknown) => { if (isErrorPayload(p)) sink.emit("serverError", p); });
  room.onMessage("moderated", (p: ModeratedNotice) => sink.emit("moderated", p));
  // Chat is not in the state: each message comes as it is stored, the recent window on (re)joining.
  room.onMessage("chat:message", (p: ChatEntry) => chat.message(p));
  room.onMessage("chat:recent", (p: ChatRecent) => chat.recent(p.messages));
  room.onMessage("chat:reactions", (p: ChatReactions) => chat.reactions(p));
  room.onMessage("chat:deleted", (p: ChatDeleted) => chat.deleted(p.messageId));
  room.onMessage("voice:signal", (p: VoiceSignal) => sink.emit("voiceSignal", p));
  room.onMessage("voice:gone", (p: VoiceGone) => sink.emit("voiceGone", p));
  room.onMessage("moderation:changed", (p: ModerationChanged) => sink.emit("moderationChanged", p));
}

// What the widget tells its host page: joined, messages, who is here and what plays, each only
// when it changed, shaped as shared/embed/protocol.ts's widget events.
import type { Player } from "../../shared/state/lounge-state.ts";
import type { ChatEntry } from "../../shared/features/chat.ts";
import type { Playback } from "../../shared/state/playback-state.ts";
import type { HostLink } from "./host-link.ts";

export class HostEvents {
  private joined = false;
  private lastPeople = "";
  private lastPlaying = "";
  private peopleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly link: HostLink | undefined) {}

  /** True the first time only. */
  join(loungeId: string, sessionId: string, name: string): boolean {
    if (this.joined) return false;
    this.joined = true;
    this.link?.send({ type: "joined", loungeId, sessionId, name });
    return true;
  }

  message(m: ChatEntry, self: boolean): void {
    this.link?.send({ type: "message", id: m.id, author: m.authorName, text: m.text, at: m.at, self });
  }

  /** Coalesced: a patch may add and change several people at once. */
  people(players: Player[]): void {
    clearTimeout(this.peopleTimer);
    this.peopleTimer = setTimeout(() => {
      const people = players.map((p) => ({ sessionId: p.sessionId, name: p.name, avatar: p.avatar }));
      const key = JSON.stringify(people);
      if (key === this.lastPeople) return;
      this.lastPeople = key;
      this.link?.send({ type: "people", people });
    }, 50);
  }

  nowPlaying(p: Playback): void {
    const idle = p.status === "idle";
    const event = { type: "nowPlaying" as const, title: idle ? null : p.current.title, artist: idle ? null : p.current.artist, status: p.status };
    const key = JSON.stringify(event);
    if (key === this.lastPlaying) return;
    this.lastPlaying = key;
    this.link?.send(event);
  }

  error(code: string, message: string): void {
    this.link?.send({ type: "error", code, message });
  }
}

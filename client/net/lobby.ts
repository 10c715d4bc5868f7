// The start page's list of public lounges: the REST list (every public lounge, open or not) kept
// live by Colyseus' lobby room, which announces open lounges and their head counts as they change.
import { Client, type Room } from "@colyseus/sdk";
import type { LoungeDto } from "../../shared/api.ts";
import { api } from "./api.ts";
import { Emitter } from "./emitter.ts";
import { RoomName } from "../../shared/rooms.ts";

export interface LoungeListing { id: string; name: string; online: number; capacity: number; mapId: string }

/** A room as the lobby describes it (only the fields we read, checked). */
export interface LobbyRoomListing { roomId: string; clients: number; maxClients: number; metadata?: { name?: unknown; mapId?: unknown; capacity?: unknown } }

function isLobbyListing(v: unknown): v is LobbyRoomListing {
  return typeof v === "object" && v !== null && "roomId" in v && typeof v.roomId === "string" && "clients" in v && typeof v.clients === "number";
}

/** Pure: applies one lobby message ("rooms", "+", "-") to the live head counts by lounge id. */
export function applyLobbyMessage(live: Map<string, LobbyRoomListing>, type: string, payload: unknown): void {
  if (type === "rooms" && Array.isArray(payload)) {
    live.clear();
    for (const r of payload) if (isLobbyListing(r)) live.set(r.roomId, r);
  } else if (type === "+" && Array.isArray(payload) && isLobbyListing(payload[1])) {
    live.set(payload[1].roomId, payload[1]);
  } else if (type === "-" && typeof payload === "string") {
    live.delete(payload);
  }
}

/**
 * Pure: the list to show — known lounges with live counts, plus open ones the REST list missed;
 * busiest first. With the lobby connected, a lounge it does not list is empty (its room is closed).
 */
export function mergeListings(known: readonly LoungeDto[], live: ReadonlyMap<string, LobbyRoomListing>, lobbyConnected: boolean): LoungeListing[] {
  const out = new Map<string, LoungeListing>();
  for (const l of known) {
    const online = lobbyConnected ? (live.get(l.id)?.clients ?? 0) : l.online;
    out.set(l.id, { id: l.id, name: l.name, online, capacity: l.capacity, mapId: l.mapId });
  }
  for (const r of live.values()) {
    if (out.has(r.roomId)) continue;
    const m = r.metadata ?? {};
    out.set(r.roomId, {
      id: r.roomId, name: typeof m.name === "string" ? m.name : r.roomId, online: r.clients,
      capacity: typeof m.capacity === "number" ? m.capacity : r.maxClients, mapId: typeof m.mapId === "string" ? m.mapId : "lounge",
    });
  }
  // Busiest first; otherwise the REST order (newest first) is kept, as sort is stable.
  return [...out.values()].sort((a, b) => b.online - a.online);
}

export class LoungeDirectory extends Emitter<{ change: [LoungeListing[]]; error: [string] }> {
  private known: LoungeDto[] = [];
  private readonly live = new Map<string, LobbyRoomListing>();
  private lobby: Room | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly client: Client) { super(); }

  async start(): Promise<void> {
    await this.refresh();
    // Lounges nobody is in yet do not show up in the lobby; poll the REST list for them now and then.
    this.timer = setInterval(() => { void this.refresh(); }, 20_000);
    await this.connectLobby();
  }

  listings(): LoungeListing[] {
    return mergeListings(this.known, this.live, this.lobby !== undefined);
  }

  async refresh(): Promise<void> {
    try {
      this.known = await api.listLounges();
      this.emit("change", this.listings());
    } catch (err) {
      this.emit("error", (err as Error).message);
    }
  }

  private async connectLobby(): Promise<void> {
    try {
      const lobby = await this.client.joinOrCreate(RoomName.lobby, { filter: { name: RoomName.lounge } });
      if (this.closed) { void lobby.leave(); return; }
      this.lobby = lobby;
      for (const type of ["rooms", "+", "-"]) {
        lobby.onMessage(type, (payload: unknown) => {
          applyLobbyMessage(this.live, type, payload);
          this.emit("change", this.listings());
        });
      }
      lobby.onLeave(() => { this.lobby = undefined; });
    } catch {
      // Without the lobby the list still works, refreshed by polling.
    }
  }

  stop(): void {
    this.closed = true;
    clearInterval(this.timer);
    void this.lobby?.leave();
    this.clear();
  }
}

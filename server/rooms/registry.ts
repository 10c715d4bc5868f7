// The room registry: every Room type this server defines, in one place that app.ts loops over.
// The built-in lounge and Colyseus' lobby are registered here; a mod registers its own Room types
// through `LoungeMod.register`, named in LOUNGE_MODS (docs/modding.md).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LobbyRoom, type Server } from "@colyseus/core";
import { RoomName } from "../../shared/rooms.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { defineLoungeRoom, type LoungeRoomClass, type LoungeRoomSpec } from "./lounge-room.ts";
import { ChatFeature } from "../features/chat.ts";
import { AvatarFeature } from "../features/avatars.ts";
import { ClockFeature } from "../features/clock.ts";
import { PlaybackFeature } from "../features/playback.ts";
import { ModerationFeature } from "../features/moderation.ts";
import { TableFeature } from "../features/tables.ts";
import { VoiceFeature } from "../features/voice.ts";

/** The built-in lounge's features. A mod's Room type can spread these and add its own. */
export function loungeFeatures() {
  return {
    chat: new ChatFeature(), avatars: new AvatarFeature(), clock: new ClockFeature(),
    playback: new PlaybackFeature(), moderation: new ModerationFeature(), tables: new TableFeature(),
    voice: new VoiceFeature(),
  };
}

/** Any Colyseus room class, as `server.define` takes it. */
type AnyRoomClass = Parameters<Server["define"]>[1];

interface RegisteredRoom {
  name: string;
  room: AnyRoomClass;
  /** A lounge room: one per lounge record (filtered by loungeId), listed live in the lobby. */
  lounge: boolean;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, RegisteredRoom>();

  /** Registers a Room type composed of features; returns its class (for tests and subclasses). */
  addLounge<S extends LoungeState>(spec: LoungeRoomSpec<S>): LoungeRoomClass {
    const room = defineLoungeRoom(spec);
    this.add({ name: spec.name, room, lounge: true });
    return room;
  }

  /** Registers any other Colyseus room under `name`. */
  addRoom(name: string, room: AnyRoomClass): void {
    this.add({ name, room, lounge: false });
  }

  /** The names lounge records may carry as their kind. */
  get loungeKinds(): string[] {
    return [...this.rooms.values()].filter((r) => r.lounge).map((r) => r.name);
  }

  /** Defines every registered room on the Colyseus server. */
  defineOn(server: Server): void {
    for (const { name, room, lounge } of this.rooms.values()) {
      const handler = server.define(name, room);
      if (lounge) handler.filterBy(["loungeId"]).enableRealtimeListing();
    }
  }

  private add(entry: RegisteredRoom): void {
    if (this.rooms.has(entry.name)) throw new Error(`Two Room types are registered as "${entry.name}"; rename one of them.`);
    this.rooms.set(entry.name, entry);
  }
}

/** What a mod module default-exports. */
export interface LoungeMod {
  /** A name for logs. */
  name: string;
  register(rooms: RoomRegistry): void;
}

/** The server's own Room types. */
export function builtInRooms(): RoomRegistry {
  const rooms = new RoomRegistry();
  rooms.addLounge({ name: RoomName.lounge, features: loungeFeatures });
  rooms.addRoom(RoomName.lobby, LobbyRoom);
  return rooms;
}

/**
 * Loads a module in the module system this file runs in, so that the mod shares this server's
 * modules (its LoungeState class above all, or schema encoding fails). Under a CommonJS loader
 * (tsx inside mocha) an import() would load a second copy of every module the mod imports.
 */
async function loadModule(specifier: string): Promise<unknown> {
  const local = specifier.startsWith(".") || path.isAbsolute(specifier);
  if (typeof require === "function") return require(local ? path.resolve(specifier) : specifier) as unknown;
  return import(local ? pathToFileURL(path.resolve(specifier)).href : specifier);
}

/** Loads each mod named in LOUNGE_MODS and lets it register its Room types. */
export async function loadMods(rooms: RoomRegistry, specifiers: readonly string[]): Promise<string[]> {
  const loaded: string[] = [];
  for (const specifier of specifiers) {
    let mod: { default?: LoungeMod };
    try {
      mod = await loadModule(specifier) as { default?: LoungeMod };
    } catch (err) {
      throw new Error(`LOUNGE_MODS: could not load "${specifier}": ${err instanceof Error ? err.message : String(err)}. Check the path (relative to where the server starts).`, { cause: err });
    }
    if (!mod.default || typeof mod.default.register !== "function") {
      throw new Error(`LOUNGE_MODS: "${specifier}" has no default export with a register(rooms) function; see docs/modding.md.`);
    }
    mod.default.register(rooms);
    loaded.push(mod.default.name);
  }
  return loaded;
}

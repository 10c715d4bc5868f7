// The schema-serialized state of a lounge. The server owns it; Colyseus sends binary deltas of it.
import { schema, t, type SchemaType } from "@colyseus/schema";
import { Playback } from "./playback-state.ts";
import { Table } from "../features/tables.ts";
import { VoiceMember } from "../features/voice.ts";

export const LoungeInfo = schema({
  id: t.string(),
  name: t.string(),
  mapId: t.string(),
  capacity: t.uint16(),
  /** "public" | "unlisted" | "private". */
  visibility: t.string().default("public"),
  /** The owner's user id; "" when a guest created the lounge. */
  ownerId: t.string().default(""),
  /** Minimum seconds between two messages of one person; 0 = off. Owner and moderators are exempt. */
  slowModeSeconds: t.uint16().default(0),
}, "LoungeInfo");
export type LoungeInfo = SchemaType<typeof LoungeInfo>;

export const Player = schema({
  sessionId: t.string(),
  userId: t.string().default(""),
  name: t.string(),
  avatar: t.string(),
  // Where the avatar is: a straight leg of walking (shared/movement.ts: positionAt). Standing, it
  // is at (x, y); walking, it left (x, y) at `startedAt` and reaches (toX, toY) at `arrivesAt`
  // (server time, ms since the epoch), and stands there after it. Clients compute positions in
  // between; nothing ticks. Stopped mid-leg, `moving` is false and it stands at (x, y); toX, toY and
  // arrivesAt are then left over from the last leg and mean nothing (shared/movement.ts: Motion).
  x: t.float32(),
  y: t.float32(),
  toX: t.float32().default(0),
  toY: t.float32().default(0),
  startedAt: t.float64().default(0),
  arrivesAt: t.float64().default(0),
  dir: t.string().default("down"),
  moving: t.boolean().default(false),
  typing: t.boolean().default(false),
  /** False while the player's connection is dropped and their seat is held for a reconnect. */
  connected: t.boolean().default(true),
  joinedAt: t.float64(),
  /** Role in this lounge: "owner" | "moderator" | "dj" | "member" | "guest" (shared/moderation.ts). */
  role: t.string().default("guest"),
  /** True while a moderator has muted this person's chat. */
  muted: t.boolean().default(false),
}, "Player");
export type Player = SchemaType<typeof Player>;

export const LoungeState = schema({
  lounge: t.ref(LoungeInfo),
  players: t.map(Player),
  // No chat here: messages go out as messages the moment they are stored (shared/features/chat.ts).
  playback: t.ref(Playback),
  /** Card tables by id ("table-1" …), one per card-table spot of the map. */
  tables: t.map(Table),
  /** sessionId → voice member: who is in the lounge's voice mesh, muted or speaking. */
  voice: t.map(VoiceMember),
}, "LoungeState");
export type LoungeState = SchemaType<typeof LoungeState>;

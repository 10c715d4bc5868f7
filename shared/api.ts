// The HTTP API's request and response shapes, shared by the server routes and the browser client.
import { RoomName } from "./rooms.ts";
import { z } from "zod";
import { mapIds, defaultMapId } from "./maps/index.ts";
import { sanitizeDisplayName } from "./text.ts";

export const MAX_CAPACITY = 200;
export const LOUNGE_NAME_MAX_LENGTH = 48;
export const DEFAULT_CAPACITY = 50;

/** public: listed; unlisted: anyone with the link; private: members and invite holders only (needs an owner). */
export const loungeVisibility = z.enum(["public", "unlisted", "private"]);
export type LoungeVisibility = z.infer<typeof loungeVisibility>;

export const createLoungeBody = z.object({
  name: z.string().max(LOUNGE_NAME_MAX_LENGTH * 4).transform(sanitizeDisplayName)
    .pipe(z.string().min(1, "Give the lounge a name.").max(LOUNGE_NAME_MAX_LENGTH, `Lounge names are at most ${LOUNGE_NAME_MAX_LENGTH} characters.`)),
  visibility: loungeVisibility.default("public"),
  capacity: z.number().int().min(1).max(MAX_CAPACITY, `A lounge holds at most ${MAX_CAPACITY} people.`).default(DEFAULT_CAPACITY),
  mapId: z.enum(mapIds).default(defaultMapId),
  /** The room kind that serves it: "lounge", or a kind a mod registered. */
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "Room kinds are lowercase letters, digits and dashes.").default(RoomName.lounge),
}).strict();
export type CreateLoungeBody = z.input<typeof createLoungeBody>;

export interface LoungeDto {
  id: string;
  name: string;
  visibility: LoungeVisibility;
  capacity: number;
  mapId: string;
  /** The room kind to join it with: `joinOrCreate(kind, { loungeId })`. */
  kind: string;
  createdAt: string;
  /** People inside right now (0 when the lounge's room is not open). */
  online: number;
  /** The account that created it; null for a lounge a guest created. */
  ownerId: string | null;
  /** Minimum seconds between two messages of one person; 0 when slow mode is off. */
  slowModeSeconds: number;
}

export const chatHistoryQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface ChatMessageDto {
  id: number;
  authorName: string;
  authorSessionId: string;
  text: string;
  at: number;
}

export interface ChatPageDto {
  /** Newest first. */
  messages: ChatMessageDto[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: number | null;
}

/** A track a lounge can queue: shipped in the library, uploaded or copied from a URL. */
export interface TrackDto {
  id: string;
  title: string;
  artist: string;
  /** Read from the audio by the server. */
  durationMs: number;
  /** Same-origin URL with HTTP range support. */
  url: string;
}

export interface ApiError { error: { code: string; message: string } }

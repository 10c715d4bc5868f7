// Lounge records: created over HTTP, loaded by a room when it opens.
import { randomBytes } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { Database } from "./client.ts";
import { lounges, type LoungeRow } from "./schema.ts";
import type { createLoungeBody } from "../../shared/api.ts";
import type { PlaybackControl } from "../../shared/moderation.ts";
import type { z } from "zod";

// Lounge ids double as Colyseus room ids and appear in links: short, URL-safe, unguessable enough
// that an unlisted lounge stays unlisted (12 chars of base32 ≈ 60 bits).
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
export function newLoungeId(): string {
  const bytes = randomBytes(12);
  let id = "";
  for (const b of bytes) id += ALPHABET[b & 31];
  return id;
}

/** The id of the lounge made on a fresh database (links to it read /l/welcome). */
export const DEFAULT_LOUNGE_ID = "welcome";

export class LoungeRepository {
  constructor(private readonly db: Database) {}

  /** `kind` defaults to the built-in lounge. */
  async create(input: Omit<z.output<typeof createLoungeBody>, "kind"> & { kind?: string }, ownerId: string | null = null): Promise<LoungeRow> {
    const [row] = await this.db.insert(lounges).values({ id: newLoungeId(), ownerId, ...input }).returning();
    return row;
  }

  async get(id: string): Promise<LoungeRow | undefined> {
    const [row] = await this.db.select().from(lounges).where(eq(lounges.id, id)).limit(1);
    return row;
  }

  /** Keeps what the features of a closing room want back when it opens again. */
  async saveSnapshot(id: string, snapshot: Record<string, unknown>): Promise<void> {
    await this.db.update(lounges).set({ snapshot }).where(eq(lounges.id, id));
  }

  /** Clears the snapshot once the room that restored it is open, so it is restored once. */
  async clearSnapshot(id: string): Promise<void> {
    await this.db.update(lounges).set({ snapshot: null }).where(eq(lounges.id, id));
  }

  async setSlowMode(id: string, seconds: number): Promise<void> {
    await this.db.update(lounges).set({ slowModeSeconds: seconds }).where(eq(lounges.id, id));
  }

  async setPlaybackControl(id: string, control: PlaybackControl): Promise<void> {
    await this.db.update(lounges).set({ playbackControl: control }).where(eq(lounges.id, id));
  }

  async setEmbedOrigins(id: string, origins: string[]): Promise<void> {
    await this.db.update(lounges).set({ embedOrigins: origins }).where(eq(lounges.id, id));
  }

  /**
   * On a database with no lounge at all, creates the default one under a fixed id, so processes
   * starting together on a fresh database make it once. Returns it when this call made it.
   */
  async createDefault(input: { name: string; mapId: string; capacity: number }): Promise<LoungeRow | undefined> {
    const [existing] = await this.db.select({ id: lounges.id }).from(lounges).limit(1);
    if (existing) return undefined;
    const [row] = await this.db.insert(lounges).values({ id: DEFAULT_LOUNGE_ID, visibility: "public", ...input }).onConflictDoNothing().returning();
    return row;
  }

  async listPublic(limit = 100): Promise<LoungeRow[]> {
    return this.db.select().from(lounges).where(eq(lounges.visibility, "public")).orderBy(desc(lounges.createdAt)).limit(limit);
  }
}

// Accounts: created at registration, read at sign-in and by every session check.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { users, type UserRow } from "./schema.ts";

/** An account to create: the row less what is assigned here (id) or by the database. */
export type NewUser = Omit<typeof users.$inferInsert, "id" | "createdAt">;

/** Postgres' unique_violation: a username taken between our check and our insert. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown; cause?: { code?: unknown } } | null);
  return code?.code === "23505" || code?.cause?.code === "23505";
}

export class UserRepository {
  constructor(private readonly db: Database) {}

  /** The new account, or null when the username is taken (in any letter case). */
  async create(input: NewUser): Promise<UserRow | null> {
    try {
      const [row] = await this.db.insert(users).values({ id: randomUUID(), ...input }).returning();
      return row;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  async byId(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  /** Case-insensitive, served by the unique index on lower(username). */
  async byUsername(username: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase())).limit(1);
    return row;
  }

  async updateProfile(id: string, patch: { displayName?: string; avatar?: string }): Promise<UserRow | undefined> {
    if (patch.displayName === undefined && patch.avatar === undefined) return this.byId(id);
    const [row] = await this.db.update(users).set(patch).where(eq(users.id, id)).returning();
    return row;
  }
}

// Session rows: looked up by id, extended, ended one at a time or all of a user's at once.
import { eq } from "drizzle-orm";
import type { Database } from "./client.ts";
import { sessions, users, type SessionRow, type UserRow } from "./schema.ts";

export class SessionRepository {
  constructor(private readonly db: Database) {}

  async insert(row: { id: string; secretHash: string; userId: string; expiresAt: Date }): Promise<SessionRow> {
    const [created] = await this.db.insert(sessions).values(row).returning();
    return created;
  }

  /** The session and its user in one round trip. */
  async withUser(id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const [row] = await this.db.select({ session: sessions, user: users }).from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id)).limit(1);
    return row;
  }

  async extend(id: string, expiresAt: Date): Promise<void> {
    await this.db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  async deleteAllOf(userId: string): Promise<number> {
    const gone = await this.db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    return gone.length;
  }
}

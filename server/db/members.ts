// Roles of accounts in lounges (owner from lounges.owner_id, the rest from lounge_members).
import { and, desc, eq, or, inArray } from "drizzle-orm";
import type { Database } from "./client.ts";
import { loungeMembers, lounges, users, type LoungeRow } from "./schema.ts";
import type { AssignableRole, Role } from "../../shared/moderation.ts";

export class MemberRepository {
  constructor(private readonly db: Database) {}

  /** The role of an account in a lounge: owner, a stored role, or guest. */
  async roleOf(lounge: Pick<LoungeRow, "id" | "ownerId">, userId: string | null): Promise<Role> {
    if (!userId) return "guest";
    if (lounge.ownerId === userId) return "owner";
    const [row] = await this.db.select({ role: loungeMembers.role }).from(loungeMembers)
      .where(and(eq(loungeMembers.loungeId, lounge.id), eq(loungeMembers.userId, userId))).limit(1);
    return row?.role ?? "guest";
  }

  async setRole(loungeId: string, userId: string, role: AssignableRole): Promise<void> {
    await this.db.insert(loungeMembers).values({ loungeId, userId, role })
      .onConflictDoUpdate({ target: [loungeMembers.loungeId, loungeMembers.userId], set: { role } });
  }

  /** Adds a member unless the account already has a role here (an invite never demotes). */
  async addMember(loungeId: string, userId: string): Promise<void> {
    await this.db.insert(loungeMembers).values({ loungeId, userId, role: "member" }).onConflictDoNothing();
  }

  async remove(loungeId: string, userId: string): Promise<boolean> {
    const gone = await this.db.delete(loungeMembers)
      .where(and(eq(loungeMembers.loungeId, loungeId), eq(loungeMembers.userId, userId))).returning({ userId: loungeMembers.userId });
    return gone.length > 0;
  }

  async list(loungeId: string): Promise<Array<{ userId: string; username: string; displayName: string; role: AssignableRole }>> {
    return this.db.select({ userId: users.id, username: users.username, displayName: users.displayName, role: loungeMembers.role })
      .from(loungeMembers).innerJoin(users, eq(users.id, loungeMembers.userId))
      .where(eq(loungeMembers.loungeId, loungeId)).orderBy(users.username);
  }

  /** Lounges an account owns or has a role in, newest first. */
  async loungesOf(userId: string, limit = 200): Promise<LoungeRow[]> {
    const memberOf = this.db.select({ id: loungeMembers.loungeId }).from(loungeMembers).where(eq(loungeMembers.userId, userId));
    return this.db.select().from(lounges)
      .where(or(eq(lounges.ownerId, userId), inArray(lounges.id, memberOf)))
      .orderBy(desc(lounges.createdAt)).limit(limit);
  }
}

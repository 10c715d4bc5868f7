// Invite codes to private lounges: created and revoked by the owner, redeemed by joining.
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Database, Queryable } from "./client.ts";
import { loungeInvites, loungeInviteRedemptions, type InviteRow } from "./schema.ts";

/** Why an invite did not admit: says what to ask the owner for. */
export type InviteProblem = "unknown" | "revoked" | "expired" | "used-up";

/** What to tell someone whose invite did not admit them. */
export const inviteProblemWords: Record<InviteProblem, string> = {
  unknown: "That invite code does not belong to this lounge; check the link.",
  revoked: "That invite was revoked by the owner; ask them for a new one.",
  expired: "That invite has expired; ask the owner for a new one.",
  "used-up": "That invite has been used up; ask the owner for a new one.",
};

/** Who uses an invite: an account, or a guest by the digest of their guest token. */
export function inviteHolder(userId: string | null, guestKey: string | null): string | null {
  return userId ? `user:${userId}` : guestKey ? `guest:${guestKey}` : null;
}

export function inviteProblem(row: InviteRow | undefined, now = new Date()): InviteProblem | null {
  if (!row) return "unknown";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  if (row.maxUses !== null && row.uses >= row.maxUses) return "used-up";
  return null;
}

/** One invite of one lounge, read through `q`: the database, or the transaction a caller is in. */
async function findInvite(q: Queryable, loungeId: string, code: string): Promise<InviteRow | undefined> {
  const [row] = await q.select().from(loungeInvites)
    .where(and(eq(loungeInvites.loungeId, loungeId), eq(loungeInvites.code, code))).limit(1);
  return row;
}

async function hasRedeemed(q: Queryable, code: string, holder: string): Promise<boolean> {
  const [row] = await q.select({ code: loungeInviteRedemptions.code }).from(loungeInviteRedemptions)
    .where(and(eq(loungeInviteRedemptions.code, code), eq(loungeInviteRedemptions.holder, holder))).limit(1);
  return row !== undefined;
}

export class InviteRepository {
  constructor(private readonly db: Database) {}

  async create(input: { loungeId: string; createdBy: string; expiresAt: Date | null; maxUses: number | null }): Promise<InviteRow> {
    // 80 bits: not guessable, short enough to read out loud.
    const code = encodeBase32LowerCaseNoPadding(randomBytes(10));
    const [row] = await this.db.insert(loungeInvites).values({ code, ...input }).returning();
    return row;
  }

  get(loungeId: string, code: string): Promise<InviteRow | undefined> {
    return findInvite(this.db, loungeId, code);
  }

  async list(loungeId: string): Promise<InviteRow[]> {
    return this.db.select().from(loungeInvites).where(eq(loungeInvites.loungeId, loungeId)).orderBy(desc(loungeInvites.createdAt));
  }

  async revoke(loungeId: string, code: string): Promise<InviteRow | undefined> {
    const [row] = await this.db.update(loungeInvites).set({ revokedAt: new Date() })
      .where(and(eq(loungeInvites.loungeId, loungeId), eq(loungeInvites.code, code), isNull(loungeInvites.revokedAt))).returning();
    return row;
  }

  /** Why the invite would not admit `holder` now (without using it), or null when it would. */
  async check(loungeId: string, code: string, holder: string | null): Promise<InviteProblem | null> {
    const problem = inviteProblem(await findInvite(this.db, loungeId, code));
    if (problem !== "used-up" || holder === null) return problem;
    return (await hasRedeemed(this.db, code, holder)) ? null : problem;
  }

  /**
   * Admits `holder` (`user:<id>` or `guest:<guest key>`) with the invite. The first time it uses the
   * invite once, atomically: two people racing for the last use cannot both get in. Coming back
   * with it uses nothing more, even once it is used up, for as long as it is neither revoked nor
   * expired. Null when it admitted; otherwise why not. Every read inside goes through `tx` (the
   * outer handle throws there: see guardTransactions).
   */
  async redeem(loungeId: string, code: string, holder: string): Promise<InviteProblem | null> {
    return this.db.transaction(async (tx) => {
      if (await hasRedeemed(tx, code, holder)) {
        const problem = inviteProblem(await findInvite(tx, loungeId, code));
        return problem === "used-up" ? null : problem;
      }
      const used = await tx.update(loungeInvites).set({ uses: sql`${loungeInvites.uses} + 1` })
        .where(and(
          eq(loungeInvites.loungeId, loungeId), eq(loungeInvites.code, code), isNull(loungeInvites.revokedAt),
          sql`(${loungeInvites.expiresAt} is null or ${loungeInvites.expiresAt} > now())`,
          sql`(${loungeInvites.maxUses} is null or ${loungeInvites.uses} < ${loungeInvites.maxUses})`,
        )).returning({ code: loungeInvites.code });
      if (used.length === 0) return inviteProblem(await findInvite(tx, loungeId, code)) ?? "used-up";
      await tx.insert(loungeInviteRedemptions).values({ code, holder }).onConflictDoNothing();
      return null;
    });
  }
}

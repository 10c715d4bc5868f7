// Bans and mutes of a lounge, and the audit log of every moderation action.
import { and, desc, eq, gt, isNull, or, type SQL } from "drizzle-orm";
import type { Database } from "./client.ts";
import { loungeSanctions, moderationAudit, type AuditRow, type SanctionRow } from "./schema.ts";
import type { ModerationAction } from "../../shared/moderation.ts";

export type SanctionKind = "ban" | "mute";

/**
 * Who a sanction is about: an account, a guest session, or (a banned account's) both; and, for a
 * guest joining, the address it comes from (matched against guest bans recorded with one).
 */
export interface Target { userId: string | null; guestKey: string | null; guestAddress?: string | null }

/** A mute or ban to record: the row less what the database assigns. */
export type NewSanction = Omit<typeof loungeSanctions.$inferInsert, "id" | "createdAt" | "liftedAt">;

/** An audit row to write; `action` is one the "Manage lounge" panel knows how to word. */
export type NewAuditEntry = Omit<typeof moderationAudit.$inferInsert, "id" | "createdAt" | "action"> & { action: ModerationAction };

function matching(target: Target): SQL | undefined {
  const who: SQL[] = [];
  if (target.userId) who.push(eq(loungeSanctions.userId, target.userId));
  if (target.guestKey) who.push(eq(loungeSanctions.guestKey, target.guestKey));
  if (target.guestAddress) who.push(and(eq(loungeSanctions.address, target.guestAddress), isNull(loungeSanctions.userId)) as SQL);
  return who.length > 0 ? or(...who) : undefined;
}

const inForce = () => and(isNull(loungeSanctions.liftedAt), or(isNull(loungeSanctions.expiresAt), gt(loungeSanctions.expiresAt, new Date())));

export class ModerationRepository {
  constructor(private readonly db: Database) {}

  async addSanction(s: NewSanction): Promise<SanctionRow> {
    const [row] = await this.db.insert(loungeSanctions).values(s).returning();
    return row;
  }

  /** The sanction of this kind in force against the target, the one ending last first. */
  async activeSanction(loungeId: string, kind: SanctionKind, target: Target): Promise<SanctionRow | undefined> {
    const who = matching(target);
    if (!who) return undefined;
    const [row] = await this.db.select().from(loungeSanctions)
      .where(and(eq(loungeSanctions.loungeId, loungeId), eq(loungeSanctions.kind, kind), inForce(), who))
      .orderBy(desc(loungeSanctions.expiresAt)).limit(1);
    return row;
  }

  /** Lifts every sanction of this kind in force against the target; how many. */
  async lift(loungeId: string, kind: SanctionKind, target: Target): Promise<number> {
    const who = matching(target);
    if (!who) return 0;
    const rows = await this.db.update(loungeSanctions).set({ liftedAt: new Date() })
      .where(and(eq(loungeSanctions.loungeId, loungeId), eq(loungeSanctions.kind, kind), inForce(), who))
      .returning({ id: loungeSanctions.id });
    return rows.length;
  }

  async liftById(loungeId: string, id: number): Promise<SanctionRow | undefined> {
    const [row] = await this.db.update(loungeSanctions).set({ liftedAt: new Date() })
      .where(and(eq(loungeSanctions.loungeId, loungeId), eq(loungeSanctions.id, id), inForce())).returning();
    return row;
  }

  async activeBans(loungeId: string): Promise<SanctionRow[]> {
    return this.db.select().from(loungeSanctions)
      .where(and(eq(loungeSanctions.loungeId, loungeId), eq(loungeSanctions.kind, "ban"), inForce()))
      .orderBy(desc(loungeSanctions.id));
  }

  async audit(entry: NewAuditEntry): Promise<AuditRow> {
    const [row] = await this.db.insert(moderationAudit).values(entry).returning();
    return row;
  }

  async auditLog(loungeId: string, limit = 100): Promise<AuditRow[]> {
    return this.db.select().from(moderationAudit).where(eq(moderationAudit.loungeId, loungeId))
      .orderBy(desc(moderationAudit.id)).limit(limit);
  }
}

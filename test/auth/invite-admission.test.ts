// The invite paths of admission (room-auth's admit) straight on each database the server runs on:
// embedded PGlite (one connection, where a read through the outer handle inside a transaction
// hung the whole database) and Postgres. The room suites cover the same paths over real joins on
// whichever database the shared test server uses (TEST_DATABASE=pglite switches it).
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { openDatabase, OuterHandleInTransactionError, type DatabaseHandle } from "../../server/db/client.ts";
import { InviteRepository } from "../../server/db/invites.ts";
import { LoungeRepository } from "../../server/db/lounges.ts";
import { MemberRepository } from "../../server/db/members.ts";
import { ModerationRepository } from "../../server/db/moderation.ts";
import { UserRepository } from "../../server/db/users.ts";
import { admit, type JoinIdentity } from "../../server/auth/room-auth.ts";
import { loungeInvites } from "../../server/db/schema.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import { createScratchDatabase, inCI, serviceUp } from "../support/services.ts";

/** Rejects when `p` has not settled within `ms`: a hung database fails the test with words, not a timeout. */
function within<T>(p: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms (deadlocked?)`)), ms); });
  return Promise.race([p, hung]).finally(() => clearTimeout(timer));
}

function refusedWith(code: number, pattern: RegExp) {
  return (err: Error & { code?: number }) => {
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    return true;
  };
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`admission with invites on ${kind}`, function () {
    this.timeout(30_000);
    let handle: DatabaseHandle;
    let drop: (() => Promise<void>) | undefined;
    let ctx: { invites: InviteRepository; members: MemberRepository; moderation: ModerationRepository };
    let lounges: LoungeRepository;
    let users: UserRepository;

    before(async function () {
      let url: string | undefined;
      if (kind === "postgres") {
        if (!(await serviceUp("postgres"))) {
          if (inCI) throw new Error("Postgres is not reachable; CI needs it.");
          console.warn("\n  !!! SKIPPING the Postgres half of invite admission: Postgres is not reachable. !!!\n");
          this.skip();
        }
        const scratch = await createScratchDatabase("chill_invites");
        url = scratch.url;
        drop = scratch.drop;
      }
      handle = await openDatabase({ url, pgliteDir: ":memory:", log: pino({ level: "silent" }) });
      ctx = { invites: new InviteRepository(handle.db), members: new MemberRepository(handle.db), moderation: new ModerationRepository(handle.db) };
      lounges = new LoungeRepository(handle.db);
      users = new UserRepository(handle.db);
    });
    after(async () => {
      await handle?.close();
      await drop?.();
    });

    async function privateLounge(maxUses: number | null = 1) {
      const owner = await users.create({ username: `owner_${Math.random().toString(36).slice(2, 10)}`, passwordHash: "x", displayName: "Owner", avatar: "fox" });
      assert.ok(owner);
      const lounge = await lounges.create({ name: "Back room", visibility: "private", capacity: 10, mapId: "lounge" }, owner.id);
      const invite = await ctx.invites.create({ loungeId: lounge.id, createdBy: owner.id, expiresAt: null, maxUses });
      return { owner, lounge, invite };
    }
    const guest = (key: string): JoinIdentity => ({ user: null, guestKey: key });

    it("refuses a wrong invite code, and the database keeps answering", async () => {
      const { lounge } = await privateLounge();
      await assert.rejects(within(admit(ctx, lounge, guest("g-wrong"), "not-a-code")), refusedWith(JoinErrorCode.INVITE_INVALID, /does not belong/));
      await within(handle.ping());
    });

    it("lets a guest come back with a one-use invite it already used, and refuses the next guest", async () => {
      const { lounge, invite } = await privateLounge(1);
      assert.equal(await within(admit(ctx, lounge, guest("g-first"), invite.code)), "guest");
      assert.equal(await within(admit(ctx, lounge, guest("g-first"), invite.code)), "guest", "coming back uses nothing more");
      await assert.rejects(within(admit(ctx, lounge, guest("g-second"), invite.code)), refusedWith(JoinErrorCode.INVITE_INVALID, /used up/));
      const row = await ctx.invites.get(lounge.id, invite.code);
      assert.equal(row?.uses, 1);
      await ctx.invites.revoke(lounge.id, invite.code);
      await assert.rejects(within(admit(ctx, lounge, guest("g-first"), invite.code)), refusedWith(JoinErrorCode.INVITE_INVALID, /revoked/));
      await within(handle.ping());
    });

    it("makes a signed-in person with an invite a member, who then needs none", async () => {
      const { lounge, invite } = await privateLounge(1);
      const friend = await users.create({ username: `friend_${Math.random().toString(36).slice(2, 10)}`, passwordHash: "x", displayName: "Friend", avatar: "cat" });
      assert.ok(friend);
      assert.equal(await within(admit(ctx, lounge, { user: friend, guestKey: "k" }, invite.code)), "member");
      assert.equal(await within(admit(ctx, lounge, { user: friend, guestKey: "k" }, undefined)), "member");
    });

    it("refuses, instead of hanging, a query through the outer handle inside a transaction", async () => {
      const { lounge } = await privateLounge();
      await assert.rejects(within(handle.db.transaction(async (tx) => {
        await tx.select().from(loungeInvites).where(sql`${loungeInvites.loungeId} = ${lounge.id}`);
        return handle.db.select().from(loungeInvites);
      })), OuterHandleInTransactionError);
      // After the transaction, the outer handle works again.
      const rows = await within(handle.db.select().from(loungeInvites).where(sql`${loungeInvites.loungeId} = ${lounge.id}`));
      assert.equal(rows.length, 1);
    });
  });
}

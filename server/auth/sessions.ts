// Sign-in sessions as the Lucia project now teaches them: a random token `<id>.<secret>` goes to
// the client; the database keeps the id, the SHA-256 of the secret, the user and an expiry that
// slides forward when the session is used with less than the renewal window left.
import type { Logger } from "pino";
import type { SessionRepository } from "../db/sessions.ts";
import type { UserRow } from "../db/schema.ts";
import { ID_BYTES, SECRET_BYTES, digestsEqual, randomToken, sha256Hex, splitSessionToken } from "./tokens.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Session { id: string; userId: string; expiresAt: Date }

/** What a presented token turned out to be. `renewed`: the expiry moved, so re-send the cookie. */
export type SessionCheck =
  | { status: "valid"; session: Session; user: UserRow; renewed: boolean }
  | { status: "expired" }
  | { status: "invalid" };

export interface SessionPolicy { days: number; renewDays: number }

export class SessionService {
  constructor(
    private readonly repo: SessionRepository,
    private readonly policy: SessionPolicy,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session; the token is returned once and never stored. */
  async create(userId: string): Promise<{ token: string; session: Session }> {
    const id = randomToken(ID_BYTES);
    const secret = randomToken(SECRET_BYTES);
    const expiresAt = new Date(this.now() + this.policy.days * DAY_MS);
    await this.repo.insert({ id, secretHash: sha256Hex(secret), userId, expiresAt });
    return { token: `${id}.${secret}`, session: { id, userId, expiresAt } };
  }

  async validate(token: string): Promise<SessionCheck> {
    const parts = splitSessionToken(token);
    if (!parts) return { status: "invalid" };
    const found = await this.repo.withUser(parts.id);
    // Looked up by the id, then the secret compared in constant time: the lookup's timing can only
    // reveal the id, which is not enough to sign in.
    if (!found || !digestsEqual(sha256Hex(parts.secret), found.session.secretHash)) return { status: "invalid" };
    const { session, user } = found;
    const now = this.now();
    if (session.expiresAt.getTime() <= now) {
      await this.repo.delete(session.id);
      return { status: "expired" };
    }
    let expiresAt = session.expiresAt;
    let renewed = false;
    if (expiresAt.getTime() - now < this.policy.renewDays * DAY_MS) {
      expiresAt = new Date(now + this.policy.days * DAY_MS);
      await this.repo.extend(session.id, expiresAt);
      renewed = true;
      this.log.debug({ userId: user.id }, "session extended");
    }
    return { status: "valid", session: { id: session.id, userId: user.id, expiresAt }, user, renewed };
  }

  /** Ends the session a token belongs to (whatever state it is in). */
  async invalidate(token: string): Promise<void> {
    const parts = splitSessionToken(token);
    if (parts) await this.repo.delete(parts.id);
  }

  async invalidateAll(userId: string): Promise<number> {
    return this.repo.deleteAllOf(userId);
  }
}

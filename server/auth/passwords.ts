// Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane), and a verify that
// costs the same whether or not the account exists.
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export class PasswordVerifier {
  private dummy: Promise<string> | undefined;

  /**
   * Checks a password against an account's hash. With no account it verifies against a hash of a
   * random password made once, so "no such user" takes as long as "wrong password" and the
   * answer's timing does not tell which usernames exist.
   */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    this.dummy ??= hashPassword(randomBytes(24).toString("base64url"));
    const target = storedHash ?? await this.dummy;
    let ok: boolean;
    try {
      ok = await verify(target, password);
    } catch {
      ok = false;
    }
    return ok && storedHash !== undefined;
  }

  /** Makes the dummy hash ahead of the first sign-in, so that one is not faster or slower. */
  async warm(): Promise<void> {
    this.dummy ??= hashPassword(randomBytes(24).toString("base64url"));
    await this.dummy;
  }
}

// Random tokens and their digests: sessions (`<id>.<secret>`), guest tokens and their keys.
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";

/** 15 bytes → 24 base32 characters, 120 bits: the public half of a session token. */
export const ID_BYTES = 15;
/** 20 bytes → 32 base32 characters, 160 bits: the secret half. */
export const SECRET_BYTES = 20;

export function randomToken(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** Compares two hex digests in time that does not depend on where they differ. */
export function digestsEqual(a: string, b: string): boolean {
  const enc = new TextEncoder();
  const x = enc.encode(a);
  const y = enc.encode(b);
  return x.length === y.length && constantTimeEqual(x, y);
}

const BASE32 = /^[a-z2-7]+$/;

/** Splits `<id>.<secret>`; undefined for anything not shaped like one of our tokens. */
export function splitSessionToken(token: string): { id: string; secret: string } | undefined {
  const [id, secret, extra] = token.split(".");
  if (extra !== undefined || !id || !secret) return undefined;
  if (id.length !== 24 || secret.length !== 32 || !BASE32.test(id) || !BASE32.test(secret)) return undefined;
  return { id, secret };
}

/** A guest's identity for bans and mutes is the digest of their guest token, never the token. */
export function guestKeyOf(guestToken: string): string {
  return sha256Hex(`guest:${guestToken}`);
}

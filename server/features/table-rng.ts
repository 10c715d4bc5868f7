// The randomness a table's game draws on: a keystream of AES-256-CTR under a fresh 256-bit key.
// It is seeded (the key replays the same game, for tests and audits) and, unlike a 32-bit
// generator, cannot be searched: a player who knows their own hand cannot work out the deck.
import { createCipheriv, randomBytes } from "node:crypto";
import type { Rng } from "../../shared/games/types.ts";

const BLOCK = 4096;

/** A new key from the operating system's secure source. */
export function newTableSeed(): Buffer {
  return randomBytes(32);
}

export function tableRng(seed: Buffer): Rng {
  const cipher = createCipheriv("aes-256-ctr", seed, Buffer.alloc(16));
  const zeros = Buffer.alloc(BLOCK);
  let stream = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > stream.length) {
      stream = cipher.update(zeros);
      offset = 0;
    }
    const value = stream.readUInt32LE(offset);
    offset += 4;
    return value / 4294967296;
  };
}

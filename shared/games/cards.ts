// The standard 52-card deck every card game here deals from, plus the seeded shuffling that keeps
// a table replayable: the server stores the generator's state, never a Math.random seed.
import { z } from "zod";
import type { Card, Rng } from "./types.ts";

export const SUITS = ["C", "D", "H", "S"] as const;
export type Suit = (typeof SUITS)[number];
/** Low to high, aces high. */
export const RANKS = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A"] as const;
export type Rank = (typeof RANKS)[number];

const CARD = /^(10|[2-9JQKA])[CDHS]$/;

export function isCard(value: unknown): value is Card {
  return typeof value === "string" && CARD.test(value);
}

/** For move schemas: a card such as "7H" or "10S". */
export const cardSchema = z.string().refine(isCard, "a card such as 7H, 10S or QD");
export const suitSchema = z.enum(SUITS);

/** A fresh deck, suit by suit in SUITS order, ranks low to high. */
export function standardDeck(): Card[] {
  return SUITS.flatMap((suit) => RANKS.map((rank) => `${rank}${suit}`));
}

// The accessors trust their input: cards come from standardDeck or a schema that checked them.
export function rankOf(card: Card): Rank {
  return card.slice(0, -1) as Rank;
}

export function suitOf(card: Card): Suit {
  return card.slice(-1) as Suit;
}

/** 2 … 10, then J 11, Q 12, K 13, A 14. */
export function rankValue(card: Card): number {
  return RANKS.indexOf(rankOf(card)) + 2;
}

/** Fisher–Yates: a new array in a uniformly random order; the input is left alone. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A hand as players hold it: grouped by suit in `suitOrder`, low to high within a suit. */
export function sortHand(cards: readonly Card[], suitOrder: readonly Suit[] = SUITS): Card[] {
  const key = (card: Card) => suitOrder.indexOf(suitOf(card)) * 100 + rankValue(card);
  return [...cards].sort((a, b) => key(a) - key(b));
}

/** An Rng whose whole state is one 32-bit number: `seededRng(rng.state)` continues where it left off. */
export type SeededRng = Rng & { readonly state: number };

/**
 * mulberry32: small, fast, replayable. Not cryptographic: with 32 bits of state, a client could in
 * principle search every seed that deals its own hand, so each table should start from a fresh
 * seed drawn from a secure source.
 */
export function seededRng(seed: number): SeededRng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.defineProperty(next, "state", { get: () => state, enumerable: true }) as SeededRng;
}

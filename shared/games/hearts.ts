// Hearts for four: pass three cards, then play thirteen tricks avoiding hearts (1 point each) and
// the queen of spades (13). Hands go on until someone reaches the target; the lowest score wins.
import { z } from "zod";
import { cardSchema, rankValue, shuffle, sortHand, standardDeck, suitOf } from "./cards.ts";
import { refusal, type Card, type CardGame, type GameRefusal, type Rng, type Seat } from "./types.ts";

export type PassDirection = "left" | "right" | "across" | "none";
// One per hand, in turn. "Left" is the next seat up: seat 0 passes to seat 1.
const DIRECTIONS: readonly PassDirection[] = ["left", "right", "across", "none"];
const OFFSET: Record<PassDirection, number> = { left: 1, right: 3, across: 2, none: 0 };

export type HeartsMove = { type: "pass"; cards: Card[] } | { type: "play"; card: Card };
export interface TrickPlay { seat: Seat; card: Card }

export interface HeartsState {
  target: number;
  /** Hands dealt before this one: picks the pass direction. */
  handNumber: number;
  phase: "passing" | "playing" | "over";
  hands: Card[][];
  /** What each seat passed this hand (null: not yet, or nothing to pass). */
  passed: (Card[] | null)[];
  received: (Card[] | null)[];
  trick: TrickPlay[];
  lastTrick: { plays: TrickPlay[]; winner: Seat } | null;
  /** The seat to play (unused while passing). */
  turn: Seat;
  tricksPlayed: number;
  heartsBroken: boolean;
  /** Points in the tricks each seat has taken this hand. */
  taken: number[];
  scores: number[];
}

export interface HeartsView {
  phase: HeartsState["phase"];
  hand: Card[] | null;
  passed: Card[] | null;
  received: Card[] | null;
  handCounts: number[];
  trick: TrickPlay[];
  lastTrick: HeartsState["lastTrick"];
  taken: number[];
  scores: number[];
  toAct: Seat[];
  passDirection: PassDirection;
  heartsBroken: boolean;
  target: number;
}

const SEATS = [0, 1, 2, 3];
const points = (card: Card): number => (card === "QS" ? 13 : suitOf(card) === "H" ? 1 : 0);
const direction = (s: HeartsState): PassDirection => DIRECTIONS[s.handNumber % 4];
const replaceAt = <T>(items: readonly T[], at: number, item: T): T[] => items.map((old, i) => (i === at ? item : old));

function deal(target: number, handNumber: number, scores: number[], rng: Rng): HeartsState {
  const deck = shuffle(standardDeck(), rng);
  const hands = SEATS.map((i) => sortHand(deck.slice(i * 13, i * 13 + 13)));
  const passing = DIRECTIONS[handNumber % 4] !== "none";
  return {
    target, handNumber, phase: passing ? "passing" : "playing", hands,
    passed: SEATS.map(() => null), received: SEATS.map(() => null), trick: [], lastTrick: null,
    turn: hands.findIndex((hand) => hand.includes("2C")), tricksPlayed: 0, heartsBroken: false,
    taken: SEATS.map(() => 0), scores,
  };
}

function pass(s: HeartsState, seat: Seat, cards: Card[]): HeartsState | GameRefusal {
  if (s.phase !== "passing" || s.passed[seat]) return refusal("NOT_PASSING", "There is nothing to pass now.");
  if (new Set(cards).size !== 3) return refusal("PASS_THREE", "Pass three different cards.");
  const missing = cards.find((card) => !s.hands[seat].includes(card));
  if (missing) return refusal("NOT_IN_HAND", `You do not hold ${missing}.`);
  const hands = replaceAt(s.hands, seat, s.hands[seat].filter((card) => !cards.includes(card)));
  const passed = replaceAt(s.passed, seat, [...cards]);
  return passed.every(Boolean) ? exchange({ ...s, hands, passed }) : { ...s, hands, passed };
}

/** Everyone has passed: each seat takes the cards passed towards it, and the 2 of clubs leads. */
function exchange(s: HeartsState): HeartsState {
  const offset = OFFSET[direction(s)];
  const received = SEATS.map((i) => s.passed[(i - offset + 4) % 4] ?? []);
  const hands = SEATS.map((i) => sortHand([...s.hands[i], ...received[i]]));
  return { ...s, phase: "playing", hands, received, turn: hands.findIndex((hand) => hand.includes("2C")) };
}

/** Why `seat` may not play `card` now, or undefined when it may. */
function whyNot(s: HeartsState, seat: Seat, card: Card): GameRefusal | undefined {
  const hand = s.hands[seat];
  const lead = s.trick[0]?.card;
  const firstTrick = s.tricksPlayed === 0;
  if (!hand.includes(card)) return refusal("NOT_IN_HAND", `You do not hold ${card}.`);
  if (firstTrick && !lead && card !== "2C") return refusal("LEAD_TWO_OF_CLUBS", "The 2 of clubs leads the first trick.");
  if (lead && suitOf(card) !== suitOf(lead) && hand.some((c) => suitOf(c) === suitOf(lead))) {
    return refusal("FOLLOW_SUIT", `Follow suit: play a card of suit ${suitOf(lead)}.`);
  }
  if (firstTrick && points(card) > 0 && hand.some((c) => points(c) === 0)) {
    return refusal("NO_POINTS_ON_FIRST_TRICK", "No hearts or queen of spades on the first trick while you hold another card.");
  }
  if (!lead && suitOf(card) === "H" && !s.heartsBroken && hand.some((c) => suitOf(c) !== "H")) {
    return refusal("HEARTS_NOT_BROKEN", "Hearts cannot be led until one has been played: lead another suit.");
  }
  return undefined;
}

function play(s: HeartsState, seat: Seat, card: Card, rng: Rng): HeartsState | GameRefusal {
  if (s.phase !== "playing" || seat !== s.turn) return refusal("NOT_YOUR_TURN", "Wait for your turn.");
  const why = whyNot(s, seat, card);
  if (why) return why;
  const next: HeartsState = {
    ...s,
    hands: replaceAt(s.hands, seat, s.hands[seat].filter((c) => c !== card)),
    trick: [...s.trick, { seat, card }],
    heartsBroken: s.heartsBroken || suitOf(card) === "H",
    turn: (seat + 1) % 4,
  };
  return next.trick.length === 4 ? endTrick(next, rng) : next;
}

function endTrick(s: HeartsState, rng: Rng): HeartsState {
  const suit = suitOf(s.trick[0].card);
  const { seat: winner } = s.trick.filter((p) => suitOf(p.card) === suit).reduce((a, b) => (rankValue(b.card) > rankValue(a.card) ? b : a));
  const taken = replaceAt(s.taken, winner, s.taken[winner] + s.trick.reduce((sum, p) => sum + points(p.card), 0));
  const next = { ...s, trick: [], lastTrick: { plays: s.trick, winner }, taken, turn: winner, tricksPlayed: s.tricksPlayed + 1 };
  return next.tricksPlayed === 13 ? endHand(next, rng) : next;
}

function endHand(s: HeartsState, rng: Rng): HeartsState {
  // Shooting the moon: whoever took all 26 points scores none, and everyone else scores 26.
  const moon = s.taken.indexOf(26);
  const scores = s.scores.map((score, i) => score + (moon < 0 ? s.taken[i] : i === moon ? 0 : 26));
  if (Math.max(...scores) >= s.target) return { ...s, scores, phase: "over" };
  // A fresh deal shows no last trick: its cards are back in the new hands, where they are secret.
  return deal(s.target, s.handNumber + 1, scores, rng);
}

function toAct(s: HeartsState): Seat[] {
  if (s.phase === "passing") return SEATS.filter((seat) => !s.passed[seat]);
  return s.phase === "playing" ? [s.turn] : [];
}

const legalCards = (s: HeartsState, seat: Seat): Card[] => s.hands[seat].filter((card) => !whyNot(s, seat, card));

function threeOf(hand: Card[]): Card[][] {
  return hand.flatMap((a, i) => hand.slice(i + 1).flatMap((b, j) => hand.slice(i + j + 2).map((c) => [a, b, c])));
}

export const hearts: CardGame<HeartsState, HeartsMove, HeartsView> = {
  id: "hearts",
  name: "Hearts",
  summary: "Four players pass three cards, then dodge hearts and the queen of spades. Lowest score at 100 wins.",
  players: { min: 4, max: 4 },
  setup: (_players, rng) => deal(100, 0, [0, 0, 0, 0], rng),
  moves: {
    pass: z.object({ type: z.literal("pass"), cards: z.array(cardSchema).length(3) }),
    play: z.object({ type: z.literal("play"), card: cardSchema }),
  },
  toAct,
  move: (s, seat, move, rng) => (move.type === "pass" ? pass(s, seat, move.cards) : play(s, seat, move.card, rng)),
  view: (s, seat) => ({
    phase: s.phase,
    hand: seat === null ? null : s.hands[seat],
    passed: seat === null ? null : s.passed[seat],
    received: seat === null ? null : s.received[seat],
    handCounts: s.hands.map((hand) => hand.length),
    trick: s.trick,
    lastTrick: s.lastTrick,
    taken: s.taken,
    scores: s.scores,
    toAct: toAct(s),
    passDirection: direction(s),
    heartsBroken: s.heartsBroken,
    target: s.target,
  }),
  hidden(s) {
    // A passer knows its cards until they are played: while passing they are in nobody's hand,
    // afterwards in the receiver's (so they are listed twice, once per seat that knows them).
    const unplayed = (card: Card) => s.phase === "passing" || s.hands.some((hand) => hand.includes(card));
    return [
      ...s.hands.map((cards, owner) => ({ owner, cards })),
      ...s.passed.map((cards, owner) => ({ owner, cards: (cards ?? []).filter(unplayed) })),
    ];
  },
  enumerate(s, seat) {
    if (!toAct(s).includes(seat)) return [];
    if (s.phase === "passing") return threeOf(s.hands[seat]).map((cards) => ({ type: "pass", cards }));
    return legalCards(s, seat).map((card) => ({ type: "play", card }));
  },
  turn: {
    seconds: 30,
    auto(s, seat) {
      const byRank = (a: Card, b: Card) => rankValue(a) - rankValue(b);
      if (s.phase === "passing") return { type: "pass", cards: [...s.hands[seat]].sort(byRank).slice(-3) };
      return { type: "play", card: legalCards(s, seat).sort(byRank)[0] };
    },
  },
  result(s) {
    if (s.phase !== "over") return undefined;
    return { ranks: s.scores.map((score) => 1 + s.scores.filter((other) => other < score).length), scores: s.scores };
  },
};

/** Hearts played until someone reaches `target` points: a low target gives short games for tests and bots. */
export function heartsTo(target: number): CardGame<HeartsState, HeartsMove, HeartsView> {
  const setup = (_players: number, rng: Rng) => deal(target, 0, [0, 0, 0, 0], rng);
  return { ...hearts, id: `hearts-to-${target}`, name: `Hearts to ${target}`, setup };
}

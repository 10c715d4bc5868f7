// Crazy Eights for 2–6 players: match the top card's suit or rank, 8s are wild, first to shed every
// card wins. Kept short on purpose: it is the game a modder copies to start their own.
import { z } from "zod";
import { SUITS, cardSchema, rankOf, shuffle, sortHand, standardDeck, suitOf, suitSchema, type Rank, type Suit } from "./cards.ts";
import { refusal, type Card, type CardGame, type GameRefusal, type Rng, type Seat } from "./types.ts";

export type C8Move = { type: "play"; card: Card; suit?: Suit } | { type: "draw" } | { type: "pass" };
/** What everyone saw happen last: a draw never says which card. */
export type C8Action = { seat: Seat; type: "play"; card: Card; suit: Suit } | { seat: Seat; type: "draw" | "pass" };

export interface C8State {
  hands: Card[][];
  drawPile: Card[];
  /** Face up; the last card is the top. */
  discard: Card[];
  /** The suit to match: the top card's, or the one its 8 named. */
  suit: Suit;
  turn: Seat;
  /** The seat to act has drawn this turn: it may now play any playable card, or pass. */
  drew: boolean;
  last: C8Action | null;
}

export interface C8View {
  hand: Card[] | null;
  top: Card;
  suit: Suit;
  handCounts: number[];
  drawPile: number;
  turn: Seat | null;
  drew: boolean;
  last: C8Action | null;
}

const top = (s: C8State): Card => s.discard[s.discard.length - 1];
const isOver = (s: C8State): boolean => s.hands.some((hand) => hand.length === 0);
const playable = (s: C8State, card: Card): boolean =>
  rankOf(card) === "8" || suitOf(card) === s.suit || rankOf(card) === rankOf(top(s));
// Everything under the top card can be reshuffled into a new draw pile.
const canDraw = (s: C8State): boolean => s.drawPile.length + s.discard.length > 1;
// Penalty points for cards left in hand; unlisted ranks count their face value.
const PENALTY: Partial<Record<Rank, number>> = { "8": 50, J: 10, Q: 10, K: 10, A: 1 };
const penalty = (card: Card): number => PENALTY[rankOf(card)] ?? Number(rankOf(card));

function setup(players: number, rng: Rng): C8State {
  const deck = shuffle(standardDeck(), rng);
  const size = players >= 5 ? 5 : 7;
  const hands = Array.from({ length: players }, (_, i) => sortHand(deck.slice(i * size, (i + 1) * size)));
  // A starter 8 simply counts as its own suit: no one has named another.
  const [starter, ...drawPile] = deck.slice(players * size);
  return { hands, drawPile, discard: [starter], suit: suitOf(starter), turn: 0, drew: false, last: null };
}

function endTurn(s: C8State): C8State {
  return { ...s, turn: isOver(s) ? s.turn : (s.turn + 1) % s.hands.length, drew: false };
}

function play(s: C8State, seat: Seat, card: Card, named: Suit | undefined): C8State | GameRefusal {
  if (!s.hands[seat].includes(card)) return refusal("NOT_IN_HAND", `You do not hold ${card}.`);
  if (!playable(s, card)) return refusal("NO_MATCH", `Play a card of suit ${s.suit}, a ${rankOf(top(s))} or an 8 — or draw.`);
  const eight = rankOf(card) === "8";
  if (eight && !named) return refusal("NAME_A_SUIT", "An 8 is wild: name the suit to play next.");
  if (!eight && named) return refusal("ONLY_EIGHTS_NAME_A_SUIT", "Only an 8 names a suit: play the card alone.");
  const hands = s.hands.map((hand, i) => (i === seat ? hand.filter((c) => c !== card) : hand));
  const suit = named ?? suitOf(card);
  return endTurn({ ...s, hands, discard: [...s.discard, card], suit, last: { seat, type: "play", card, suit } });
}

function draw(s: C8State, seat: Seat, rng: Rng): C8State | GameRefusal {
  if (s.drew) return refusal("ALREADY_DREW", "You drew this turn: play a card or pass.");
  if (!canDraw(s)) return refusal("NOTHING_TO_DRAW", "Every card is in a hand: play a card or pass.");
  // Reshuffle only when the pile is empty, so the rng is consumed at the same moments on a replay.
  const [pile, discard] = s.drawPile.length > 0 ? [s.drawPile, s.discard] : [shuffle(s.discard.slice(0, -1), rng), [top(s)]];
  const [card, ...drawPile] = pile;
  const hands = s.hands.map((hand, i) => (i === seat ? sortHand([...hand, card]) : hand));
  return { ...s, hands, drawPile, discard, drew: true, last: { seat, type: "draw" } };
}

export const crazyEights: CardGame<C8State, C8Move, C8View> = {
  id: "crazy-eights",
  name: "Crazy Eights",
  summary: "Match the suit or rank of the top card; 8s are wild. First to empty their hand wins.",
  players: { min: 2, max: 6 },
  setup,
  moves: {
    play: z.object({ type: z.literal("play"), card: cardSchema, suit: suitSchema.optional() }),
    draw: z.object({ type: z.literal("draw") }),
    pass: z.object({ type: z.literal("pass") }),
  },
  toAct: (s) => (isOver(s) ? [] : [s.turn]),
  move(s, seat, move, rng) {
    if (isOver(s) || seat !== s.turn) return refusal("NOT_YOUR_TURN", "Wait for your turn.");
    if (move.type === "play") return play(s, seat, move.card, move.suit);
    if (move.type === "draw") return draw(s, seat, rng);
    if (s.drew || !canDraw(s)) return endTurn({ ...s, last: { seat, type: "pass" } });
    return refusal("DRAW_FIRST", "Play a card or draw one before you pass.");
  },
  view: (s, seat) => ({
    hand: seat === null ? null : s.hands[seat],
    top: top(s),
    suit: s.suit,
    handCounts: s.hands.map((hand) => hand.length),
    drawPile: s.drawPile.length,
    turn: isOver(s) ? null : s.turn,
    drew: s.drew,
    last: s.last,
  }),
  hidden: (s) => [...s.hands.map((cards, owner) => ({ owner, cards })), { owner: null, cards: s.drawPile }],
  enumerate(s, seat) {
    if (isOver(s) || seat !== s.turn) return [];
    const plays = s.hands[seat]
      .filter((card) => playable(s, card))
      .flatMap((card): C8Move[] => (rankOf(card) === "8" ? SUITS.map((suit) => ({ type: "play", card, suit })) : [{ type: "play", card }]));
    return [...plays, s.drew || !canDraw(s) ? { type: "pass" } : { type: "draw" }];
  },
  turn: {
    seconds: 30,
    auto(s, seat) {
      const hand = s.hands[seat];
      const card = hand.find((c) => playable(s, c));
      if (!card) return !s.drew && canDraw(s) ? { type: "draw" } : { type: "pass" };
      if (rankOf(card) !== "8") return { type: "play", card };
      // Name the suit the rest of the hand is longest in: the likeliest to be playable next turn.
      const count = (suit: Suit) => hand.filter((c) => c !== card && suitOf(c) === suit).length;
      return { type: "play", card, suit: SUITS.reduce((best, suit) => (count(suit) > count(best) ? suit : best)) };
    },
  },
  result(s) {
    if (!isOver(s)) return undefined;
    const left = s.hands.map((hand) => hand.length);
    return {
      ranks: left.map((n) => 1 + left.filter((other) => other < n).length),
      scores: s.hands.map((hand) => hand.reduce((sum, card) => sum + penalty(card), 0)),
    };
  },
};

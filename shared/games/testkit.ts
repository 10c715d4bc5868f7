// The test kit for game authors: seeded random playouts that hold a game to the rules API's promises
// — it ends, it replays, it refuses without mutating, and no view shows a card it should not.
// Plain code with no test-runner import: call it from mocha (or anything) and let it throw.
import { isCard, seededRng } from "./cards.ts";
import { isRefusal, type Card, type CardGame, type GameResult, type MoveBase, type Rng, type Seat } from "./types.ts";

/** Thrown by every check; the message names the game, the seat count and the seed to replay. */
export class GameCheckError extends Error {
  override name = "GameCheckError";
}

export interface PlayoutOptions {
  /** A game with no result after this many moves fails. */
  maxMoves: number;
  /** Probe refusals and `auto` every this many moves (1: every state; 0: never). Default 3. */
  probeEvery?: number;
  /**
   * Whether a move naming a card the mover does not hold must be refused (default true). Turn it off
   * for games where naming someone else's card is a move (Go Fish's "have you got a 7?").
   */
  unheldCardsRefused?: boolean;
}

export interface CheckOptions extends PlayoutOptions {
  seeds: readonly number[];
  players: readonly number[];
}

export interface Playout<S, M> {
  final: S;
  moves: { seat: Seat; move: M }[];
}

/** Every check below, for each seat count and seed: play out, then replay and compare. */
export function checkGame<S, M extends MoveBase, V>(game: CardGame<S, M, V>, options: CheckOptions): void {
  for (const players of options.players) {
    for (const seed of options.seeds) {
      const first = playout(game, players, seed, options);
      const again = playout(game, players, seed, { ...options, probeEvery: 0 });
      assertSame(again, first, `${label(game, players, seed)}: the same seed replayed differently`);
    }
  }
}

/**
 * One seeded game where each step a random acting seat plays a random move of `enumerate`. Checks
 * every visited state's views against `hidden()`, every move for mutation and legality, and the
 * result; every `probeEvery` moves, also refusals and `auto`.
 */
export function playout<S, M extends MoveBase, V>(game: CardGame<S, M, V>, players: number, seed: number, options: PlayoutOptions): Playout<S, M> {
  const at = (n: number) => `${label(game, players, seed)}, move ${n}`;
  // Three streams, so probing (or not) never changes which game is played.
  const rng = seededRng(seed);
  const pick = seededRng(seed ^ 0x5bd1e995);
  const probe = seededRng(seed ^ 0x1b873593);
  const probeEvery = options.probeEvery ?? 3;
  const moves: Playout<S, M>["moves"] = [];
  let state = game.setup(players, rng);
  for (let n = 0; ; n++) {
    assertViewsHideSecrets(game, state, players, at(n));
    const acting = game.toAct(state);
    const result = game.result(state);
    if (result) {
      assertResult(result, players, at(n));
      if (acting.length > 0) fail(`${at(n)}: the game has a result but seats ${acting} may still act`);
      return { final: state, moves };
    }
    if (n >= options.maxMoves) fail(`${at(n)}: no result after ${options.maxMoves} moves`);
    if (acting.length === 0) fail(`${at(n)}: nobody may act, yet the game has no result`);
    if (probeEvery > 0 && n % probeEvery === 0) {
      assertSeatsOutOfTurnHaveNoMoves(game, state, players, at(n));
      assertAutoIsLegal(game, state, probe, at(n));
      if (options.unheldCardsRefused ?? true) assertRefusesUnheldCards(game, state, probe, at(n));
    }
    const seat = choose(acting, pick);
    const legal = game.enumerate(state, seat);
    if (legal.length === 0) fail(`${at(n)}: seat ${seat} may act but enumerate offers no move`);
    const move = choose(legal, pick);
    state = assertAccepted(game, state, seat, move, rng, at(n));
    moves.push({ seat, move });
  }
}

/** No seat's view, and no spectator's, holds a card that `hidden()` gives only to others (or nobody). */
export function assertViewsHideSecrets<S, M extends MoveBase, V>(game: CardGame<S, M, V>, state: S, players: number, context: string): void {
  // A card may sit in several entries when several seats know it (a passed card: its passer and its holder).
  const seenBy = new Map<Card, Set<Seat>>();
  for (const { owner, cards } of game.hidden(state)) {
    for (const card of cards) {
      const seats = seenBy.get(card) ?? new Set<Seat>();
      if (owner !== null) seats.add(owner);
      seenBy.set(card, seats);
    }
  }
  for (const viewer of [null, ...seats(players)]) {
    for (const leaf of stringLeaves(game.view(state, viewer))) {
      const seats = seenBy.get(leaf);
      if (seats && (viewer === null || !seats.has(viewer))) {
        const who = viewer === null ? "a spectator" : `seat ${viewer}`;
        const owners = seats.size > 0 ? `seat ${[...seats].join(", ")}` : "nobody";
        fail(`${context}: ${who}'s view shows ${leaf}, which hidden() shows only to ${owners}`);
      }
    }
  }
}

/** A legal move with one of its cards swapped for a card the mover does not hold is refused, with no mutation. */
export function assertRefusesUnheldCards<S, M extends MoveBase, V>(game: CardGame<S, M, V>, state: S, rng: Rng, context: string): void {
  for (const seat of game.toAct(state)) {
    const unheld = game.hidden(state).filter((h) => h.owner !== seat).flatMap((h) => h.cards);
    const mine = new Set(game.hidden(state).filter((h) => h.owner === seat).flatMap((h) => h.cards));
    const candidates = unheld.filter((card) => !mine.has(card));
    const withCards = game.enumerate(state, seat).filter((move) => countCards(move) > 0);
    if (candidates.length === 0 || withCards.length === 0) continue;
    const legal = choose(withCards, rng);
    const swapIndex = Math.floor(rng() * countCards(legal));
    const swapIn = choose(candidates, rng);
    const illegal = mapCards(legal, (card, i) => (i === swapIndex ? swapIn : card)) as M;
    const before = structuredClone(state);
    const outcome = game.move(state, seat, illegal, rng);
    assertSame(state, before, `${context}: move mutated its input state while refusing ${JSON.stringify(illegal)}`);
    if (!isRefusal(outcome)) fail(`${context}: seat ${seat} played ${JSON.stringify(illegal)}, naming a card it does not hold`);
  }
}

/** `auto` gives every acting seat a move the rules accept. */
export function assertAutoIsLegal<S, M extends MoveBase, V>(game: CardGame<S, M, V>, state: S, rng: Rng, context: string): void {
  for (const seat of game.toAct(state)) {
    const before = structuredClone(state);
    const move = game.turn.auto(state, seat, rng);
    assertSame(state, before, `${context}: auto mutated its input state for seat ${seat}`);
    assertAccepted(game, state, seat, move, rng, `${context}, auto for seat ${seat}`);
  }
}

/** `enumerate` offers nothing to a seat that may not act. */
export function assertSeatsOutOfTurnHaveNoMoves<S, M extends MoveBase, V>(game: CardGame<S, M, V>, state: S, players: number, context: string): void {
  const acting = new Set(game.toAct(state));
  for (const seat of seats(players)) {
    if (acting.has(seat) || game.enumerate(state, seat).length === 0) continue;
    fail(`${context}: seat ${seat} may not act, yet enumerate offers it moves`);
  }
}

/** The move fits its schema, is accepted, and leaves its input state untouched; returns the next state. */
export function assertAccepted<S, M extends MoveBase, V>(game: CardGame<S, M, V>, state: S, seat: Seat, move: M, rng: Rng, context: string): S {
  const schema = game.moves[move.type as M["type"]];
  if (!schema?.safeParse(move).success) fail(`${context}: ${JSON.stringify(move)} does not fit the schema for "${move.type}"`);
  const before = structuredClone(state);
  const next = game.move(state, seat, move, rng);
  assertSame(state, before, `${context}: move mutated its input state playing ${JSON.stringify(move)}`);
  if (isRefusal(next)) fail(`${context}: seat ${seat} was refused ${JSON.stringify(move)}: ${next.code} ${next.message}`);
  return next;
}

export function assertResult(result: GameResult, players: number, context: string): void {
  const { ranks, scores } = result;
  if (ranks.length !== players || scores.length !== players) {
    fail(`${context}: the result needs one rank and one score per seat, got ${JSON.stringify(result)}`);
  }
  const validRank = (rank: number) => Number.isInteger(rank) && rank >= 1 && rank <= players;
  if (!ranks.every(validRank) || !ranks.includes(1)) fail(`${context}: ranks must run from 1, got ${ranks}`);
  if (!scores.every(Number.isFinite)) fail(`${context}: scores must be finite numbers, got ${scores}`);
}

/** Deep equality over plain data (what states are), failing with the first path that differs. */
export function assertSame(actual: unknown, expected: unknown, message: string): void {
  const path = firstDifference(actual, expected, "");
  if (path !== undefined) fail(`${message} (first difference at ${path || "the top"})`);
}

function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const found = firstDifference(left[key], right[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every string in a JSON-like value, object keys included: a card could hide in either. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [...(Array.isArray(value) ? [] : [key]), ...stringLeaves(inner)]);
}

/** A copy of `value` with each card-valued leaf replaced by `f(card, its index among them)`. */
function mapCards(value: unknown, f: (card: Card, index: number) => Card): unknown {
  let index = 0;
  const walk = (v: unknown): unknown => {
    if (isCard(v)) return f(v, index++);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value);
}

function countCards(value: unknown): number {
  let count = 0;
  mapCards(value, (card) => (count++, card));
  return count;
}

function choose<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)];
}

function seats(players: number): Seat[] {
  return Array.from({ length: players }, (_, seat) => seat);
}

function label(game: { id: string }, players: number, seed: number): string {
  return `${game.id}, ${players} players, seed ${seed}`;
}

function fail(message: string): never {
  throw new GameCheckError(message);
}

// The games a table can offer, by id: the server looks a game up here and the client lists them.
// A new game is one import and one entry.
import { crazyEights } from "./crazy-eights.ts";
import { hearts } from "./hearts.ts";
import type { AnyCardGame } from "./types.ts";

// Keyed by each game's own id (a test checks they agree), spelled out so GameId is a literal union.
export const games = {
  "crazy-eights": crazyEights,
  hearts,
} satisfies Record<string, AnyCardGame>;

export type GameId = keyof typeof games;

/** What the game picker shows: no rules, so the client need not load them to list them. */
export interface GameListing {
  id: string;
  name: string;
  summary: string;
  players: { min: number; max: number };
}

// Own keys only: an id like "constructor" or "__proto__" must not find something on the prototype.
export function isGameId(id: unknown): id is GameId {
  return typeof id === "string" && Object.hasOwn(games, id);
}

export function getGame(id: string): AnyCardGame | undefined {
  return isGameId(id) ? games[id] : undefined;
}

export function gameList(): GameListing[] {
  return Object.values(games).map(({ id, name, summary, players }) => ({ id, name, summary, players: { ...players } }));
}

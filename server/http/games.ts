// REST routes for card games: what can be played, the leaderboards, and my recent results.
import { Router } from "express";
import { gameList, getGame } from "../../shared/games/index.ts";
import type { GameRepository } from "../db/games.ts";
import { requireUser } from "../auth/request-auth.ts";
import { HttpError } from "./errors.ts";

export function gameRoutes(deps: { games: GameRepository }): Router {
  const router = Router();

  router.get("/games", (_req, res) => {
    res.json({ games: gameList() });
  });

  router.get("/games/:gameId/leaderboard", async (req, res) => {
    const game = getGame(String(req.params.gameId));
    if (!game) throw new HttpError(404, "NOT_FOUND", `No game "${String(req.params.gameId).slice(0, 32)}"; GET /api/games lists them.`);
    res.json({ gameId: game.id, entries: await deps.games.leaderboard(game.id) });
  });

  router.get("/me/games", async (req, res) => {
    const user = requireUser(req, "see your games");
    res.json({ games: await deps.games.recentOf(user.id) });
  });

  return router;
}

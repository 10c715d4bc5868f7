// Finished card games and ratings: each result with its seats, and each signed-in player's rating
// per game, updated in the same transaction (guests and bots are recorded, not rated).
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Queryable } from "./client.ts";
import { gameRatings, gameResultSeats, gameResults, users } from "./schema.ts";
import { INITIAL_RATING, rateGame } from "../../shared/games/rating.ts";

export interface FinishedSeat { gameSeat: number; userId: string | null; name: string; bot: boolean; rank: number; score: number }
export interface RecordedSeat extends FinishedSeat { ratingBefore: number | null; ratingAfter: number | null }

export interface LeaderboardRow { userId: string; displayName: string; rating: number; games: number; wins: number }

export interface MyGame {
  resultId: number; gameId: string; loungeId: string; finishedAt: string;
  seats: RecordedSeat[];
}

export class GameRepository {
  constructor(private readonly db: Database) {}

  /** Records a finished game and rates its signed-in seats; returns the seats with their rating change. */
  async record(game: { loungeId: string; gameId: string; seats: FinishedSeat[] }): Promise<RecordedSeat[]> {
    return this.db.transaction(async (tx) => {
      const [result] = await tx.insert(gameResults).values({ loungeId: game.loungeId, gameId: game.gameId, players: game.seats.length }).returning({ id: gameResults.id });
      const rated = game.seats.filter((s) => s.userId && !s.bot);
      // One seat per account: the same person in two chairs is not rated against themselves.
      const ratedOnce = rated.filter((s, i) => rated.findIndex((o) => o.userId === s.userId) === i);
      const before = await this.lockRatings(tx, game.gameId, ratedOnce.map((s) => s.userId as string));
      const after = ratedOnce.length >= 2 ? rateGame(ratedOnce.map((s) => ({ rating: before.get(s.userId as string) ?? INITIAL_RATING, rank: s.rank }))) : undefined;
      const changes = new Map(ratedOnce.map((s, i) => [s.userId as string, {
        before: before.get(s.userId as string) ?? INITIAL_RATING, after: after?.[i] ?? before.get(s.userId as string) ?? INITIAL_RATING,
      }]));
      if (after) {
        for (const seat of ratedOnce) {
          const change = changes.get(seat.userId as string) as { after: number };
          const won = seat.rank === 1 ? 1 : 0;
          await tx.insert(gameRatings).values({ userId: seat.userId as string, gameId: game.gameId, rating: change.after, games: 1, wins: won })
            .onConflictDoUpdate({
              target: [gameRatings.userId, gameRatings.gameId],
              set: { rating: change.after, games: sql`${gameRatings.games} + 1`, wins: sql`${gameRatings.wins} + ${won}`, updatedAt: new Date() },
            });
        }
      }
      const seats: RecordedSeat[] = game.seats.map((s) => {
        const change = after && s.userId && !s.bot ? changes.get(s.userId) : undefined;
        return { ...s, ratingBefore: change?.before ?? null, ratingAfter: change?.after ?? null };
      });
      await tx.insert(gameResultSeats).values(seats.map((s) => ({ resultId: result.id, ...s })));
      return seats;
    });
  }

  /**
   * The players' ratings, locked until the transaction ends: two games finishing at once for one
   * account must not both start from the same rating (one change would be lost). Rows are made
   * first, and locked in one order, so two such transactions cannot deadlock.
   */
  private async lockRatings(tx: Queryable, gameId: string, userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length < 2) return new Map();
    await tx.insert(gameRatings).values(userIds.map((userId) => ({ userId, gameId, rating: INITIAL_RATING, games: 0, wins: 0 }))).onConflictDoNothing();
    const rows = await tx.select().from(gameRatings)
      .where(and(eq(gameRatings.gameId, gameId), inArray(gameRatings.userId, userIds)))
      .orderBy(gameRatings.userId).for("update");
    return new Map(rows.map((r) => [r.userId, r.rating]));
  }

  async leaderboard(gameId: string, limit = 50): Promise<LeaderboardRow[]> {
    return this.db.select({ userId: gameRatings.userId, displayName: users.displayName, rating: gameRatings.rating, games: gameRatings.games, wins: gameRatings.wins })
      .from(gameRatings).innerJoin(users, eq(users.id, gameRatings.userId))
      .where(eq(gameRatings.gameId, gameId)).orderBy(desc(gameRatings.rating), desc(gameRatings.games)).limit(limit);
  }

  /** The account's most recent finished games, newest first, each with all its seats. */
  async recentOf(userId: string, limit = 20): Promise<MyGame[]> {
    const mine = await this.db.select({ id: gameResults.id, gameId: gameResults.gameId, loungeId: gameResults.loungeId, finishedAt: gameResults.finishedAt })
      .from(gameResultSeats).innerJoin(gameResults, eq(gameResults.id, gameResultSeats.resultId))
      .where(eq(gameResultSeats.userId, userId)).orderBy(desc(gameResults.finishedAt)).limit(limit);
    const ids = [...new Set(mine.map((m) => m.id))];
    if (ids.length === 0) return [];
    const seats = await this.db.select().from(gameResultSeats).where(inArray(gameResultSeats.resultId, ids));
    return ids.map((id) => {
      const head = mine.find((m) => m.id === id) as (typeof mine)[number];
      return {
        resultId: id, gameId: head.gameId, loungeId: head.loungeId, finishedAt: head.finishedAt.toISOString(),
        seats: seats.filter((s) => s.resultId === id).sort((a, b) => a.gameSeat - b.gameSeat)
          .map(({ gameSeat, userId: u, name, bot, rank, score, ratingBefore, ratingAfter }) => ({ gameSeat, userId: u, name, bot, rank, score, ratingBefore, ratingAfter })),
      };
    });
  }
}

import assert from "node:assert/strict";
import { rateGame, INITIAL_RATING } from "../../shared/games/rating.ts";

describe("game ratings (Elo over every pair of rated seats)", () => {
  it("moves equal players 16 points apart after a duel, and conserves the total", () => {
    const [winner, loser] = rateGame([{ rating: INITIAL_RATING, rank: 1 }, { rating: INITIAL_RATING, rank: 2 }]);
    assert.equal(winner, INITIAL_RATING + 16);
    assert.equal(loser, INITIAL_RATING - 16);
  });

  it("gives an upset more than an expected win", () => {
    const [underdog] = rateGame([{ rating: 1000, rank: 1 }, { rating: 1400, rank: 2 }]);
    const [favourite] = rateGame([{ rating: 1400, rank: 1 }, { rating: 1000, rank: 2 }]);
    assert.ok(underdog - 1000 > favourite - 1400);
  });

  it("orders four players by rank, leaves a tie between equals unchanged, and a lone rated seat as it was", () => {
    const after = rateGame([1, 2, 3, 4].map((rank) => ({ rating: 1200, rank })));
    assert.deepEqual([...after].sort((a, b) => b - a), after);
    assert.deepEqual(rateGame([{ rating: 1300, rank: 1 }, { rating: 1300, rank: 1 }]), [1300, 1300]);
    assert.deepEqual(rateGame([{ rating: 1250, rank: 1 }]), [1250]);
  });
});

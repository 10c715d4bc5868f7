// Ratings after a game: Elo, extended to several players by scoring every pair of rated seats
// (a win against each seat ranked below, a draw with each seat of the same rank), with K split
// over the opponents so a four-player game moves a rating about as much as a duel.

export const INITIAL_RATING = 1200;
const K = 32;

export interface RatedSeat { rating: number; rank: number }

/** The new ratings, in the order given. Fewer than two rated seats: nothing changes. */
export function rateGame(seats: readonly RatedSeat[]): number[] {
  if (seats.length < 2) return seats.map((s) => s.rating);
  const k = K / (seats.length - 1);
  return seats.map((me, i) => {
    let delta = 0;
    seats.forEach((other, j) => {
      if (i === j) return;
      const expected = 1 / (1 + 10 ** ((other.rating - me.rating) / 400));
      const actual = me.rank < other.rank ? 1 : me.rank === other.rank ? 0.5 : 0;
      delta += k * (actual - expected);
    });
    return Math.round(me.rating + delta);
  });
}

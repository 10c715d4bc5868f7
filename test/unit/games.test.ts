import assert from "node:assert/strict";
import { isCard, rankValue, seededRng, shuffle, sortHand, standardDeck } from "../../shared/games/cards.ts";

describe("card deck", () => {
  it("has 52 distinct cards from 2C to AS", () => {
    const deck = standardDeck();
    assert.equal(new Set(deck).size, 52);
    assert.ok(deck.every(isCard));
    assert.ok(deck.includes("10H") && deck.includes("2C") && deck.includes("AS"));
    assert.equal(rankValue("AS"), 14);
    assert.equal(rankValue("10D"), 10);
  });

  it("shuffles into a new array with the same cards, leaving the input alone", () => {
    const deck = standardDeck();
    const shuffled = shuffle(deck, seededRng(7));
    assert.deepEqual(deck, standardDeck());
    assert.notDeepEqual(shuffled, deck);
    assert.deepEqual([...shuffled].sort(), [...deck].sort());
  });

  it("deals the same order from the same seed, and continues from a saved state", () => {
    assert.deepEqual(shuffle(standardDeck(), seededRng(42)), shuffle(standardDeck(), seededRng(42)));
    const rng = seededRng(42);
    rng();
    const resumed = seededRng(rng.state);
    assert.deepEqual([rng(), rng(), rng()], [resumed(), resumed(), resumed()]);
  });

  it("sorts a hand by suit, then rank with aces high", () => {
    assert.deepEqual(sortHand(["AS", "2S", "10C", "QD", "3H", "JC"]), ["10C", "JC", "QD", "3H", "2S", "AS"]);
    assert.deepEqual(sortHand(["2C", "3H", "4S"], ["H", "S", "D", "C"]), ["3H", "4S", "2C"]);
  });
});

import assert from "node:assert/strict";
import { isCard, rankValue, seededRng, shuffle, sortHand, standardDeck } from "../../shared/games/cards.ts";
import { crazyEights, type C8Move, type C8State, type C8View } from "../../shared/games/crazy-eights.ts";
import { GameCheckError, checkGame } from "../../shared/games/testkit.ts";
import { isRefusal, type CardGame, type GameRefusal } from "../../shared/games/types.ts";

const noRng = () => {
  throw new Error("this move should not need randomness");
};

/** The refusal code, or fails the test when the move was accepted. */
function refusedWith(outcome: unknown): string {
  assert.ok(isRefusal(outcome), "the move should have been refused");
  return (outcome as GameRefusal).code;
}

function accepted<S>(outcome: S | GameRefusal): S {
  if (isRefusal(outcome)) assert.fail(`refused: ${outcome.code} ${outcome.message}`);
  return outcome;
}

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

/** A two-seat table with the given hands, top card and draw pile. */
function c8(hands: string[][], top: string, drawPile: string[] = ["2D", "3D"], under: string[] = []): C8State {
  return { hands, drawPile, discard: [...under, top], suit: top.slice(-1) as C8State["suit"], turn: 0, drew: false, last: null };
}

describe("Crazy Eights rules", () => {
  it("deals 7 cards each to up to four players and 5 each to five or more", () => {
    const four = crazyEights.setup(4, seededRng(1));
    assert.deepEqual(four.hands.map((h) => h.length), [7, 7, 7, 7]);
    assert.equal(four.drawPile.length, 52 - 28 - 1);
    const six = crazyEights.setup(6, seededRng(1));
    assert.deepEqual(six.hands.map((h) => h.length), [5, 5, 5, 5, 5, 5]);
    assert.equal(new Set([...six.hands.flat(), ...six.drawPile, ...six.discard]).size, 52);
  });

  it("plays a card matching the suit or the rank and passes the turn", () => {
    const bySuit = accepted(crazyEights.move(c8([["4H", "9C"], ["2S"]], "KH"), 0, { type: "play", card: "4H" }, noRng));
    assert.deepEqual(bySuit.hands[0], ["9C"]);
    assert.equal(bySuit.turn, 1);
    const byRank = accepted(crazyEights.move(c8([["KC", "9C"], ["2S"]], "KH"), 0, { type: "play", card: "KC" }, noRng));
    assert.equal(byRank.suit, "C");
  });

  it("an 8 names the next suit", () => {
    const state = accepted(crazyEights.move(c8([["8C", "9C"], ["2S"]], "KH"), 0, { type: "play", card: "8C", suit: "S" }, noRng));
    assert.equal(state.suit, "S");
    assert.equal(crazyEights.view(state, 1).suit, "S");
    assert.equal(refusedWith(crazyEights.move(c8([["8C", "9C"], ["2S"]], "KH"), 0, { type: "play", card: "8C" }, noRng)), "NAME_A_SUIT");
  });

  it("refuses a card that matches neither suit nor rank and leaves the state unchanged", () => {
    const state = c8([["4C", "9C"], ["2S"]], "KH");
    const before = structuredClone(state);
    assert.equal(refusedWith(crazyEights.move(state, 0, { type: "play", card: "4C" }, noRng)), "NO_MATCH");
    assert.equal(refusedWith(crazyEights.move(state, 0, { type: "play", card: "4H" }, noRng)), "NOT_IN_HAND");
    assert.deepEqual(state, before);
  });

  it("after drawing, a seat may play or pass but not draw again", () => {
    const state = c8([["4C"], ["2S"]], "KH", ["5H", "6H"]);
    assert.equal(refusedWith(crazyEights.move(state, 0, { type: "pass" }, noRng)), "DRAW_FIRST");
    const drawn = accepted(crazyEights.move(state, 0, { type: "draw" }, noRng));
    assert.deepEqual(drawn.hands[0], ["4C", "5H"]);
    assert.equal(drawn.turn, 0, "the drawing seat keeps the turn");
    assert.deepEqual(crazyEights.enumerate(drawn, 0), [{ type: "play", card: "5H" }, { type: "pass" }]);
    assert.equal(refusedWith(crazyEights.move(drawn, 0, { type: "draw" }, noRng)), "ALREADY_DREW");
    assert.equal(accepted(crazyEights.move(drawn, 0, { type: "pass" }, noRng)).turn, 1);
  });

  it("reshuffles the discard pile when the draw pile runs out, keeping the top card", () => {
    const state = c8([["4C"], ["2S"]], "KH", [], ["3D", "7D", "JS"]);
    const drawn = accepted(crazyEights.move(state, 0, { type: "draw" }, seededRng(3)));
    assert.deepEqual(drawn.discard, ["KH"]);
    assert.equal(drawn.drawPile.length, 2);
    assert.deepEqual([...drawn.drawPile, drawn.hands[0].find((c) => c !== "4C")].sort(), ["3D", "7D", "JS"]);
  });

  it("lets a seat pass without drawing when every card is in a hand", () => {
    const state = c8([["4C"], ["2S"]], "KH", []);
    assert.equal(refusedWith(crazyEights.move(state, 0, { type: "draw" }, noRng)), "NOTHING_TO_DRAW");
    assert.equal(accepted(crazyEights.move(state, 0, { type: "pass" }, noRng)).turn, 1);
  });

  it("ends when a seat sheds its last card, ranking by cards left and scoring their penalty", () => {
    const state = c8([["4H"], ["8S", "KD", "3C"], ["2S"]], "KH");
    const over = accepted(crazyEights.move(state, 0, { type: "play", card: "4H" }, noRng));
    assert.deepEqual(crazyEights.toAct(over), []);
    assert.deepEqual(crazyEights.result(over), { ranks: [1, 3, 2], scores: [0, 63, 2] });
  });

  it("shows a seat its own hand and only counts of the others", () => {
    const state = crazyEights.setup(3, seededRng(5));
    const view = crazyEights.view(state, 1);
    assert.deepEqual(view.hand, state.hands[1]);
    assert.deepEqual(view.handCounts, [7, 7, 7]);
    assert.equal(crazyEights.view(state, null).hand, null);
    const drawn = accepted(crazyEights.move(state, 0, { type: "draw" }, noRng));
    assert.deepEqual(crazyEights.view(drawn, 1).last, { seat: 0, type: "draw" }, "a draw does not say which card");
  });

  it("plays the first playable card when time runs out, naming the suit the hand is longest in", () => {
    const state = c8([["2C", "8D", "9S", "10S"], ["2S"]], "KH");
    assert.deepEqual(crazyEights.turn.auto(state, 0, noRng), { type: "play", card: "8D", suit: "S" });
    assert.deepEqual(crazyEights.turn.auto(c8([["2C"], ["2S"]], "KH"), 0, noRng), { type: "draw" });
  });
});

describe("game test kit", () => {
  it("passes Crazy Eights for every seat count", () => {
    checkGame(crazyEights, { seeds: [1, 2, 3, 4], players: [2, 3, 4, 5, 6], maxMoves: 3000 });
  });

  it("catches a game whose view shows another seat's hand, naming the seed", () => {
    const leaky: CardGame<C8State, C8Move, C8View & { peek: string[] }> = {
      ...crazyEights,
      view: (s, seat) => ({ ...crazyEights.view(s, seat), peek: s.hands[((seat ?? 0) + 1) % s.hands.length] }),
    };
    assert.throws(() => checkGame(leaky, { seeds: [9], players: [3], maxMoves: 3000 }), (error: unknown) => {
      assert.ok(error instanceof GameCheckError);
      assert.match(error.message, /seed 9/);
      assert.match(error.message, /view shows \w+, which hidden\(\) shows only to seat 1/);
      return true;
    });
  });

  it("catches a game whose move changes the state it was given", () => {
    const mutating: CardGame<C8State, C8Move, C8View> = {
      ...crazyEights,
      move(s, seat, move, rng) {
        s.last = null;
        return crazyEights.move(s, seat, move, rng);
      },
    };
    assert.throws(() => checkGame(mutating, { seeds: [4], players: [2], maxMoves: 3000 }), /seed 4.*mutated its input state/);
  });

  it("catches a game that accepts a card the seat does not hold", () => {
    const lax: CardGame<C8State, C8Move, C8View> = {
      ...crazyEights,
      move(s, seat, move, rng) {
        if (move.type !== "play" || s.hands[seat].includes(move.card)) return crazyEights.move(s, seat, move, rng);
        return { ...s, discard: [...s.discard, move.card], turn: (seat + 1) % s.hands.length };
      },
    };
    assert.throws(() => checkGame(lax, { seeds: [5], players: [2], maxMoves: 3000 }), /seed 5.*naming a card it does not hold/);
  });
});

import assert from "node:assert/strict";
import { isCard, rankValue, seededRng, shuffle, sortHand, standardDeck } from "../../shared/games/cards.ts";
import { crazyEights, type C8Move, type C8State, type C8View } from "../../shared/games/crazy-eights.ts";
import { hearts, heartsTo, type HeartsState } from "../../shared/games/hearts.ts";
import { gameList, games, getGame } from "../../shared/games/index.ts";
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

  it("passes Hearts, to 100 and to a low target", () => {
    checkGame(hearts, { seeds: [1, 2], players: [4], maxMoves: 2000 });
    checkGame(heartsTo(30), { seeds: [3, 4, 5, 6, 7, 8], players: [4], maxMoves: 2000, probeEvery: 1 });
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

/** A hand of Hearts in play, after the first trick unless `over` says otherwise. */
function heartsTable(hands: string[][], over: Partial<HeartsState> = {}): HeartsState {
  const four = <T>(value: T) => [value, value, value, value];
  return {
    target: 100, handNumber: 0, phase: "playing", hands, passed: four(null), received: four(null), trick: [], lastTrick: null,
    turn: 0, tricksPlayed: 1, heartsBroken: false, taken: four(0), scores: four(0), ...over,
  };
}

describe("Hearts rules", () => {
  it("passes three cards left on the first hand, all four seats at once", () => {
    let state = hearts.setup(4, seededRng(11));
    const dealt = structuredClone(state.hands);
    assert.equal(hearts.view(state, 0).passDirection, "left");
    for (const seat of [2, 0, 3, 1]) {
      assert.ok(hearts.toAct(state).includes(seat));
      state = accepted(hearts.move(state, seat, { type: "pass", cards: dealt[seat].slice(0, 3) }, noRng));
      if (state.phase === "passing") assert.ok(!hearts.toAct(state).includes(seat), "a seat that passed waits for the others");
    }
    assert.equal(state.phase, "playing");
    assert.deepEqual(hearts.toAct(state), [state.hands.findIndex((hand) => hand.includes("2C"))]);
    assert.deepEqual(state.received[1], dealt[0].slice(0, 3), "seat 0 passes to seat 1");
    assert.ok(dealt[3].slice(0, 3).every((card) => state.hands[0].includes(card)), "seat 3 passes to seat 0");
    assert.deepEqual(hearts.view(state, 0).passed, dealt[0].slice(0, 3));
  });

  it("rotates the pass direction left, right, across, then none", () => {
    const directions = [0, 1, 2, 3, 4].map((handNumber) => hearts.view(heartsTable([[], [], [], []], { handNumber }), 0).passDirection);
    assert.deepEqual(directions, ["left", "right", "across", "none", "left"]);
  });

  it("refuses a pass of cards the seat does not hold, or not three of them", () => {
    const state = hearts.setup(4, seededRng(11));
    const [a, b, c] = state.hands[0];
    assert.equal(refusedWith(hearts.move(state, 0, { type: "pass", cards: [a, b, state.hands[1][0]] }, noRng)), "NOT_IN_HAND");
    assert.equal(refusedWith(hearts.move(state, 0, { type: "pass", cards: [a, b, b] }, noRng)), "PASS_THREE");
    const passed = accepted(hearts.move(state, 0, { type: "pass", cards: [a, b, c] }, noRng));
    assert.equal(refusedWith(hearts.move(passed, 0, { type: "pass", cards: passed.hands[0].slice(0, 3) }, noRng)), "NOT_PASSING");
  });

  it("the 2 of clubs leads the first trick", () => {
    const state = heartsTable([["3C", "AS"], ["2C", "5D"], ["4C", "9D"], ["KC", "2H"]], { tricksPlayed: 0, turn: 1 });
    assert.deepEqual(hearts.toAct(state), [1]);
    assert.equal(refusedWith(hearts.move(state, 1, { type: "play", card: "5D" }, noRng)), "LEAD_TWO_OF_CLUBS");
    assert.deepEqual(hearts.enumerate(state, 1), [{ type: "play", card: "2C" }]);
    const dealt = hearts.setup(4, seededRng(2));
    assert.ok(dealt.phase === "passing" && dealt.hands[dealt.turn].includes("2C"));
  });

  it("must follow the led suit when it can", () => {
    const state = heartsTable([["3D", "AS"], [], [], []], { trick: [{ seat: 3, card: "9D" }] });
    assert.equal(refusedWith(hearts.move(state, 0, { type: "play", card: "AS" }, noRng)), "FOLLOW_SUIT");
    accepted(hearts.move(state, 0, { type: "play", card: "3D" }, noRng));
  });

  it("allows no points on the first trick unless the hand holds nothing else", () => {
    const first = { tricksPlayed: 0, trick: [{ seat: 3, card: "2C" }] };
    const state = heartsTable([["QS", "5H", "3D"], [], [], []], first);
    assert.equal(refusedWith(hearts.move(state, 0, { type: "play", card: "QS" }, noRng)), "NO_POINTS_ON_FIRST_TRICK");
    assert.equal(refusedWith(hearts.move(state, 0, { type: "play", card: "5H" }, noRng)), "NO_POINTS_ON_FIRST_TRICK");
    accepted(hearts.move(heartsTable([["QS", "5H"], [], [], []], first), 0, { type: "play", card: "5H" }, noRng));
  });

  it("cannot lead hearts before they are broken", () => {
    const state = heartsTable([["5H", "3D"], [], [], []]);
    assert.equal(refusedWith(hearts.move(state, 0, { type: "play", card: "5H" }, noRng)), "HEARTS_NOT_BROKEN");
    accepted(hearts.move({ ...state, heartsBroken: true }, 0, { type: "play", card: "5H" }, noRng));
    // A hand of nothing but hearts may lead one.
    accepted(hearts.move(heartsTable([["5H", "9H"], [], [], []]), 0, { type: "play", card: "5H" }, noRng));
  });

  it("gives the trick and its points to the highest card of the led suit, who leads next", () => {
    const state = heartsTable([["9D", "2S"], ["QS", "3S"], ["KD", "4S"], ["5H", "5S"]], { heartsBroken: true });
    let next = state;
    for (const [seat, card] of [[0, "9D"], [1, "QS"], [2, "KD"], [3, "5H"]] as const) next = accepted(hearts.move(next, seat, { type: "play", card }, noRng));
    assert.deepEqual(next.taken, [0, 0, 14, 0]);
    assert.deepEqual(next.lastTrick?.winner, 2);
    assert.deepEqual(hearts.toAct(next), [2]);
  });

  it("shooting the moon gives every other seat 26", () => {
    const lastTrick = heartsTable([["AH"], ["2H"], ["3C"], ["4C"]], { tricksPlayed: 12, heartsBroken: true, taken: [24, 0, 0, 0], scores: [10, 20, 30, 40] });
    let state = lastTrick;
    for (const [seat, card] of [[0, "AH"], [1, "2H"], [2, "3C"], [3, "4C"]] as const) state = accepted(hearts.move(state, seat, { type: "play", card }, seededRng(1)));
    assert.deepEqual(state.scores, [10, 46, 56, 66]);
    assert.equal(state.handNumber, 1, "a new hand is dealt");
    assert.equal(state.phase, "passing");
    assert.deepEqual(state.hands.map((hand) => hand.length), [13, 13, 13, 13]);
  });

  it("ends when a seat reaches the target, ranking the lowest score first", () => {
    const finalTrick = heartsTable([["AH"], ["2H"], ["3C"], ["4C"]], { target: 50, tricksPlayed: 12, heartsBroken: true, taken: [10, 0, 0, 0], scores: [40, 20, 20, 5] });
    let state = finalTrick;
    for (const [seat, card] of [[0, "AH"], [1, "2H"], [2, "3C"], [3, "4C"]] as const) state = accepted(hearts.move(state, seat, { type: "play", card }, noRng));
    assert.deepEqual(hearts.toAct(state), []);
    assert.deepEqual(hearts.result(state), { ranks: [4, 2, 2, 1], scores: [52, 20, 20, 5] });
    assert.equal(heartsTo(50).setup(4, seededRng(1)).target, 50);
  });

  it("shows each seat its passed and received cards, and a spectator no hand", () => {
    let state = hearts.setup(4, seededRng(4));
    for (const seat of [0, 1, 2, 3]) state = accepted(hearts.move(state, seat, hearts.turn.auto(state, seat, noRng), noRng));
    const view = hearts.view(state, 2);
    assert.deepEqual(view.received, state.passed[1]);
    assert.deepEqual(view.passed, state.passed[2]);
    assert.deepEqual(view.handCounts, [13, 13, 13, 13]);
    const spectator = hearts.view(state, null);
    assert.equal(spectator.hand, null);
    assert.equal(spectator.passed, null);
  });

  it("passes the three highest cards and plays the lowest legal card when time runs out", () => {
    const dealt = heartsTable([["2C", "9D", "QS", "AH", "3H"], [], [], []], { phase: "passing" });
    assert.deepEqual(hearts.turn.auto(dealt, 0, noRng), { type: "pass", cards: ["9D", "QS", "AH"] });
    const following = heartsTable([["9D", "4D", "2S"], [], [], []], { trick: [{ seat: 3, card: "KD" }] });
    assert.deepEqual(hearts.turn.auto(following, 0, noRng), { type: "play", card: "4D" });
  });
});

describe("games registry", () => {
  it("finds each game by its own id and lists it for the picker", () => {
    for (const [id, game] of Object.entries(games)) assert.equal(game.id, id);
    assert.equal(getGame("hearts"), hearts);
    assert.equal(getGame("crazy-eights"), crazyEights);
    assert.deepEqual(gameList().map((g) => [g.id, g.players]), [["crazy-eights", { min: 2, max: 6 }], ["hearts", { min: 4, max: 4 }]]);
  });

  it("finds nothing for an unknown id, even one named like a prototype property", () => {
    assert.equal(getGame("poker"), undefined);
    assert.equal(getGame("constructor"), undefined);
    assert.equal(getGame("__proto__"), undefined);
  });
});

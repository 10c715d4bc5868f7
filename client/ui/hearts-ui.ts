// Hearts at a table: while passing, pick three cards and Pass them; then play tricks by clicking
// a card. The middle shows the trick being played (or the last one), and the scores.
import { suitOf } from "../../shared/games/cards.ts";
import type { HeartsView } from "../../shared/games/hearts.ts";
import type { Card } from "../../shared/games/types.ts";
import { cardFace, cardShort, suitWords } from "./card-face.ts";
import { el } from "./element.ts";
import { isObject, who, type GameUi, type GameUiContext, type HandSpec } from "./table-game-ui.ts";

function heartsView(v: unknown): HeartsView | undefined {
  return isObject(v) && typeof v.phase === "string" && Array.isArray(v.trick) && Array.isArray(v.handCounts) ? (v as unknown as HeartsView) : undefined;
}

const PASS_COUNT = 3;

export class HeartsUi implements GameUi {
  /** Cards picked to pass. */
  private readonly picked = new Set<Card>();

  handCounts(view: unknown): number[] {
    return heartsView(view)?.handCounts ?? [];
  }

  center(ctx: GameUiContext): Node {
    const v = heartsView(ctx.view);
    if (!v) return el("div", { class: "table-trick" });
    const plays = v.trick.length > 0 ? v.trick : v.lastTrick?.plays ?? [];
    const old = v.trick.length === 0 && v.lastTrick !== null;
    const trick = el("div", { class: `trick${old ? " last" : ""}` }, ...plays.map((p) =>
      el("figure", { class: "trick-play" }, cardFace(p.card), el("figcaption", {}, who(ctx, p.seat)))));
    const caption = v.phase === "passing" ? `Passing three cards ${v.passDirection}`
      : old && v.lastTrick ? `${who(ctx, v.lastTrick.winner)} took the last trick` : plays.length === 0 ? "No cards played yet" : "This trick";
    const scores = el("p", { class: "trick-scores small" }, ctx.players.map((p) => `${who(ctx, p.gameSeat)} ${v.scores[p.gameSeat] ?? 0} (+${v.taken[p.gameSeat] ?? 0})`).join(" · "));
    return el("div", { class: "table-trick" },
      el("p", { class: "trick-caption small" }, caption, v.heartsBroken ? el("span", { class: "badge hearts-broken" }, "♥ broken") : null),
      trick, scores);
  }

  note(ctx: GameUiContext): string {
    const v = heartsView(ctx.view);
    if (!v) return "";
    if (v.phase === "passing") {
      if (ctx.me === undefined) return "Everyone picks three cards to pass.";
      if (v.passed) return `You passed ${v.passed.map(cardShort).join(" ")}; waiting for the others.`;
      return `Pick ${PASS_COUNT} cards to pass ${v.passDirection}, then Pass.`;
    }
    if (ctx.myTurn) return v.trick.length === 0 ? "Your lead." : `Your turn: follow ${suitWords[suitOf(v.trick[0].card)].name} if you can.`;
    const acting = v.toAct[0];
    return acting === undefined ? "" : `${who(ctx, acting)} to play.`;
  }

  hand(ctx: GameUiContext): HandSpec | undefined {
    const v = heartsView(ctx.view);
    if (!v?.hand || ctx.me === undefined) return undefined;
    const hand = v.hand;
    const passing = v.phase === "passing" && ctx.myTurn;
    if (!passing) this.picked.clear();
    for (const card of [...this.picked]) if (!hand.includes(card)) this.picked.delete(card);
    const lead = v.trick[0]?.card;
    const mustFollow = lead !== undefined && hand.some((c) => suitOf(c) === suitOf(lead));
    return {
      cards: hand,
      playable: (card) => ctx.myTurn && (passing || !mustFollow || suitOf(card) === suitOf(lead)),
      selected: (card) => this.picked.has(card),
      pick: (card) => {
        if (!passing) { ctx.play({ type: "play", card }); return; }
        if (this.picked.has(card)) this.picked.delete(card);
        else if (this.picked.size < PASS_COUNT) this.picked.add(card);
        ctx.redraw();
      },
    };
  }

  controls(ctx: GameUiContext): Node[] {
    const v = heartsView(ctx.view);
    if (!v || ctx.me === undefined || v.phase !== "passing" || !ctx.myTurn) return [];
    const pass = el("button", { class: "button small primary", type: "button", disabled: this.picked.size !== PASS_COUNT },
      `Pass ${this.picked.size}/${PASS_COUNT} cards`);
    pass.addEventListener("click", () => {
      const cards = [...this.picked];
      this.picked.clear();
      ctx.play({ type: "pass", cards });
    });
    return [pass];
  }
}

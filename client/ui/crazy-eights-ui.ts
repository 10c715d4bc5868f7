// Crazy Eights at a table: the draw pile and the top card (with the suit an 8 named), Draw and Pass,
// and a suit chooser when you play an 8.
import { SUITS, rankOf, suitOf, type Suit } from "../../shared/games/cards.ts";
import type { C8View } from "../../shared/games/crazy-eights.ts";
import type { Card } from "../../shared/games/types.ts";
import { cardBack, cardFace, cardShort, suitWords } from "./card-face.ts";
import { el } from "./element.ts";
import { isObject, who, type GameUi, type GameUiContext, type HandSpec } from "./table-game-ui.ts";

function c8View(v: unknown): C8View | undefined {
  return isObject(v) && typeof v.top === "string" && typeof v.suit === "string" && Array.isArray(v.handCounts) ? (v as unknown as C8View) : undefined;
}

/** The rules' test, repeated here only to show which cards fit: the server still decides. */
const fits = (v: C8View, card: Card): boolean => rankOf(card) === "8" || suitOf(card) === v.suit || rankOf(card) === rankOf(v.top);

export class CrazyEightsUi implements GameUi {
  /** An 8 clicked, waiting for its suit to be named. */
  private eight: Card | undefined;

  handCounts(view: unknown): number[] {
    return c8View(view)?.handCounts ?? [];
  }

  center(ctx: GameUiContext): Node {
    const v = c8View(ctx.view);
    if (!v) return el("div", { class: "table-pile" });
    const named = v.suit !== suitOf(v.top);
    return el("div", { class: "table-pile" },
      el("div", { class: "pile-stack", "aria-label": `Draw pile: ${v.drawPile} cards`, role: "img" }, v.drawPile > 0 ? cardBack() : el("span", { class: "playing-card empty" }), el("span", { class: "pile-count" }, String(v.drawPile))),
      el("div", { class: "pile-top" }, cardFace(v.top, "top-card")),
      el("div", { class: `pile-suit${suitWords[v.suit].red ? " red" : ""}`, "data-testid": "table-suit", title: "Suit to match" },
        named ? `${suitWords[v.suit].symbol} ${suitWords[v.suit].name} named` : `${suitWords[v.suit].symbol} to match`));
  }

  note(ctx: GameUiContext): string {
    const v = c8View(ctx.view);
    if (!v) return "";
    if (ctx.myTurn) return v.drew ? "You drew: play a card that fits, or pass." : "Your turn: play a card that fits (8s are wild), or draw.";
    const last = v.last;
    if (!last) return "The game is on.";
    const name = who(ctx, last.seat);
    if (last.type === "play") {
      const eight = rankOf(last.card) === "8";
      return `${name} played ${cardShort(last.card)}${eight ? ` and named ${suitWords[last.suit].name}` : ""}.`;
    }
    return last.type === "draw" ? `${name} drew a card.` : `${name} passed.`;
  }

  hand(ctx: GameUiContext): HandSpec | undefined {
    const v = c8View(ctx.view);
    if (!v?.hand || ctx.me === undefined) return undefined;
    if (!ctx.myTurn) this.eight = undefined;
    return {
      cards: v.hand,
      playable: (card) => ctx.myTurn && fits(v, card),
      selected: (card) => card === this.eight,
      pick: (card) => {
        if (rankOf(card) === "8") { this.eight = card; ctx.redraw(); return; }
        this.eight = undefined;
        ctx.play({ type: "play", card });
      },
    };
  }

  controls(ctx: GameUiContext): Node[] {
    const v = c8View(ctx.view);
    if (!v || ctx.me === undefined) return [];
    const eight = this.eight;
    if (eight && ctx.myTurn) {
      const choose = (suit: Suit) => {
        const b = el("button", { class: `suit-button${suitWords[suit].red ? " red" : ""}`, type: "button", "aria-label": `Name ${suitWords[suit].name}` }, suitWords[suit].symbol);
        b.addEventListener("click", () => { this.eight = undefined; ctx.play({ type: "play", card: eight, suit }); });
        return b;
      };
      const cancel = el("button", { class: "button small", type: "button" }, "Cancel");
      cancel.addEventListener("click", () => { this.eight = undefined; ctx.redraw(); });
      return [el("div", { class: "suit-chooser", role: "group", "aria-label": "Name a suit for your 8", "data-testid": "suit-chooser" },
        el("span", { class: "small" }, `Your ${cardShort(eight)} names:`), ...SUITS.map(choose), cancel)];
    }
    const draw = el("button", { class: "button small", type: "button", disabled: !ctx.myTurn || v.drew }, "Draw");
    draw.addEventListener("click", () => ctx.play({ type: "draw" }));
    const pass = el("button", { class: "button small", type: "button", disabled: !ctx.myTurn }, "Pass");
    pass.addEventListener("click", () => ctx.play({ type: "pass" }));
    return [draw, pass];
  }
}

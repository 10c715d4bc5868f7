// Playing cards as DOM: a face shows rank and suit (♠♥♦♣ as text, red or black) and says its name
// to screen readers ("7 of hearts"); a back shows nothing. Faces carry data-card, backs never do,
// so what a page shows face up can be read straight from the DOM.
import { rankOf, suitOf, type Suit } from "../../shared/games/cards.ts";
import type { Card } from "../../shared/games/types.ts";
import { el } from "./element.ts";

export const suitWords: Record<Suit, { symbol: string; name: string; red: boolean }> = {
  C: { symbol: "♣", name: "clubs", red: false },
  D: { symbol: "♦", name: "diamonds", red: true },
  H: { symbol: "♥", name: "hearts", red: true },
  S: { symbol: "♠", name: "spades", red: false },
};

const rankWords: Record<string, string> = { J: "jack", Q: "queen", K: "king", A: "ace" };

/** "7 of hearts", "queen of spades". */
export function cardName(card: Card): string {
  const rank = rankOf(card);
  return `${rankWords[rank] ?? rank} of ${suitWords[suitOf(card)].name}`;
}

/** "7♥": short, for lines of text. */
export function cardShort(card: Card): string {
  return `${rankOf(card)}${suitWords[suitOf(card)].symbol}`;
}

function faceParts(card: Card): Node[] {
  const suit = suitWords[suitOf(card)];
  return [
    el("span", { class: "pc-corner", "aria-hidden": "true" }, rankOf(card), el("br"), suit.symbol),
    el("span", { class: "pc-pip", "aria-hidden": "true" }, suit.symbol),
  ];
}

const faceClass = (card: Card, extra = "") => `playing-card face${suitWords[suitOf(card)].red ? " red" : ""}${extra ? ` ${extra}` : ""}`;

/** A face-up card to look at. */
export function cardFace(card: Card, extra = ""): HTMLElement {
  return el("span", { class: faceClass(card, extra), "data-card": card, role: "img", "aria-label": cardName(card) }, ...faceParts(card));
}

/** A face-up card you can play or pick. */
export function cardButton(card: Card, extra = ""): HTMLButtonElement {
  return el("button", { class: faceClass(card, extra), type: "button", "data-card": card, "aria-label": cardName(card) }, ...faceParts(card));
}

/** A card face down. */
export function cardBack(extra = ""): HTMLElement {
  return el("span", { class: `playing-card back${extra ? ` ${extra}` : ""}`, "aria-hidden": "true" });
}

// A finished game: who came where, the scores, rating changes once the server has stored them, and
// every hand as it ended (nothing is secret any more); Rematch and Leave for the players.
import { getGame } from "../../shared/games/index.ts";
import type { TableResult } from "../../shared/features/tables.ts";
import type { TableSnapshot } from "../net/table-state.ts";
import { cardFace } from "./card-face.ts";
import { el } from "./element.ts";

export interface ResultActions {
  rematch(): void;
  leave(): void;
  /** For someone watching: take a free chair for the next game. */
  sit(): void;
}

type ResultSeat = TableResult["seats"][number];

function ratingText(s: ResultSeat): string {
  if (s.ratingBefore === null || s.ratingAfter === null) return s.bot ? "" : "unrated";
  const delta = Math.round(s.ratingAfter - s.ratingBefore);
  return `${Math.round(s.ratingBefore)} → ${Math.round(s.ratingAfter)} (${delta >= 0 ? "+" : "−"}${Math.abs(delta)})`;
}

function headline(result: TableResult): string {
  const winners = result.seats.filter((s) => s.rank === 1).map((s) => s.name);
  if (winners.length === 1) return `${winners[0]} wins!`;
  return `${winners.slice(0, -1).join(", ")} and ${winners[winners.length - 1]} share the win`;
}

export function renderResult(t: TableSnapshot, result: TableResult, act: ResultActions): HTMLElement {
  const seated = t.mySeat !== undefined;
  const order = result.seats.map((s, gameSeat) => ({ ...s, gameSeat })).sort((a, b) => a.rank - b.rank || a.gameSeat - b.gameSeat);
  const rated = result.seats.some((s) => s.ratingAfter !== null);
  const rows = order.map((s) => el("tr", { class: s.rank === 1 ? "winner" : "" },
    el("td", { class: "rank" }, `${s.rank}.`),
    el("td", {}, s.name, s.bot ? el("span", { class: "badge bot-badge" }, "bot") : null),
    el("td", { class: "num" }, String(s.score)),
    rated ? el("td", { class: "rating" }, ratingText(s)) : null));
  const table = el("table", { class: "result-table" },
    el("thead", {}, el("tr", {}, el("th", {}, "#"), el("th", {}, "Player"), el("th", { class: "num" }, "Score"), rated ? el("th", {}, "Rating") : null)),
    el("tbody", {}, ...rows));

  // A hand may be listed more than once (cards another seat also knew of): show each card once.
  const hands = new Map<number, Set<string>>();
  for (const r of result.revealed) for (const c of r.cards) (hands.get(r.gameSeat) ?? hands.set(r.gameSeat, new Set()).get(r.gameSeat))?.add(c);
  const revealed = el("div", { class: "revealed" }, el("h3", {}, "Hands at the end"),
    ...result.seats.map((s, gameSeat) => {
      const cards = [...(hands.get(gameSeat) ?? [])];
      return el("div", { class: "revealed-hand" }, el("span", { class: "revealed-name" }, s.name),
        cards.length > 0 ? el("span", { class: "revealed-cards" }, ...cards.map((c) => cardFace(c, "mini"))) : el("span", { class: "muted small" }, "no cards left"));
    }));

  const rematch = el("button", { class: "button small primary", type: "button", disabled: !seated, title: seated ? "Play again with the same seats" : "Sit down to play the next game" }, "Rematch");
  rematch.addEventListener("click", () => act.rematch());
  const leave = el("button", { class: "button small", type: "button" }, seated ? "Leave" : "Stop watching");
  leave.addEventListener("click", () => act.leave());
  const sit = seated ? null : el("button", { class: "button small", type: "button" }, "Sit for the next game");
  sit?.addEventListener("click", () => act.sit());

  return el("div", { class: "table-result", "data-testid": "table-result" },
    el("h3", { class: "result-headline" }, headline(result)),
    el("p", { class: "muted small" }, `${getGame(result.gameId)?.name ?? result.gameId}: ${result.gameId === "crazy-eights" ? "points are the cards left in hand" : "lowest score wins"}.`),
    table, revealed,
    el("div", { class: "row tight table-buttons" }, rematch, sit, leave));
}

// A card game in play: the other players around with their card counts (backs only), the middle of
// the table, whose turn it is with a countdown to the turn's deadline (from this page's estimate of
// the server clock: no patches tick it), your hand fanned at the bottom, and refusals beside it.
import { RANKS, SUITS, rankOf, sortHand, suitOf, type Suit } from "../../shared/games/cards.ts";
import type { Card } from "../../shared/games/types.ts";
import { gameSeats, type TableSnapshot } from "../net/table-state.ts";
import { TableRefusal, type TableMove, type TableRequests } from "../net/table-requests.ts";
import { cardBack, cardButton } from "./card-face.ts";
import { CrazyEightsUi } from "./crazy-eights-ui.ts";
import { HeartsUi } from "./hearts-ui.ts";
import { el } from "./element.ts";
import { who, type GameUi, type GameUiContext } from "./table-game-ui.ts";

export interface BoardDeps {
  requests: TableRequests;
  /** The server's clock now (ms), as this page estimates it. */
  serverNow(): number;
}

/** Suits alternate colours in a hand sorted by suit, so neighbouring groups stand apart. */
const HAND_SUITS: readonly Suit[] = ["S", "H", "C", "D"];
const byRank = (cards: readonly Card[]): Card[] =>
  [...cards].sort((a, b) => RANKS.indexOf(rankOf(a)) - RANKS.indexOf(rankOf(b)) || SUITS.indexOf(suitOf(a)) - SUITS.indexOf(suitOf(b)));

function gameUiFor(gameId: string): GameUi {
  return gameId.startsWith("hearts") ? new HeartsUi() : new CrazyEightsUi();
}

export function countdownText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export class TableBoard {
  readonly root = el("section", { class: "table-board", "data-testid": "table-board", "aria-label": "Card game" });
  private readonly players = el("ol", { class: "table-players", "aria-label": "Players" });
  private readonly center = el("div", { class: "table-center", "data-testid": "table-center" });
  private readonly turn = el("span", { class: "turn-who" });
  private readonly countdown = el("span", { class: "countdown", "data-testid": "table-countdown", "aria-label": "Time left" });
  private readonly note = el("p", { class: "table-note", "aria-live": "polite" });
  private readonly controls = el("div", { class: "table-controls" });
  private readonly refusal = el("p", { class: "table-refusal", role: "alert", "data-testid": "table-refusal" });
  private readonly hand = el("div", { class: "hand", "data-testid": "table-hand", role: "group", "aria-label": "Your hand" });
  private readonly sort = el("button", { class: "button small sort-toggle", type: "button", "aria-pressed": "false", title: "Sort your hand by rank instead of suit" }, "Sort by rank");
  private snapshot: TableSnapshot | undefined;
  private game: { id: string; ui: GameUi } | undefined;
  private byRank = false;
  /** The version a move was sent for: until the table moves past it, the hand waits. */
  private sentFor: number | undefined;
  private refusalTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(private readonly deps: BoardDeps) {
    this.sort.addEventListener("click", () => {
      this.byRank = !this.byRank;
      this.sort.setAttribute("aria-pressed", String(this.byRank));
      this.sort.textContent = this.byRank ? "Sort by suit" : "Sort by rank";
      this.redraw();
    });
    this.root.append(this.players,
      el("div", { class: "table-middle" }, this.center, el("div", { class: "table-turn" }, this.turn, this.countdown)),
      this.note,
      el("div", { class: "table-hand-bar" }, this.controls, this.sort),
      this.refusal, this.hand);
    this.ticker = setInterval(() => this.tick(), 250);
  }

  show(snapshot: TableSnapshot): void {
    this.snapshot = snapshot;
    if (this.sentFor !== undefined && snapshot.version > this.sentFor) this.sentFor = undefined;
    if (this.game?.id !== snapshot.gameId) this.game = { id: snapshot.gameId, ui: gameUiFor(snapshot.gameId) };
    this.redraw();
  }

  private context(t: TableSnapshot): GameUiContext {
    const me = t.mySeat && t.mySeat.gameSeat >= 0 ? t.mySeat.gameSeat : undefined;
    return {
      snapshot: t, players: gameSeats(t), me,
      myTurn: me !== undefined && t.toAct.includes(me) && this.sentFor === undefined,
      view: t.privateView ?? t.publicView,
      play: (move) => this.play(move),
      redraw: () => this.redraw(),
    };
  }

  private redraw(): void {
    const t = this.snapshot;
    const ui = this.game?.ui;
    if (!t || !ui) return;
    const ctx = this.context(t);
    const counts = ui.handCounts(t.publicView);
    this.root.dataset.version = String(t.version);
    this.root.dataset.myTurn = String(ctx.myTurn);
    this.root.dataset.busy = String(this.sentFor !== undefined);
    this.root.dataset.role = ctx.me === undefined ? "spectator" : "player";

    // Around the table in play order, starting after you.
    const start = ctx.me === undefined ? 0 : ctx.me + 1;
    const order = ctx.players.map((_, i) => ctx.players[(start + i) % ctx.players.length]).filter((p) => p.gameSeat !== ctx.me);
    this.players.replaceChildren(...order.map((p) => {
      const n = counts[p.gameSeat] ?? 0;
      const acting = t.toAct.includes(p.gameSeat);
      return el("li", { class: `table-player${acting ? " acting" : ""}`, "data-testid": "table-player", "data-count": n, "aria-label": `${p.name}${p.bot ? " (bot)" : ""}: ${n} ${n === 1 ? "card" : "cards"}${acting ? ", to play" : ""}` },
        el("span", { class: "tp-name" }, p.name, p.bot ? el("span", { class: "badge bot-badge" }, "bot") : null),
        el("span", { class: "tp-backs", "aria-hidden": "true" }, ...Array.from({ length: Math.min(n, 6) }, () => cardBack("mini"))),
        el("span", { class: "tp-count" }, String(n)));
    }));

    this.center.replaceChildren(ui.center(ctx));
    const acting = t.toAct.map((s) => who(ctx, s));
    this.turn.textContent = ctx.me !== undefined && t.toAct.includes(ctx.me) ? "Your turn" : acting.length > 0 ? `${acting.join(", ")} to play` : "";
    this.turn.classList.toggle("mine", ctx.me !== undefined && t.toAct.includes(ctx.me));
    this.note.textContent = ui.note(ctx);
    this.controls.replaceChildren(...ui.controls(ctx));

    const spec = ui.hand(ctx);
    this.sort.hidden = !spec;
    if (!spec) {
      this.hand.classList.add("watching");
      this.hand.replaceChildren(el("p", { class: "muted small" }, "You are watching: every hand stays hidden."));
    } else {
      this.hand.classList.remove("watching");
      const cards = this.byRank ? byRank(spec.cards) : sortHand(spec.cards, HAND_SUITS);
      const step = Math.min(3, 24 / Math.max(1, cards.length));
      this.hand.replaceChildren(...cards.map((card, i) => {
        const playable = spec.playable(card);
        const b = cardButton(card, `${playable ? "playable" : ""}${spec.selected(card) ? " selected" : ""}`);
        b.style.setProperty("--tilt", `${((i - (cards.length - 1) / 2) * step).toFixed(2)}deg`);
        b.setAttribute("aria-pressed", String(spec.selected(card)));
        b.disabled = !ctx.myTurn;
        b.addEventListener("click", () => spec.pick(card));
        return b;
      }));
    }
    this.tick();
  }

  private tick(): void {
    const t = this.snapshot;
    const left = t && t.turnDeadline > 0 ? t.turnDeadline - this.deps.serverNow() : undefined;
    this.countdown.textContent = left === undefined ? "" : countdownText(left);
    this.countdown.classList.toggle("urgent", left !== undefined && left < 10_000);
  }

  private play(move: TableMove): void {
    const t = this.snapshot;
    if (!t || this.sentFor !== undefined) return;
    const version = t.version;
    this.sentFor = version;
    this.say("");
    this.redraw();
    this.deps.requests.move(t.id, version, move).catch((err: unknown) => {
      if (this.sentFor === version) this.sentFor = undefined;
      this.say(err instanceof TableRefusal && err.code === "STALE_VERSION" ? "The table moved on before your move arrived; look again." : err instanceof Error ? err.message : String(err));
      this.redraw();
    });
  }

  /** A short message near the hand; clears itself. */
  private say(message: string): void {
    clearTimeout(this.refusalTimer);
    this.refusal.textContent = message;
    if (message) this.refusalTimer = setTimeout(() => { this.refusal.textContent = ""; }, 5000);
  }

  destroy(): void {
    clearInterval(this.ticker);
    clearTimeout(this.refusalTimer);
    this.root.remove();
  }
}

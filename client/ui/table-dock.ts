// The card table panel over the lounge: opens when you walk up to a table or click it, stays while
// you sit or watch there, and shows the table's phase — chairs and game before, the board while it
// plays, the result after. The lounge stays visible and usable around it.
import type { Table } from "../../shared/features/tables.ts";
import { getGame } from "../../shared/games/index.ts";
import { readTable, type TableSnapshot } from "../net/table-state.ts";
import type { TableRequests } from "../net/table-requests.ts";
import { el } from "./element.ts";
import { renderLobby } from "./table-lobby.ts";
import { TableBoard } from "./table-board.ts";
import { renderResult } from "./table-result.ts";
import { tableTitle, type TableSpots } from "./table-proximity.ts";

export interface TableDockDeps {
  spots: TableSpots;
  requests: TableRequests;
  selfId(): string;
  serverNow(): number;
}

const phaseWords = { open: "Taking seats", playing: "Playing", over: "Game over" } as const;

export class TableDock {
  readonly root = el("section", { class: "table-dock", hidden: true, "data-testid": "table-dock", "aria-labelledby": "table-dock-title" });
  private readonly title = el("h2", { id: "table-dock-title", class: "table-title" });
  private readonly subtitle = el("span", { class: "table-subtitle muted small" });
  private readonly headerButtons = el("div", { class: "table-head-buttons" });
  private readonly message = el("p", { class: "table-refusal", role: "alert", "data-testid": "table-message" });
  private readonly body = el("div", { class: "table-body" });
  private readonly tables = new Map<string, Table>();
  /** The table you stand near, the one you clicked, and the one you closed while near it. */
  private near: string | undefined;
  private clicked: string | undefined;
  private dismissed: string | undefined;
  private board: TableBoard | undefined;
  private shownKey = "";
  private scheduled = false;
  private messageTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: TableDockDeps) {
    this.root.append(el("header", { class: "table-head" }, el("div", { class: "table-heading" }, this.title, this.subtitle), this.headerButtons), this.message, this.body);
  }

  /** The room's state for a table changed. */
  update(table: Table): void {
    this.tables.set(table.id, table);
    this.schedule();
  }

  /** Your avatar moved: walking up to a table opens it, walking away from it closes it. */
  selfMoved(x: number, y: number): void {
    const near = this.deps.spots.near(x, y)?.id;
    if (near === this.near) return;
    this.near = near;
    if (near !== this.dismissed) this.dismissed = undefined;
    if (near && near !== this.clicked) this.clicked = undefined;
    this.schedule();
  }

  /** Someone clicked a table on the map. */
  open(tableId: string): void {
    this.clicked = tableId;
    this.dismissed = undefined;
    this.schedule();
  }

  /** A new seat in the lounge: nothing of the old one's tables holds. */
  reset(): void {
    this.tables.clear();
    this.near = this.clicked = this.dismissed = undefined;
    this.schedule();
  }

  private snapshots(): TableSnapshot[] {
    return [...this.tables.values()].map((t) => readTable(t, this.deps.selfId()));
  }

  /** Where you sit, else what you watch, else what you clicked, else the table you stand by. */
  private shown(): TableSnapshot | undefined {
    const all = this.snapshots();
    const byId = (id: string | undefined) => all.find((t) => t.id === id);
    return all.find((t) => t.mySeat) ?? all.find((t) => t.watching) ?? byId(this.clicked) ?? (this.near !== this.dismissed ? byId(this.near) : undefined);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the whole patch is decoded: one draw for the many changes of one patch.
    queueMicrotask(() => { this.scheduled = false; this.render(); });
  }

  private render(): void {
    const t = this.shown();
    this.root.hidden = !t;
    if (!t) { this.dropBoard(); this.shownKey = ""; return; }
    this.root.dataset.tableId = t.id;
    this.root.dataset.phase = t.phase;
    this.title.textContent = tableTitle(t.id);
    const watchers = t.spectators.length;
    this.subtitle.textContent = `${getGame(t.gameId)?.name ?? t.gameId} · ${phaseWords[t.phase]}${watchers > 0 ? ` · ${watchers} watching` : ""}`;
    this.renderHeaderButtons(t);

    if (t.phase === "playing") {
      this.board ??= new TableBoard({ requests: this.deps.requests, serverNow: this.deps.serverNow });
      if (this.body.firstChild !== this.board.root) this.body.replaceChildren(this.board.root);
      this.board.show(t);
      this.shownKey = "";
      return;
    }
    this.dropBoard();
    // The lobby and result only change with the table: redrawing them otherwise would close an open picker.
    const key = JSON.stringify([t.id, t.phase, t.gameId, t.seats, t.result, t.watching]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const id = t.id;
    if (t.phase === "over" && t.result) {
      this.body.replaceChildren(renderResult(t, t.result, {
        rematch: () => this.act(this.deps.requests.rematch(id)),
        leave: () => this.leave(t),
        sit: () => this.act(this.deps.requests.sit(id)),
      }));
    } else {
      this.body.replaceChildren(renderLobby(t, {
        sit: (seat) => this.act(this.deps.requests.sit(id, seat)),
        stand: () => this.act(this.deps.requests.stand(id)),
        chooseGame: (gameId) => this.act(this.deps.requests.chooseGame(id, gameId)),
        bots: (count) => this.act(this.deps.requests.bots(id, count)),
        start: () => this.act(this.deps.requests.start(id)),
      }));
    }
  }

  private renderHeaderButtons(t: TableSnapshot): void {
    const buttons: HTMLElement[] = [];
    if (!t.mySeat) {
      const watch = el("button", { class: "button small", type: "button", "aria-pressed": String(t.watching) }, t.watching ? "Stop watching" : "Watch");
      watch.addEventListener("click", () => this.act(this.deps.requests.watch(t.id, !t.watching)));
      const close = el("button", { class: "icon-button table-close", type: "button", "aria-label": "Close the table" }, "×");
      close.addEventListener("click", () => this.close(t));
      buttons.push(watch, close);
    }
    this.headerButtons.replaceChildren(...buttons);
  }

  private close(t: TableSnapshot): void {
    this.dismissed = this.near;
    this.clicked = undefined;
    if (t.watching) this.act(this.deps.requests.watch(t.id, false));
    this.schedule();
  }

  /** Leave after a game: get up (or stop watching) and put the panel away. */
  private leave(t: TableSnapshot): void {
    this.dismissed = this.near;
    this.clicked = undefined;
    this.act(t.mySeat ? this.deps.requests.stand(t.id) : this.deps.requests.watch(t.id, false));
  }

  private act(request: Promise<void>): void {
    this.say("");
    request.then(() => this.schedule(), (err: unknown) => this.say(err instanceof Error ? err.message : String(err)));
  }

  private say(text: string): void {
    clearTimeout(this.messageTimer);
    this.message.textContent = text;
    if (text) this.messageTimer = setTimeout(() => { this.message.textContent = ""; }, 6000);
  }

  private dropBoard(): void {
    this.board?.destroy();
    this.board = undefined;
  }

  destroy(): void {
    this.dropBoard();
    clearTimeout(this.messageTimer);
    this.root.remove();
  }
}

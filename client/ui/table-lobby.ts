// A card table before its game: the chairs and who sits on them (bots marked), the game picker for
// seated people, sitting down or getting up, bots for the free chairs, and Start once enough chairs
// are filled (saying why not otherwise, in the server's own words).
import { gameList, type GameListing } from "../../shared/games/index.ts";
import { filledSeats, type TableSnapshot } from "../net/table-state.ts";
import { el } from "./element.ts";

export interface LobbyActions {
  sit(seat?: number): void;
  stand(): void;
  chooseGame(gameId: string): void;
  bots(count: number): void;
  start(): void;
}

/** Why the game cannot start with these chairs filled, or undefined when it can. */
export function whyNotStart(game: GameListing | undefined, filled: number): string | undefined {
  if (!game) return "Choose a game first.";
  const { min, max } = game.players;
  if (filled >= min && filled <= max) return undefined;
  return `${game.name} needs ${min === max ? min : `${min}–${max}`} players; ${filled} ${filled === 1 ? "sits" : "sit"} here. Add bots or wait for people.`;
}

const playersText = (g: GameListing) => (g.players.min === g.players.max ? `${g.players.min} players` : `${g.players.min}–${g.players.max} players`);

export function renderLobby(t: TableSnapshot, act: LobbyActions): HTMLElement {
  const games = gameList();
  const game = games.find((g) => g.id === t.gameId);
  const seated = t.mySeat !== undefined;
  const filled = filledSeats(t);
  const bots = t.seats.filter((s) => s.bot).length;
  const people = filled - bots;

  const picker = el("select", { class: "select small", id: `${t.id}-game`, "data-testid": "table-game", disabled: !seated },
    ...games.map((g) => el("option", { value: g.id, selected: g.id === t.gameId }, g.name)));
  picker.addEventListener("change", () => act.chooseGame(picker.value));

  const seats = el("ul", { class: "table-seats", "aria-label": "Chairs" }, ...t.seats.map((s) => {
    const free = s.sessionId === "" && !s.bot;
    let who: Node;
    if (free && !seated) {
      const sitHere = el("button", { class: "link-button", type: "button", "aria-label": `Sit on chair ${s.index + 1}` }, "free — sit here");
      sitHere.addEventListener("click", () => act.sit(s.index));
      who = sitHere;
    } else {
      who = el("span", { class: free ? "muted" : "table-seat-name" }, free ? "free" : s.name);
    }
    return el("li", { class: `table-seat${free ? " free" : ""}${s.mine ? " mine" : ""}`, "data-testid": "table-seat" },
      el("span", { class: "table-seat-no" }, String(s.index + 1)), who,
      s.bot ? el("span", { class: "badge bot-badge" }, "bot") : null,
      s.mine ? el("span", { class: "badge" }, "you") : null,
      !free && !s.bot && !s.connected ? el("span", { class: "person-state" }, "away") : null);
  }));

  const actions = el("div", { class: "table-actions" });
  if (seated) {
    const stand = el("button", { class: "button small", type: "button" }, "Stand");
    stand.addEventListener("click", () => act.stand());
    const fewer = el("button", { class: "np-btn", type: "button", "aria-label": "Fewer bots", disabled: bots === 0 }, "−");
    const more = el("button", { class: "np-btn", type: "button", "aria-label": "More bots", disabled: filled >= t.seats.length }, "+");
    fewer.addEventListener("click", () => act.bots(bots - 1));
    more.addEventListener("click", () => act.bots(bots + 1));
    // As many bots as the game takes with the people sitting here, no more than there are chairs.
    const want = Math.max(0, Math.min(game?.players.max ?? t.seats.length, t.seats.length) - people);
    const fill = el("button", { class: "button small", type: "button", disabled: want === bots }, "Fill empty seats with bots");
    fill.addEventListener("click", () => act.bots(want));
    const why = whyNotStart(game, filled);
    const start = el("button", { class: "button small primary", type: "button", disabled: why !== undefined }, "Start");
    start.addEventListener("click", () => act.start());
    actions.append(
      el("div", { class: "table-bots" }, el("span", { class: "muted small" }, "Bots"), fewer, el("span", { class: "table-bot-count", "aria-label": "Bots" }, String(bots)), more, fill),
      el("div", { class: "row tight table-buttons" }, start, stand));
    if (why) actions.append(el("p", { class: "table-why muted small", "data-testid": "table-why" }, why));
  } else {
    const sit = el("button", { class: "button small primary", type: "button", disabled: filled >= t.seats.length }, "Sit");
    sit.addEventListener("click", () => act.sit());
    actions.append(el("div", { class: "row tight table-buttons" }, sit),
      el("p", { class: "muted small" }, "Sit down to choose the game and play, or watch."));
  }

  return el("div", { class: "table-lobby", "data-testid": "table-lobby" },
    el("div", { class: "table-game-row" },
      el("label", { class: "field-label", for: picker.id }, "Game"), picker),
    game ? el("p", { class: "muted small table-summary" }, `${game.summary} ${playersText(game)}.`) : null,
    seats, actions);
}

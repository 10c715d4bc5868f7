// The browser lounge's entry: routes `/` to the start page and `/l/:id` to a lounge, without
// reloading the page between them.
import { Client } from "@colyseus/sdk";
import { loungeServerUrl } from "./net/api.ts";
import { StartPage } from "./ui/start-page.ts";
import { LoungePage } from "./ui/lounge-page.ts";
import { el } from "./ui/element.ts";
import type { NavigationState } from "./ui/navigation.ts";
import "./ui/styles.css";

interface Page { root: HTMLElement; destroy(): void }

const app = document.getElementById("app") ?? document.body;
const client = new Client(loungeServerUrl());
let current: Page | undefined;

function route(state: NavigationState): void {
  current?.destroy();
  const path = window.location.pathname;
  const lounge = /^\/l\/([^/]+)\/?$/.exec(path);
  if (lounge) {
    current = new LoungePage(decodeURIComponent(lounge[1]), client, navigate, state);
  } else if (path === "/" || path === "/index.html") {
    document.title = "Chill Lounge";
    current = new StartPage(client, navigate);
  } else {
    document.title = "Not found · Chill Lounge";
    const root = el("main", { class: "center-card card" }, el("h1", {}, "Nothing here"), el("p", {}, "This page does not exist."), el("a", { class: "button primary", href: "/" }, "Go to the lounges"));
    current = { root, destroy: () => root.remove() };
  }
  app.replaceChildren(current.root);
}

function navigate(path: string, state: NavigationState = {}): void {
  window.history.pushState(state, "", path);
  route(state);
}

window.addEventListener("popstate", (e) => route((e.state as NavigationState | null) ?? {}));
// Same-origin links navigate in place.
document.addEventListener("click", (e) => {
  const a = e.target instanceof Element ? e.target.closest("a") : null;
  if (!a || a.target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
route((window.history.state as NavigationState | null) ?? {});

// The page shown when a lounge will not let you in: what happened (the server's words), what to
// do next, and a button for each way forward (try again, sign in, continue as a guest, leave).
import { el } from "./element.ts";
import { joinRefusalAdvice, type RefusalContext } from "./join-refusal.ts";
import { signInPath } from "./navigation.ts";

export interface RefusalCardDeps extends RefusalContext {
  retry(): void;
  /** Drops the refused session, then tries again as a guest. */
  continueAsGuest(): Promise<void>;
}

export function refusalCard(code: number, serverMessage: string | undefined, deps: RefusalCardDeps): HTMLElement {
  const advice = joinRefusalAdvice(code, serverMessage, deps);
  document.title = `${advice.title} · Chill Lounge`;
  const here = window.location.pathname + window.location.search;
  const buttons = advice.actions.map((action): HTMLElement => {
    switch (action) {
      case "retry": {
        const b = el("button", { class: "button primary", type: "button" }, "Try again");
        b.addEventListener("click", () => deps.retry());
        return b;
      }
      case "sign-in":
        return el("a", { class: "button primary", href: signInPath(here) }, "Sign in");
      case "continue-as-guest": {
        const b = el("button", { class: "button", type: "button" }, "Continue as a guest");
        b.addEventListener("click", () => { b.disabled = true; void deps.continueAsGuest(); });
        return b;
      }
      case "home":
        return el("a", { class: "button", href: "/" }, "Other lounges");
    }
  });
  return el("section", { class: "center-card card refusal", role: "alert", "data-code": code },
    el("h1", {}, advice.title),
    el("p", { class: "refusal-message" }, advice.message),
    el("p", { class: "refusal-next muted" }, advice.next),
    el("div", { class: "refusal-actions" }, ...buttons.flatMap((b, i) => (i === 0 ? [b] : [" ", b]))));
}

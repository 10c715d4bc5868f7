// The start page's "You" card. A guest picks a name and an avatar (remembered in this browser) and
// may sign in or create an account; a signed-in person sees who they are, edits their profile
// (display name and avatar, used in every lounge) and can sign out here or everywhere.
import { loginBody, password as passwordRule, username as usernameRule, type UserDto } from "../../shared/accounts.ts";
import { avatarOr } from "../../shared/avatars.ts";
import { ApiFailure, errorMessage } from "../net/api.ts";
import { session } from "../net/session.ts";
import { el } from "./element.ts";
import { checkedForm, FieldProblem, formProblem } from "./field-error.ts";
import { IdentityPicker } from "./identity-picker.ts";
import { nameProblem, type Identity } from "./identity.ts";
import { nextPathOf } from "./navigation.ts";

/** The identity a profile joins with. */
export function identityOf(user: UserDto): Identity {
  const avatar = avatarOr(user.avatar, "fox");
  return { name: user.displayName, avatar };
}

/** Shows a failed request's words; a 429 also holds the button until the wait is over. */
function showFailure(err: unknown, problem: FieldProblem, button: HTMLButtonElement): void {
  problem.show(errorMessage(err), { focus: false });
  const wait = err instanceof ApiFailure ? err.retryAfterSeconds : undefined;
  if (!wait) { button.disabled = false; return; }
  const label = button.textContent ?? "";
  const until = Date.now() + wait * 1000;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0 || !button.isConnected) { button.disabled = false; button.textContent = label; return; }
    button.textContent = `Try again in ${left} s`;
    window.setTimeout(tick, 250);
  };
  tick();
}

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

export class AccountCard {
  readonly root = el("section", { class: "card account", id: "account", "aria-labelledby": "you-title" });
  private guestPicker: IdentityPicker | undefined;
  private readonly off: () => void;

  constructor(private readonly onSignedIn: () => void) {
    this.off = session.on("change", () => this.render());
    this.render();
  }

  /** Who joins a lounge: the profile when signed in, else the guest's pick (undefined, and says why, when invalid). */
  identity(): Identity | undefined {
    const user = session.user;
    if (user) return identityOf(user);
    return this.guestPicker?.validate();
  }

  private render(): void {
    const user = session.user;
    const title = el("h2", { id: "you-title" }, "You");
    if (user) {
      this.guestPicker = undefined;
      this.root.replaceChildren(title, ...this.signedIn(user));
    } else {
      this.guestPicker = new IdentityPicker();
      this.root.replaceChildren(title,
        el("p", { class: "muted" }, "Join as a guest with a name, or sign in to keep your profile and run private lounges."),
        this.guestPicker.root, this.accountForms());
    }
  }

  // ---- signed in ----

  private signedIn(user: UserDto): HTMLElement[] {
    const who = el("p", { class: "signed-in-as" }, "Signed in as ", el("strong", {}, user.displayName), ` (@${user.username})`);
    const picker = new IdentityPicker({ initial: identityOf(user), remember: false, nameLabel: "Display name" });
    const save = el("button", { class: "button primary", type: "submit" }, "Save profile");
    const saved = el("p", { class: "form-note", role: "status" });
    const problem = formProblem();
    const profile = checkedForm({ class: "profile-form", "aria-label": "Profile" }, picker.root, save, problem.line, saved);
    profile.addEventListener("submit", (e) => {
      e.preventDefault();
      const identity = picker.validate();
      if (!identity) return;
      save.disabled = true;
      problem.clear();
      saved.textContent = "";
      // Saving re-renders the card (session "change"); the note goes on the new one.
      session.updateProfile({ displayName: identity.name, avatar: identity.avatar }).then(
        () => { this.root.querySelector(".profile-form .form-note")?.replaceChildren("Profile saved ✓"); },
        (err: unknown) => showFailure(err, problem, save),
      );
    });

    const out = el("button", { class: "button", type: "button" }, "Sign out");
    const everywhere = el("button", { class: "button", type: "button" }, "Sign out everywhere");
    const outProblem = formProblem();
    out.addEventListener("click", () => {
      out.disabled = true;
      session.signOut().catch((err: unknown) => showFailure(err, outProblem, out));
    });
    everywhere.addEventListener("click", () => {
      everywhere.disabled = true;
      session.signOutEverywhere().then(
        (ended) => this.note(`Signed out of ${ended} session${ended === 1 ? "" : "s"}, on every device.`),
        (err: unknown) => showFailure(err, outProblem, everywhere),
      );
    });
    return [who, profile, el("div", { class: "account-actions" }, out, " ", everywhere), outProblem.line];
  }

  /** A line above the forms after the card re-rendered (e.g. after signing out everywhere). */
  private note(text: string): void {
    this.root.querySelector("h2")?.after(el("p", { class: "form-note", role: "status" }, text));
  }

  // ---- guest: sign in or create an account ----

  private accountForms(): HTMLElement {
    const signInTab = el("button", { class: "tab", type: "button", role: "tab", "aria-selected": "true", id: "tab-signin", "aria-controls": "signin-form" }, "Sign in");
    const signUpTab = el("button", { class: "tab", type: "button", role: "tab", "aria-selected": "false", id: "tab-signup", "aria-controls": "signup-form" }, "Create account");
    const signIn = this.signInForm();
    const signUp = this.signUpForm();
    signUp.hidden = true;
    const select = (up: boolean) => {
      signIn.hidden = up;
      signUp.hidden = !up;
      signInTab.setAttribute("aria-selected", String(!up));
      signUpTab.setAttribute("aria-selected", String(up));
      (up ? signUp : signIn).querySelector("input")?.focus();
    };
    signInTab.addEventListener("click", () => select(false));
    signUpTab.addEventListener("click", () => select(true));
    // Folded on a phone, so the lounges come first; open on a wide screen, or when a lounge sent
    // you here to sign in.
    const open = window.matchMedia("(min-width: 761px)").matches || nextPathOf(window.location.search) !== undefined;
    return el("details", { class: "account-forms", open },
      el("summary", {}, el("h3", {}, "Sign in or create an account")),
      el("div", { class: "tabs", role: "tablist", "aria-label": "Account" }, signInTab, signUpTab),
      signIn, signUp);
  }

  private fields(prefix: string, passwordAutocomplete: string) {
    const username = el("input", { id: `${prefix}-username`, class: "text-input", type: "text", name: "username", autocomplete: "username", maxlength: 64, autocapitalize: "none", spellcheck: "false" });
    const password = el("input", { id: `${prefix}-password`, class: "text-input", type: "password", name: "password", autocomplete: passwordAutocomplete, maxlength: 256 });
    const usernameProblem = new FieldProblem(username);
    const passwordProblem = new FieldProblem(password);
    return {
      username, password, usernameProblem, passwordProblem,
      nodes: [el("label", { class: "field-label", for: username.id }, "Username"), username, usernameProblem.line,
        el("label", { class: "field-label", for: password.id }, "Password"), password, passwordProblem.line],
    };
  }

  private signInForm(): HTMLFormElement {
    const f = this.fields("signin", "current-password");
    const problem = formProblem();
    const submit = el("button", { class: "button primary", type: "submit" }, "Sign in");
    const form = checkedForm({ class: "signin-form", id: "signin-form", role: "tabpanel", "aria-labelledby": "tab-signin" }, ...f.nodes, submit, problem.line);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const body = { username: f.username.value.trim(), password: f.password.value };
      const userIssue = firstIssue(loginBody.shape.username.safeParse(body.username));
      if (userIssue) { f.usernameProblem.show(userIssue); return; }
      const passwordIssue = firstIssue(loginBody.shape.password.safeParse(body.password));
      if (passwordIssue) { f.passwordProblem.show(passwordIssue); return; }
      submit.disabled = true;
      problem.clear();
      session.signIn(body).then(() => this.onSignedIn(), (err: unknown) => {
        showFailure(err, problem, submit);
        f.password.select();
      });
    });
    return form;
  }

  private signUpForm(): HTMLFormElement {
    const f = this.fields("signup", "new-password");
    const problem = formProblem();
    const submit = el("button", { class: "button primary", type: "submit" }, "Create my account");
    const form = checkedForm({ class: "signup-form", id: "signup-form", role: "tabpanel", "aria-labelledby": "tab-signup" },
      ...f.nodes,
      el("p", { class: "muted small" }, "Your account starts with the name and avatar picked above; you can change them later."),
      submit, problem.line);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const username = f.username.value.trim();
      const userIssue = firstIssue(usernameRule.safeParse(username));
      if (userIssue) { f.usernameProblem.show(userIssue); return; }
      const passwordIssue = firstIssue(passwordRule.safeParse(f.password.value));
      if (passwordIssue) { f.passwordProblem.show(passwordIssue); return; }
      // The guest pick carries over when it is a valid name; otherwise the server uses the username.
      const pick = this.guestPicker?.current();
      const displayName = pick && !nameProblem(pick.name) ? pick.name : undefined;
      submit.disabled = true;
      problem.clear();
      session.signUp({ username, password: f.password.value, displayName, avatar: pick?.avatar }).then(
        () => this.onSignedIn(),
        (err: unknown) => showFailure(err, problem, submit),
      );
    });
    return form;
  }

  destroy(): void {
    this.off();
    this.root.remove();
  }
}

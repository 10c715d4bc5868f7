// What to tell someone the lounge would not let in, for each refusal code (shared/join-errors.ts):
// a title, the server's own sentence (it says which invite problem, until when a ban runs…), what
// to do next, and which buttons to offer. Pure, so every code's words are unit-tested.
import { JoinErrorCode } from "../../shared/join-errors.ts";

export type RefusalAction = "retry" | "sign-in" | "continue-as-guest" | "home";

export interface RefusalAdvice { title: string; message: string; next: string; actions: RefusalAction[] }

export interface RefusalContext { signedIn: boolean; hadInvite: boolean }

export function joinRefusalAdvice(code: number, serverMessage: string | undefined, ctx: RefusalContext): RefusalAdvice {
  const said = serverMessage?.trim() || undefined;
  switch (code) {
    case JoinErrorCode.SESSION_INVALID:
      return {
        title: "Your sign-in is not valid", message: said ?? "This browser's sign-in was not recognised.",
        next: "Sign in again, or continue as a guest with a display name.", actions: ["sign-in", "continue-as-guest", "home"],
      };
    case JoinErrorCode.SESSION_EXPIRED:
      return {
        title: "Your session has expired", message: said ?? "You were signed out after a long time away.",
        next: "Sign in again, or continue as a guest with a display name.", actions: ["sign-in", "continue-as-guest", "home"],
      };
    case JoinErrorCode.INVITE_REQUIRED:
      return {
        title: "This lounge is private",
        message: said ?? "Only its members and people with an invite link can come in.",
        next: ctx.signedIn
          ? "Ask the lounge's owner for an invite link and open it here."
          : "Ask the lounge's owner for an invite link. If you are a member, sign in first.",
        actions: ctx.signedIn ? ["home"] : ["sign-in", "home"],
      };
    case JoinErrorCode.INVITE_INVALID:
      return {
        title: "This invite link does not work any more",
        message: said ?? "It may have expired, been used up or been revoked.",
        next: ctx.signedIn
          ? "Ask the lounge's owner for a new invite link."
          : "Ask the lounge's owner for a new invite link. If you are already a member, sign in instead.",
        actions: ctx.signedIn ? ["home"] : ["sign-in", "home"],
      };
    case JoinErrorCode.BANNED:
      return {
        title: "You are banned from this lounge", message: said ?? "A moderator banned you from this lounge.",
        next: "You cannot come back in until the ban ends. Other lounges are open to you.", actions: ["home"],
      };
    case JoinErrorCode.LOUNGE_FULL:
      return {
        title: "This lounge is full", message: said ?? "Every seat is taken right now.",
        next: "Try again in a little while, or pick another lounge.", actions: ["retry", "home"],
      };
    case JoinErrorCode.LOUNGE_NOT_FOUND:
      return {
        title: "No such lounge", message: said ?? "This lounge does not exist (any more).",
        next: "Check the link, or pick a lounge from the list.", actions: ["home"],
      };
    case JoinErrorCode.INVALID_OPTIONS:
      return {
        title: "Cannot join with these details", message: said ?? "The lounge did not accept the name or avatar.",
        next: "Pick another name or avatar and try again.", actions: ["retry", "home"],
      };
    default:
      return {
        title: "The lounge did not let you in", message: said ?? `The server refused the join (${code}).`,
        next: "Try again in a moment; if it keeps happening, pick another lounge.", actions: ["retry", "home"],
      };
  }
}

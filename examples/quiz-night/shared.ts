// Quiz night, the half both sides import: the quiz's slice of the state, its messages and its error
// codes. (A mod's client would import this file too; the server imports it in quiz-feature.ts.)
import { z } from "zod";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { LoungeState } from "../../shared/state/lounge-state.ts";

export const QUIZ_ROOM = "quiz-night";
export const MAX_CHOICES = 4;

export const QuizRound = schema({
  /** "idle" before the first question, "asking" while answers are open, "revealed" after. */
  phase: t.string().default("idle"),
  round: t.uint16().default(0),
  question: t.string().default(""),
  choices: t.array("string"),
  /** Server time (ms) when answers close; clients count down with their clock estimate. */
  closesAt: t.float64().default(0),
  /** The right choice: -1 until revealed, so nobody can read it off the state while answering. */
  correct: t.int8().default(-1),
  /** How many people present have answered this round (not what they answered). */
  answered: t.uint16().default(0),
  /** sessionId → points this evening. */
  scores: t.map("uint16"),
}, "QuizRound");
export type QuizRound = SchemaType<typeof QuizRound>;

/** The lounge's state with the quiz's slice added: chat, avatars and music keep theirs. */
export const QuizLoungeState = LoungeState.extend({ quiz: t.ref(QuizRound) }, "QuizLoungeState");
export type QuizLoungeState = SchemaType<typeof QuizLoungeState>;

export const quizMessages = {
  /** The owner or a moderator asks a question; answers close after `seconds`. */
  "quiz:ask": z.object({
    question: z.string().trim().min(1, "Ask something.").max(200),
    choices: z.array(z.string().trim().min(1).max(80)).min(2, "Give at least two choices.").max(MAX_CHOICES),
    correct: z.number().int().min(0).max(MAX_CHOICES - 1),
    seconds: z.number().int().min(5).max(120).default(20),
  }).strict().refine((q) => q.correct < q.choices.length, { message: "correct must be the index of one of the choices", path: ["correct"] }),
  /** Anyone present answers once per round: the index of a choice. */
  "quiz:answer": z.object({ choice: z.number().int().min(0).max(MAX_CHOICES - 1) }).strict(),
} as const;

/** Reply to `quiz:answer`: taken, and whether it can still change (it cannot). */
export interface QuizAnswerAck { round: number }

// The quiz's own error codes join the built-in ones (clients switch on `code`).
declare module "../../shared/errors.ts" {
  interface RoomErrorCodes {
    /** No question is open for answers right now. */
    QUIZ_NOT_OPEN: true;
    /** This person already answered this round. */
    QUIZ_ALREADY_ANSWERED: true;
    /** A question is still open; wait for it to close before asking the next. */
    QUIZ_BUSY: true;
  }
}

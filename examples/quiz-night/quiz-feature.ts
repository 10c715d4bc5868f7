// Quiz night, the server half: one feature that owns `state.quiz` and the `quiz:*` messages. The
// right answer and who answered what stay on the server until the round closes; then everyone who
// was right scores a point. It sees only the host contract, like the built-in features.
import type { Client } from "@colyseus/core";
import type { z } from "zod";
import { LoungeFeature } from "../../server/rooms/feature.ts";
import { refuse, type Refusal } from "../../server/rooms/refusal.ts";
import type { Timer } from "../../server/rooms/clock.ts";
import { RateLimiter } from "../../server/features/rate-limit.ts";
import { canModerate } from "../../shared/moderation.ts";
import { QuizRound, quizMessages, type QuizAnswerAck, type QuizLoungeState } from "./shared.ts";

type Msg<K extends keyof typeof quizMessages> = z.output<(typeof quizMessages)[K]>;

export class QuizFeature extends LoungeFeature<QuizLoungeState> {
  /** sessionId → choice, for the open round only. Never in the state: that would give it away. */
  private readonly answers = new Map<string, number>();
  private correct = -1;
  private closeTimer: Timer | undefined;
  private readonly limiter = new RateLimiter({ burst: 5, perSecond: 1 }, () => this.host.clock.now());

  protected override messages = this.handlers(quizMessages, {
    "quiz:ask": {
      who: canModerate,
      denied: "Only the lounge's owner and moderators ask the questions; answer them instead.",
      limit: this.limiter,
      handle: (_client, msg) => this.onAsk(msg),
    },
    "quiz:answer": { limit: this.limiter, handle: (client, msg) => this.onAnswer(client, msg) },
  });

  private get quiz(): QuizRound { return this.host.state.quiz; }

  protected override onCreate(): void {
    this.host.state.quiz = new QuizRound();
  }

  onAsk(msg: Msg<"quiz:ask">): Refusal | { round: number } {
    if (this.quiz.phase === "asking") return refuse("QUIZ_BUSY", "A question is still open; wait for it to close before asking the next.");
    this.answers.clear();
    this.correct = msg.correct;
    const quiz = this.quiz;
    quiz.round += 1;
    quiz.question = msg.question;
    quiz.choices.clear();
    quiz.choices.push(...msg.choices);
    quiz.correct = -1;
    quiz.answered = 0;
    quiz.closesAt = this.host.clock.now() + msg.seconds * 1000;
    quiz.phase = "asking";
    this.closeTimer?.clear();
    this.closeTimer = this.host.clock.setTimeout(() => this.reveal(), msg.seconds * 1000);
    return { round: quiz.round };
  }

  onAnswer(client: Client, msg: Msg<"quiz:answer">): Refusal | QuizAnswerAck {
    const quiz = this.quiz;
    if (quiz.phase !== "asking") return refuse("QUIZ_NOT_OPEN", "No question is open right now; wait for the next one.");
    if (msg.choice >= quiz.choices.length) return refuse("INVALID_MESSAGE", `There are only ${quiz.choices.length} choices.`);
    if (this.answers.has(client.sessionId)) return refuse("QUIZ_ALREADY_ANSWERED", "You already answered this round.");
    this.answers.set(client.sessionId, msg.choice);
    quiz.answered = this.answers.size;
    // Everyone present has answered: no need to wait out the clock.
    if (this.answers.size >= this.host.state.players.size) this.reveal();
    return { round: quiz.round };
  }

  /** Closes the round: the right choice shows, and everyone who picked it scores a point. */
  private reveal(): void {
    this.closeTimer?.clear();
    this.closeTimer = undefined;
    const quiz = this.quiz;
    if (quiz.phase !== "asking") return;
    for (const [sessionId, choice] of this.answers) {
      if (choice === this.correct && this.host.player(sessionId)) quiz.scores.set(sessionId, (quiz.scores.get(sessionId) ?? 0) + 1);
    }
    quiz.correct = this.correct;
    quiz.phase = "revealed";
    this.answers.clear();
  }

  protected override onLeave(client: Client): void {
    this.limiter.forget(client.sessionId);
    this.quiz.scores.delete(client.sessionId);
    if (this.answers.delete(client.sessionId)) this.quiz.answered = this.answers.size;
  }

  protected override onDispose(): void {
    this.closeTimer?.clear();
  }
}

// Quiz night's tests: the feature alone in the harness (time advanced, never slept), then the Room
// type end to end on the test server, where it is registered through LOUNGE_MODS.
import assert from "node:assert/strict";
import { ColyseusSDK, type Room as SDKRoom } from "@colyseus/sdk";
import { FeatureHarness, type TestSeat } from "../../server/testing/feature-harness.ts";
import { QuizFeature } from "./quiz-feature.ts";
import { QuizLoungeState, QUIZ_ROOM } from "./shared.ts";
import { testServer } from "../../test/support/server.ts";
import { api, register } from "../../test/support/accounts.ts";
import { leaveAll } from "../../test/support/lounges.ts";
import { refusal, waitFor } from "../../test/support/wait.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import type { ChatAck } from "../../shared/protocol.ts";

const question = { question: "Which planet is largest?", choices: ["Mars", "Jupiter", "Venus"], correct: 1, seconds: 20 };

describe("quiz night (example mod): the feature alone", () => {
  let harness: FeatureHarness<QuizLoungeState>;
  let host: TestSeat, ada: TestSeat, bo: TestSeat;

  beforeEach(async () => {
    harness = await FeatureHarness.create({ features: { quiz: new QuizFeature() }, state: new QuizLoungeState() });
    host = await harness.join({ name: "Host", role: "owner" });
    ada = await harness.join({ name: "Ada" });
    bo = await harness.join({ name: "Bo" });
  });
  afterEach(() => harness.dispose());

  it("keeps the right answer off the state while answers are open, then scores those who were right when time runs out", async () => {
    assert.deepEqual(await harness.send(host, "quiz:ask", question), { ok: true, reply: { round: 1 } });
    const quiz = harness.state.quiz;
    assert.equal(quiz.phase, "asking");
    assert.deepEqual([...quiz.choices], ["Mars", "Jupiter", "Venus"]);
    assert.equal(quiz.correct, -1, "the answer is not in the state anyone receives");
    assert.equal((await harness.send(ada, "quiz:answer", { choice: 1 })).ok, true);
    assert.equal((await harness.send(bo, "quiz:answer", { choice: 0 })).ok, true);
    assert.equal(quiz.answered, 2);
    harness.clock.advance(19_999);
    assert.equal(quiz.phase, "asking", "still open a moment before the deadline");
    harness.clock.advance(1);
    assert.equal(quiz.phase, "revealed");
    assert.equal(quiz.correct, 1);
    assert.equal(quiz.scores.get(ada.sessionId), 1);
    assert.equal(quiz.scores.get(bo.sessionId), undefined);
  });

  it("closes at once when everyone present has answered", async () => {
    await harness.send(host, "quiz:ask", question);
    for (const seat of [host, ada, bo]) await harness.send(seat, "quiz:answer", { choice: 1 });
    assert.equal(harness.state.quiz.phase, "revealed");
    assert.equal(harness.clock.timers, 0, "no timer left behind");
  });

  it("refuses a guest's question, a second answer, an answer with nothing open and a choice that is not there", async () => {
    const asked = await harness.send(ada, "quiz:ask", question);
    assert.equal(asked.ok ? "" : asked.error.code, "FORBIDDEN");
    const early = await harness.send(ada, "quiz:answer", { choice: 0 });
    assert.equal(early.ok ? "" : early.error.code, "QUIZ_NOT_OPEN");
    await harness.send(host, "quiz:ask", question);
    await harness.send(ada, "quiz:answer", { choice: 2 });
    const again = await harness.send(ada, "quiz:answer", { choice: 1 });
    assert.equal(again.ok ? "" : again.error.code, "QUIZ_ALREADY_ANSWERED");
    const missing = await harness.send(bo, "quiz:answer", { choice: 3 });
    assert.equal(missing.ok ? "" : missing.error.code, "INVALID_MESSAGE");
    const busy = await harness.send(host, "quiz:ask", question);
    assert.equal(busy.ok ? "" : busy.error.code, "QUIZ_BUSY");
    const malformed = await harness.send(host, "quiz:ask", { ...question, correct: 5 });
    assert.equal(malformed.ok ? "" : malformed.error.code, "INVALID_MESSAGE");
    assert.equal(harness.state.quiz.answered, 1, "only Ada's first answer counts");
  });
});

type QuizClient = SDKRoom<unknown, QuizLoungeState>;

describe("quiz night (example mod): its Room type on a server", () => {
  let rooms: QuizClient[] = [];
  afterEach(async () => { await leaveAll(...rooms); rooms = []; });

  async function joinQuiz(loungeId: string, options: Record<string, unknown>): Promise<QuizClient> {
    const { baseUrl } = await testServer();
    const room = await new ColyseusSDK(baseUrl).joinOrCreate<QuizLoungeState>(QUIZ_ROOM, { loungeId, ...options });
    room.onMessage("*", () => {});
    rooms.push(room as QuizClient);
    await waitFor(() => room.state?.quiz !== undefined, { what: "the quiz state" });
    return room as QuizClient;
  }

  it("serves a quiz-night lounge: built-in chat works beside the quiz, answers stay hidden until the reveal, refusals are clear", async () => {
    const owner = await register({ displayName: "Quizmaster" });
    const created = await api<{ id: string; kind: string }>("/api/lounges", { json: { name: "Quiz night", kind: QUIZ_ROOM }, cookie: owner.cookie });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.kind, QUIZ_ROOM);
    const loungeId = created.body.id;

    const master = await joinQuiz(loungeId, { sessionToken: owner.token });
    const ada = await joinQuiz(loungeId, { name: "Ada", avatar: "fox" });
    const bo = await joinQuiz(loungeId, { name: "Bo", avatar: "cat" });

    const ack = await ada.request<unknown, ChatAck>("chat:send", { text: "ready!", nonce: "q1" });
    assert.ok(ack.id > 0, "the built-in chat feature serves this Room type too");

    assert.equal((await refusal(bo.request("quiz:ask", question))).code, "FORBIDDEN");
    await master.request("quiz:ask", question);
    await waitFor(() => ada.state.quiz.phase === "asking", { what: "the question to reach Ada" });
    assert.equal(ada.state.quiz.question, question.question);
    assert.equal(ada.state.quiz.correct, -1);
    await ada.request("quiz:answer", { choice: 1 });
    assert.equal((await refusal(ada.request("quiz:answer", { choice: 0 }))).code, "QUIZ_ALREADY_ANSWERED");
    await bo.request("quiz:answer", { choice: 2 });
    await master.request("quiz:answer", { choice: 1 });
    await waitFor(() => bo.state.quiz.phase === "revealed", { what: "the reveal" });
    assert.equal(bo.state.quiz.correct, 1);
    assert.equal(bo.state.quiz.scores.get(ada.sessionId), 1);
    assert.equal(bo.state.quiz.scores.get(bo.sessionId), undefined);
  });

  it("refuses to open a quiz lounge as a plain lounge, and a lounge of a kind the server does not have", async () => {
    const created = await api<{ id: string }>("/api/lounges", { json: { name: "Quiz", kind: QUIZ_ROOM } });
    const { baseUrl } = await testServer();
    await assert.rejects(new ColyseusSDK(baseUrl).joinOrCreate("lounge", { loungeId: created.body.id, name: "Ada", avatar: "fox" }),
      (err: { code?: number; message?: string }) => err.code === JoinErrorCode.WRONG_ROOM_KIND && /quiz-night/.test(err.message ?? ""));
    const unknown = await api("/api/lounges", { json: { name: "Karaoke", kind: "karaoke" } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, "UNKNOWN_ROOM_KIND");
  });
});

// Quiz night as a mod: a Room type made of the built-in lounge's features plus the quiz. Load it
// with LOUNGE_MODS=./examples/quiz-night/mod.ts; lounges created with `kind: "quiz-night"` use it.
import type { LoungeMod } from "../../server/rooms/registry.ts";
import { loungeFeatures } from "../../server/rooms/registry.ts";
import { QuizFeature } from "./quiz-feature.ts";
import { QUIZ_ROOM, QuizLoungeState } from "./shared.ts";

const quizNight: LoungeMod = {
  name: "quiz-night",
  register(rooms) {
    rooms.addLounge({
      name: QUIZ_ROOM,
      state: () => new QuizLoungeState(),
      features: () => ({ ...loungeFeatures(), quiz: new QuizFeature() }),
    });
  },
};

export default quizNight;
